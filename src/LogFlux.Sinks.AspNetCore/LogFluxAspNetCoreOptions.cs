namespace LogFlux.Sinks.AspNetCore;

/// <summary>
/// Options of the LogFlux ASP.NET Core integration (<c>services.AddLogFlux(...)</c>). The client is chosen in
/// this order: <see cref="Client"/>, else a shared client for <see cref="ClientOptions"/> (the same one the
/// Serilog, NLog and log4net adapters use for that API key and endpoint), else the client set up by
/// <c>LogFluxSdk.Init</c>, looked up on every request.
/// </summary>
public sealed class LogFluxAspNetCoreOptions
{
    /// <summary>The default <see cref="ExcludedPaths"/>.</summary>
    public static readonly IReadOnlyList<string> DefaultExcludedPaths = ["/health", "/healthz", "/metrics"];

    private double _sampleRate = 1.0;

    /// <summary>An existing client to use. It is not closed by the integration.</summary>
    public LogFluxClient? Client { get; set; }

    /// <summary>
    /// Options of a client to use when <see cref="Client"/> is not set: the process-wide shared client for this
    /// API key and endpoint is used (created on first use, closed when the application stops unless another
    /// user still holds it). Invalid options make <c>app.UseLogFlux()</c> throw
    /// <see cref="LogFluxConfigurationException"/>.
    /// </summary>
    public LogFluxOptions? ClientOptions { get; set; }

    /// <summary>
    /// Path prefixes that are not traced at all (matched by whole segments, case-insensitively: <c>/health</c>
    /// excludes <c>/health</c> and <c>/health/ready</c>, not <c>/healthcheck</c>). Defaults to
    /// <c>/health</c>, <c>/healthz</c> and <c>/metrics</c>.
    /// </summary>
    public IList<string> ExcludedPaths { get; set; } = new List<string>(DefaultExcludedPaths);

    /// <summary>
    /// Probability in [0, 1] that a request starting a new trace records its spans; decided once per trace and
    /// passed on to downstream services. Requests that continue an incoming trace follow the caller's decision.
    /// The client's own <see cref="LogFluxOptions.SampleRate"/> applies in addition. Default 1.
    /// </summary>
    public double SampleRate
    {
        get => _sampleRate;
        set => _sampleRate = double.IsNaN(value) ? 1.0 : Math.Clamp(value, 0.0, 1.0);
    }

    /// <summary>
    /// Keep query string values in <c>http.url</c>. Off by default: keys are kept and every value is replaced
    /// by <c>*</c>, because query strings often carry tokens and personal data.
    /// </summary>
    public bool IncludeQueryStringValues { get; set; }

    /// <summary>Send an error capture (with breadcrumbs) for every unhandled exception of a request. Default true.</summary>
    public bool RecordExceptions { get; set; } = true;
}
