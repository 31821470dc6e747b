namespace LogFlux.Sinks.Throughput.Peers;

/// <summary>The event every peer logs (BASELINE method): template, three arguments, two enricher properties.</summary>
internal static class SampleEvent
{
    public const string Template = "Processed {OrderId} for {Customer} in {Elapsed} ms";
    public const string IndexedTemplate = "Processed {0} for {1} in {2} ms";
    public const string Customer = "acme";
    public const double Elapsed = 12.5;
    public const string Application = "orders-api";
    public const string Environment = "production";
    public const string LoggerName = "Contoso.Orders.OrderProcessor";
    public const string ApiKey = "eu-lf_throughputharness000000000";

    /// <summary>LogFlux client options shared by the three adapters (one shared client per process).</summary>
    public static void ApplyLogFlux(LogFluxOptions options, PeerEndpoints endpoints)
    {
        options.ApiKey = ApiKey;
        options.CustomEndpointUrl = endpoints.LogFluxUrl;
        options.Source = Application;
        options.Environment = Environment;
        options.KeyPersistence = false;
        if (endpoints.QueueLimit > 0)
        {
            options.QueueSize = endpoints.QueueLimit;
            options.QueueMaxBytes = Math.Max(options.QueueMaxBytes, endpoints.QueueLimit * 4096L);
        }
    }
}
