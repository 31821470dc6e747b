using LogFlux.Sinks;

namespace LogFlux.Extensions.Logging;

/// <summary>
/// Options of the LogFlux logging provider. In appsettings.json they live in <c>"Logging": { "LogFlux": { ... } }</c>
/// beside MEL's own <c>"LogLevel"</c>: every <see cref="LogFluxOptions"/> property by name (<c>"ApiKey"</c>,
/// <c>"Source"</c>, <c>"BatchSize"</c>, <c>"FlushInterval": "250ms"</c>, ...; the same names and value forms as the
/// Serilog, NLog and log4net adapters), plus <c>"IncludeScopes"</c> and <c>"LevelMapping"</c>. Options left unset
/// are filled from the <c>LOGFLUX_*</c> environment variables. Code given to <c>AddLogFlux(configure)</c> runs after
/// the configuration is read, so it wins.
/// </summary>
/// <remarks>
/// The client is chosen in this order: <see cref="Client"/>; else a shared client for the API key set in
/// <see cref="ClientOptions"/> (the same one every other adapter configured with that API key and endpoint uses);
/// else the client of the ASP.NET Core integration (<c>services.AddLogFlux()</c>); else a shared client for
/// <c>LOGFLUX_API_KEY</c>; else the client of <c>LogFluxSdk.Init</c>, looked up until one exists.
/// </remarks>
public sealed class LogFluxLoggerOptions
{
    private LogFluxOptions _clientOptions = new();

    /// <summary>An existing client to send to. The provider flushes it when it is disposed but never closes it.</summary>
    public LogFluxClient? Client { get; set; }

    /// <summary>The client options (API key, source, batching, ...). Set properties on it rather than replacing it, so the configured values stay.</summary>
    public LogFluxOptions ClientOptions
    {
        get => _clientOptions;
        set => _clientOptions = value ?? new LogFluxOptions();
    }

    /// <summary>
    /// Send the <c>BeginScope</c> state of the logging flow with each event: key/value scopes as attributes (the
    /// event's own properties win, inner scopes win over outer ones), other scopes as a JSON list in the
    /// <c>scopes</c> attribute. Default true.
    /// </summary>
    public bool IncludeScopes { get; set; } = true;

    /// <summary>
    /// Overrides of the level mapping as <c>MelLevel=LogFluxLevel</c> pairs separated by <c>;</c>, e.g.
    /// <c>Critical=Emergency;Information=Notice</c>. Default: Trace and Debug → debug, Information → info,
    /// Warning → warning, Error → error, Critical → critical; None is never sent.
    /// </summary>
    public string? LevelMapping { get; set; }

    /// <summary>Problems found while reading the configuration section; reported when the provider starts.</summary>
    internal List<string> ConfigurationProblems { get; } = new();
}
