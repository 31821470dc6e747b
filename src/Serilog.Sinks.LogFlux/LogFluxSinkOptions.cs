using LogFlux.Sinks;

namespace Serilog.Sinks.LogFlux;

/// <summary>
/// Options of the LogFlux sink for the <c>WriteTo.LogFlux(Action&lt;LogFluxSinkOptions&gt;)</c> and
/// <c>AuditTo.LogFlux(Action&lt;LogFluxSinkOptions&gt;)</c> overloads: the core client options plus the
/// settings that only concern Serilog.
/// </summary>
public sealed class LogFluxSinkOptions
{
    /// <summary>The default of <see cref="AuditDeliveryTimeout"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultAuditDeliveryTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Options of the LogFlux client (API key, endpoint, batching, retries, …). Options left unset are filled
    /// from the <c>LOGFLUX_*</c> environment variables; an explicit setting always wins.
    /// </summary>
    public LogFluxOptions Client { get; } = new();

    /// <summary>Write the message template into the <c>message_template</c> attribute. Default true.</summary>
    public bool IncludeMessageTemplate { get; set; } = true;

    /// <summary>
    /// Overrides of the Serilog → LogFlux level mapping (docs/protocol.md#framework-level-mapping), e.g. <c>"Information=Notice, Fatal=Alert"</c>:
    /// comma- or semicolon-separated <c>SerilogLevel=LogFluxLevel</c> pairs, LogFlux levels by name or number 1–8.
    /// Levels not named keep the default (Verbose and Debug → Debug, Information → Info, Warning → Warning,
    /// Error → Error, Fatal → Critical). Null keeps the default mapping.
    /// </summary>
    public string? LevelMapping { get; set; }

    /// <summary>
    /// <c>AuditTo.LogFlux</c> only: how long each audit event may wait for its delivery before the logging call
    /// throws. Default 10 seconds.
    /// </summary>
    public TimeSpan AuditDeliveryTimeout { get; set; } = DefaultAuditDeliveryTimeout;

    /// <summary>Configuration texts of the wrong form; the sink reports them and drops every event.</summary>
    internal List<string> Problems { get; } = [];
}
