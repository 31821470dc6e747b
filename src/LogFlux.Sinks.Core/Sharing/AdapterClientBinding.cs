using LogFlux.Sinks.Adapters;
using LogFlux.Sinks.Options;

namespace LogFlux.Sinks.Sharing;

/// <summary>
/// A framework adapter's hold on its LogFlux client; every adapter uses this one type. It chooses the client: an
/// explicit client, the client of a dependency-injection source, a lease on the shared client registered for the
/// adapter's API key and endpoint (<see cref="LogFluxClientRegistry"/>), or, without an API key, the
/// <c>LogFluxSdk.Init</c> client.
/// <para>
/// Late pick-up: an adapter without an API key may be configured before <c>LogFluxSdk.Init</c> runs. Each event makes
/// one volatile read of the attached client (and of its closed flag when it is the Init client). While none is
/// attached, the event reads <see cref="LogFluxSdk.Client"/> and attaches what it finds with a compare-and-swap, and is
/// sent through it: no lock, no timer, no retry interval, so no event logged after <c>Init</c> returned is dropped. A
/// closed Init client is let go and the next one is picked up the same way.
/// </para>
/// <para>
/// Events logged while there is no client are counted (<see cref="NoClientDrops"/>, reason <c>no_client</c>) and said
/// once through the adapter's channel, again only after a client was found and lost. Flush and close are bounded by
/// their timeout and never throw; closing releases the lease, and only the last lease on a shared client closes it: an
/// explicit, injected or Init client is never closed here.
/// </para>
/// </summary>
internal sealed partial class AdapterClientBinding
{
    private static readonly TimeSpan DefaultShutdownTimeout = new LogFluxOptions().ShutdownTimeout;

    private readonly AdapterChannel _channel;
    private readonly ILogFluxClientSource? _source;
    private readonly bool _followsInit;
    private readonly EventHandler<LogFluxDiagnostic> _forward;
    private LogFluxClient? _attached;
    private LogFluxClientLease? _lease;
    private int _closed;

    private AdapterClientBinding(AdapterChannel channel, TimeSpan shutdownTimeout, bool followsInit = false, ILogFluxClientSource? source = null)
    {
        _channel = channel;
        _followsInit = followsInit;
        _source = source;
        _forward = channel.ForwardsClientDiagnostics ? (_, diagnostic) => channel.Write(diagnostic) : static (_, _) => { };
        channel.Drops.Rearm();
        ShutdownTimeout = shutdownTimeout;
    }

    /// <summary>The budget of a flush or close given no timeout of its own.</summary>
    public TimeSpan ShutdownTimeout { get; }

    /// <summary>Events dropped because there was no client (counted on the channel, across its bindings).</summary>
    public long NoClientDrops => _channel.Drops.Count;

    /// <summary>True while the binding has a client it can send to (without picking one up).</summary>
    public bool HasClient => Volatile.Read(ref _attached) is { IsClosed: false } || _source?.Client is not null;

    /// <summary>The client to send to, or null (then count the event with <see cref="CountNoClient"/>). Never throws.</summary>
    public LogFluxClient? Client
    {
        get
        {
            var attached = Volatile.Read(ref _attached);
            if (attached is not null && !(_followsInit && attached.IsClosed)) return attached;
            if (_followsInit) return PickUpInitClient(attached);
            return _source is not null && Volatile.Read(ref _closed) == 0 ? _source.Client : null;
        }
    }

