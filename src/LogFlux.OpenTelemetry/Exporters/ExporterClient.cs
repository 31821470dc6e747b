using LogFlux.Sinks.Adapters;
using LogFlux.Sinks.Sharing;
using OpenTelemetry;

namespace LogFlux.OpenTelemetry.Exporters;

/// <summary>
/// An exporter's client binding (see <see cref="LogFluxExporterOptions"/> for how the client is chosen) in
/// OpenTelemetry's terms: timeouts in milliseconds (-1 for the client's shutdown timeout) and self-diagnostics through
/// <see cref="ExporterEventSource"/>. The client's own diagnostics reach the options' listener as usual.
/// </summary>
internal sealed class ExporterClient
{
    private readonly string _signal;
    private readonly AdapterClientBinding _binding;
    private readonly ServiceSource _source;

    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="LogFluxConfigurationException">The API key or another client option is invalid.</exception>
    public ExporterClient(LogFluxExporterOptions options, string signal)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        OwnRequestSuppression.Register();
        _signal = signal;
        _source = new ServiceSource(options.UseServiceNameAsSource);
        var channel = new AdapterChannel(Write, "the exporter options or LOGFLUX_API_KEY", "LogFluxExporterStatus.NoClientDrops")
        {
            Drops = new NoClientDrops(LogFluxExporterStatus.Drops),
            ForwardsClientDiagnostics = false,
        };
        _binding = options.Client is { } client ? AdapterClientBinding.ForClient(client, channel) : AdapterClientBinding.Open(options.ClientOptions, channel);
    }

    /// <summary>The client to send to, or null (count the drops with <see cref="CountNoClient"/>).</summary>
    public LogFluxClient? Client => _binding.Client;

    public void CountNoClient(int count) => _binding.CountNoClient(count);

    /// <summary>The LogFlux source of the entries: the service name of the provider when so configured.</summary>
    public string? Source(BaseProvider? provider) => _source.Get(provider);

    /// <summary>Sends what the client has queued, within the timeout. Never throws.</summary>
    public bool Flush(int timeoutMilliseconds) => Reported(_binding.Flush(Timeout(timeoutMilliseconds)), "a flush", timeoutMilliseconds);

    /// <summary>Flushes and lets go of the client within the timeout (the last lease on a shared client closes it). Never throws.</summary>
    public bool Close(int timeoutMilliseconds) => Reported(_binding.Close(Timeout(timeoutMilliseconds)), "the shutdown", timeoutMilliseconds);

    private bool Reported(bool complete, string what, int timeoutMilliseconds)
    {
        if (!complete) ExporterEventSource.Log.TimedOut(_signal, what, timeoutMilliseconds);
        return complete;
    }

    private void Write(LogFluxDiagnostic diagnostic)
    {
        if (diagnostic.Exception is { } exception) ExporterEventSource.Log.ItemFailed(_signal, exception);
        else ExporterEventSource.Log.Warning(_signal, diagnostic.Message);
    }

    private static TimeSpan? Timeout(int timeoutMilliseconds) =>
        timeoutMilliseconds < 0 ? null : TimeSpan.FromMilliseconds(timeoutMilliseconds);
}
