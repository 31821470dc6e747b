namespace LogFlux.Sinks.Benchmarks.Adapters;

/// <summary>
/// Client settings for the capture benchmarks: an endpoint where nothing listens (loopback, connection
/// refused) and a queue large enough for every invocation, so the caller's path is measured alone and no
/// entry is dropped. Each class runs a fixed number of invocations to bound the backlog.
/// </summary>
internal static class CaptureEndpoint
{
    /// <summary>Invocations per iteration; with 1 + 3 + 7 iterations the backlog stays under 400k entries.</summary>
    public const int Invocations = 32_768;

    public const string ApiKey = "eu-lf_benchmarkcapture0000000000";
    public const string Url = "http://127.0.0.1:9";
    public const int QueueSize = 4_000_000;
    public const long QueueMaxBytes = 8L * 1024 * 1024 * 1024;

    public static void Apply(LogFluxOptions options)
    {
        options.ApiKey = ApiKey;
        options.CustomEndpointUrl = Url;
        options.QueueSize = QueueSize;
        options.QueueMaxBytes = QueueMaxBytes;
        options.KeyPersistence = false;
        options.Source = "orders-api";
        options.ShutdownTimeout = TimeSpan.FromMilliseconds(200);
    }
}