    /// <summary>
    /// Binds to the adapter's own options: with an API key (argument or <c>LOGFLUX_*</c> environment, applied here with
    /// invalid values reported through the channel) to the shared client of that key, else to the <c>LogFluxSdk.Init</c>
    /// client, naming the options that then do not apply.
    /// </summary>
    /// <exception cref="LogFluxConfigurationException">The API key or an option is invalid (the adapter reports it its own way, or uses <see cref="Unusable"/>).</exception>
    public static AdapterClientBinding Open(LogFluxOptions options, AdapterChannel channel)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ApplyEnvironmentDefaults(reportInvalid: problem => channel.Report(LogFluxDiagnosticLevel.Warning, problem));
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            ReportIgnoredSettings(options, channel, "the client set up by LogFluxSdk.Init");
            var binding = new AdapterClientBinding(channel, options.ShutdownTimeout, followsInit: true);
            binding.PickUpInitClient(null);
            return binding;
        }
        options.Validate();
        var shared = new AdapterClientBinding(channel, options.ShutdownTimeout);
        shared.Attach(AcquireReporting(options, channel));
        return shared;
    }

    /// <summary>Binds to a client the application passed in; it is never closed here.</summary>
    public static AdapterClientBinding ForClient(LogFluxClient client, AdapterChannel channel)
    {
        ArgumentNullException.ThrowIfNull(client);
        var binding = new AdapterClientBinding(channel, client.Options.ShutdownTimeout);
        binding.Attach(client);
        return binding;
    }

    /// <summary>Binds to the client of a dependency-injection source (read on each event); <paramref name="options"/> are the adapter's own, named when they do not apply.</summary>
    public static AdapterClientBinding ForSource(ILogFluxClientSource source, LogFluxOptions options, AdapterChannel channel)
    {
        ReportIgnoredSettings(options, channel, "the client of the ASP.NET Core integration (services.AddLogFlux())");
        var binding = new AdapterClientBinding(channel, options.ShutdownTimeout, source: source);
        if (source.Client is { } client) client.Diagnostic += binding._forward;
        return binding;
    }

    /// <summary>A binding that never has a client: the configuration was invalid and the adapter already said so (no second report).</summary>
    public static AdapterClientBinding Unusable(AdapterChannel channel, TimeSpan? shutdownTimeout = null)
    {
        var binding = new AdapterClientBinding(channel, shutdownTimeout ?? DefaultShutdownTimeout);
        channel.Drops.ClaimReport();
        return binding;
    }

    /// <summary>Counts events dropped for want of a client; the first since a client was last available is reported.</summary>
    public void CountNoClient(int count = 1)
    {
        if (count <= 0) return;
        var report = false;
        for (var i = 0; i < count; i++) report |= _channel.Drops.Add();
        if (!report || Volatile.Read(ref _closed) != 0) return;
        _channel.Report(LogFluxDiagnosticLevel.Warning,
            $"no API key is configured ({_channel.ApiKeySettings}) and LogFluxSdk.Init has not been called; events are dropped (reason {DropReasons.NoClient}, counted in {_channel.DropCounter}).");
    }

    private LogFluxClient? PickUpInitClient(LogFluxClient? current)
    {
        if (Volatile.Read(ref _closed) != 0) return null;
        var init = LogFluxSdk.Client;
        if (init is null) return null;
        if (Interlocked.CompareExchange(ref _attached, init, current) != current) return Volatile.Read(ref _attached);
        if (current is not null) current.Diagnostic -= _forward;
        init.Diagnostic += _forward;
        _channel.Drops.Rearm();
        // A close that ran meanwhile took nothing or the previous client: let go of this one as well.
        if (Volatile.Read(ref _closed) != 0 && Interlocked.CompareExchange(ref _attached, null, init) == init) init.Diagnostic -= _forward;
        return init;
    }

    private void Attach(LogFluxClientLease lease)
    {
        _lease = lease;
        Attach(lease.Client);
    }

    private void Attach(LogFluxClient client)
    {
        client.Diagnostic += _forward;
        Volatile.Write(ref _attached, client);
    }

    /// <summary>
    /// Diagnostics raised while acquiring (creating the client, settings that conflict with a client already shared)
    /// arrive before the subscription exists: the options' listener forwards just those, besides calling the user's.
    /// The invalid environment values the client reports again were already reported when they were applied.
    /// </summary>
    private static LogFluxClientLease AcquireReporting(LogFluxOptions options, AdapterChannel channel)
    {
        var acquiring = 1;
        var user = options.DiagnosticListener;
        var reported = options.EnvironmentProblems;
        options.DiagnosticListener = diagnostic =>
        {
            user?.Invoke(diagnostic);
            if (Volatile.Read(ref acquiring) == 1 && !reported.Any(diagnostic.Message.Contains)) channel.Write(diagnostic);
        };
        try
        {
            return LogFluxClientRegistry.Acquire(options);
        }
        finally
        {
            Volatile.Write(ref acquiring, 0);
        }
    }

    private static void ReportIgnoredSettings(LogFluxOptions options, AdapterChannel channel, string client)
    {
        var ignored = LogFluxOptionText.ExplicitSettingsBesidesApiKey(options);
        if (ignored.Count == 0) return;
        channel.Report(LogFluxDiagnosticLevel.Warning,
            $"no API key is configured, so {client} is used; it keeps its own settings, and these options do not apply: {string.Join(", ", ignored)}.");
    }
}
