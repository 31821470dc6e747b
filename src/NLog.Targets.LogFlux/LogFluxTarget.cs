using LogFlux.Sinks;
using LogFlux.Sinks.Adapters;
using LogFlux.Sinks.Sharing;
using NLog.Common;
using NLog.Config;
using NLog.Targets.LogFlux.Internal;

namespace NLog.Targets.LogFlux;

/// <summary>
/// NLog target that sends events to LogFlux, end-to-end encrypted. <c>Write</c> only maps the event and
/// hands it to the LogFlux client's bounded queue (never blocks, never throws); batching, compression,
/// encryption and HTTP happen on the client's background senders. Targets configured with the same API key
/// and endpoint share one client. <c>LogManager.Flush()</c> and <c>LogManager.Shutdown()</c> flush it within
/// <see cref="LogFluxTarget.ShutdownTimeout"/>.
/// </summary>
/// <example>
/// <code>
/// &lt;target name="logflux" type="LogFlux" apiKey="${environment:LOGFLUX_API_KEY}" source="checkout-api" /&gt;
/// </code>
/// </example>
[Target("LogFlux")]
public sealed partial class LogFluxTarget : TargetWithContext
{
    private static readonly DiagnosticOnceFilter s_diagnostics = new();
    private readonly AdapterChannel _channel;
    private AdapterClientBinding _binding;
    private NLogLevelMap _levels = new();
    private IJsonConverter? _json;
    private string _description = "LogFlux target";

    /// <summary>Creates the target with its defaults (message layout <c>${message}</c>, event and scope properties included).</summary>
    public LogFluxTarget()
    {
        Layout = "${message}";
        IncludeEventProperties = true;
        IncludeScopeProperties = true;
        _channel = new AdapterChannel(ForwardDiagnostic, "apiKey setting or LOGFLUX_API_KEY", nameof(DroppedWithoutClient));
        _binding = AdapterClientBinding.Unusable(_channel);
    }

    /// <summary>Creates the target with a name.</summary>
    /// <param name="name">The target name.</param>
    public LogFluxTarget(string name) : this()
    {
        Name = name;
    }

    /// <summary>Events dropped because the target had no client (no API key and no <c>LogFluxSdk.Init</c>); reason <c>no_client</c>.</summary>
    public long DroppedWithoutClient => _channel.Drops.Count;

    /// <summary>The client's counters (queued, sent, dropped by reason, ...), or null while the target has no client.</summary>
    /// <returns>A snapshot of the statistics.</returns>
    public LogFluxStats? GetStats() => _binding.Client?.GetStats();

    /// <inheritdoc />
    protected override void InitializeTarget()
    {
        base.InitializeTarget();

        var reader = new OptionReader(layout => RenderLogEvent(layout, LogEventInfo.CreateNullEvent()));
        var options = reader.Read(OptionSettings());
        var levels = NLogLevelMap.Parse(reader.Render(LevelMapping, nameof(LevelMapping)), out var levelError);
        if (levelError is not null) reader.AddError(nameof(LevelMapping), levelError);
        if (reader.Errors.Count > 0)
        {
            throw new NLogConfigurationException($"{this}: invalid setting(s): {string.Join("; ", reader.Errors)}");
        }

        _description = ToString();
        _levels = levels!;
        _json = TryResolveJsonConverter();
        try
        {
            _binding = AdapterClientBinding.Open(options, _channel);
        }
        catch (LogFluxConfigurationException ex)
        {
            throw new NLogConfigurationException($"{this}: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    protected override void Write(LogEventInfo logEvent)
    {
        try
        {
            var level = _levels.Map(logEvent.Level);
            if (level is null) return;

            var client = _binding.Client;
            if (client is null)
            {
                _binding.CountNoClient();
                return;
            }

            var traceId = TraceId is null ? null : RenderLogEvent(TraceId, logEvent);
            var spanId = SpanId is null ? null : RenderLogEvent(SpanId, logEvent);
            var message = RenderLogEvent(Layout, logEvent);
            var properties = GetAllProperties(logEvent);
            client.Enqueue(LogEventMapper.ToRecord(logEvent, level.Value, message, properties, traceId, spanId, _json));
        }
        catch (Exception ex)
        {
            InternalLogger.Error(ex, "{0}: could not convert an event; it was not sent", this);
        }
    }

    /// <inheritdoc />
    protected override void FlushAsync(AsyncContinuation asyncContinuation)
    {
        var timeout = _binding.ShutdownTimeout;
        _binding.FlushAsync().ContinueWith(
            task => asyncContinuation(task.Result
                ? null
                : new TimeoutException($"{this}: not every queued entry was delivered within {timeout.TotalSeconds:0.###} s; see the client statistics for drops.")),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>
    /// Releases the client (the last user of a shared client closes it). <c>LogManager.Shutdown()</c> flushes every
    /// target and then closes it: one <see cref="ShutdownTimeout"/> covers both.
    /// </summary>
    protected override void CloseTarget()
    {
        _binding.Close();
        base.CloseTarget();
    }

    /// <summary>
    /// A name that is already taken keeps its first value: event properties are collected before scope
    /// properties, so they win (explicit beats ambient). The duplicate gets a marked name that the mapping skips.
    /// </summary>
    /// <inheritdoc />
    protected override string GenerateUniqueItemName(LogEventInfo logEvent, string itemName, object? itemValue, IDictionary<string, object?> combinedProperties)
        => LogEventMapper.DuplicateMarker + itemName;

    private void ForwardDiagnostic(LogFluxDiagnostic diagnostic)
    {
        if (s_diagnostics.TryClaim(diagnostic)) InternalLoggerBridge.Write(_description, diagnostic);
    }

    private IJsonConverter? TryResolveJsonConverter()
    {
        try
        {
            return ResolveService<IJsonConverter>();
        }
        catch (Exception)
        {
            return null;
        }
    }
}
