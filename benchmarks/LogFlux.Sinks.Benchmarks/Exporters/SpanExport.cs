using System.Diagnostics;
using System.Net;
using BenchmarkDotNet.Attributes;
using LogFlux.OpenTelemetry;
using LogFlux.OpenTelemetry.Mapping;
using LogFlux.Sinks.Benchmarks.Adapters;
using LogFlux.Sinks.Protocol;
using OpenTelemetry;
using OpenTelemetry.Exporter;

namespace LogFlux.Sinks.Benchmarks.Exporters;

/// <summary>
/// Cost per exported span of a batch of 100 ended ASP.NET Core-like server spans (8 tags each):
/// <list type="bullet">
/// <item>OpenTelemetry's OTLP exporter (HTTP/protobuf): serialize and send, the send answered in memory by a handler
/// that returns 200 (no network), so what is measured is the exporter's own work;</item>
/// <item>the LogFlux exporter's <c>Export</c>: map and queue into the client (what OpenTelemetry's export thread
/// pays); the client's sender stays idle (nothing listens on its URL);</item>
/// <item>the LogFlux mapping plus the JSON payload the sender writes per span (the counterpart of OTLP's protobuf
/// serialization; gzip and AES-GCM per batch are measured by the stage benchmarks).</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Invocations)]
public class SpanExport
{
    private const int Spans = 100;
    private const int Invocations = 256;

    private readonly Activity[] _activities = new Activity[Spans];
    private ActivitySource _source = null!;
    private ActivityListener _listener = null!;
    private OtlpTraceExporter _otlp = null!;
    private LogFluxTraceExporter _logFlux = null!;
    private LogFluxClient _client = null!;
    private GlobalContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        _source = new ActivitySource("benchmark.server");
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == _source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
        for (var i = 0; i < Spans; i++) _activities[i] = ServerSpan(i);

        _otlp = new OtlpTraceExporter(new OtlpExporterOptions
        {
            Protocol = OtlpExportProtocol.HttpProtobuf,
            Endpoint = new Uri("http://127.0.0.1:4318/v1/traces"),
            HttpClientFactory = () => new HttpClient(new AcceptingHandler()),
        });
        var options = new LogFluxOptions();
        CaptureEndpoint.Apply(options);
        _client = new LogFluxClient(options);
        _logFlux = new LogFluxTraceExporter(new LogFluxExporterOptions { Client = _client });
        _context = options.CreateGlobalContext();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _otlp.Dispose();
        _logFlux.Dispose();
        _client.Dispose();
        _listener.Dispose();
        _source.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Spans, Description = "OTLP exporter (HTTP/protobuf, in-memory send)")]
    public ExportResult Otlp() => _otlp.Export(new Batch<Activity>(_activities, Spans));

    [Benchmark(OperationsPerInvoke = Spans, Description = "LogFlux exporter Export (map + queue)")]
    public ExportResult LogFlux() => _logFlux.Export(new Batch<Activity>(_activities, Spans));

    [Benchmark(OperationsPerInvoke = Spans, Description = "LogFlux map + JSON payload")]
    public int LogFluxPayload()
    {
        var bytes = 0;
        foreach (var activity in _activities) bytes += EntryJsonWriter.ToUtf8(SpanMapper.ToEntry(activity, "orders-api"), _context).Length;
        return bytes;
    }

    private Activity ServerSpan(int i)
    {
        var activity = _source.StartActivity("Microsoft.AspNetCore.Hosting.HttpRequestIn", ActivityKind.Server)!;
        activity.DisplayName = "GET /orders/{id}";
        activity.SetTag("http.request.method", "GET");
        activity.SetTag("http.route", "/orders/{id}");
        activity.SetTag("url.path", "/orders/" + i);
        activity.SetTag("url.scheme", "http");
        activity.SetTag("server.address", "orders.internal");
        activity.SetTag("server.port", 8080);
        activity.SetTag("network.protocol.version", "1.1");
        activity.SetTag("http.response.status_code", 200);
        activity.Stop();
        return activity;
    }

    private sealed class AcceptingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Respond());

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) => Respond();

        private static HttpResponseMessage Respond() => new(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
    }
}
