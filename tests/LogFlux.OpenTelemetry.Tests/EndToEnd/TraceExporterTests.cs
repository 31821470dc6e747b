using System.Diagnostics;
using LogFlux.OpenTelemetry.Tests.Support;
using LogFlux.Sinks;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace LogFlux.OpenTelemetry.Tests.EndToEnd;

/// <summary>Span mapping, error captures, the client's own spans and sampling, through the real SDK to the receiver.</summary>
public sealed class TraceExporterTests : ReceiverTestBase
{
    private ActivitySource _source = null!;

    [SetUp]
    public void NewSource() => _source = new ActivitySource("LogFlux.OpenTelemetry.Tests." + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void DisposeSource() => _source.Dispose();

    [Test]
    public async Task A_failed_span_has_status_error_and_its_exception_event_becomes_an_error_capture_linked_to_it()
    {
        using var tracing = NewTracing();
        string traceId, spanId;
        using (var activity = _source.StartActivity("charge card", ActivityKind.Internal)!)
        {
            activity.SetTag("payment.provider", "acme");
            activity.SetTag("payment.attempt", 2);
            try
            {
                throw new InvalidOperationException("card declined");
            }
            catch (InvalidOperationException ex)
            {
                activity.AddException(ex);
                activity.SetStatus(ActivityStatusCode.Error, "payment failed");
            }
            traceId = activity.TraceId.ToHexString();
            spanId = activity.SpanId.ToHexString();
        }
        Assert.That(tracing.ForceFlush(FlushTimeoutMilliseconds), Is.True);

        var span = await Receive(e => e.Type == "trace" && e.SpanId() == spanId);
        var error = await Receive(e => e.Type == "log" && e.Attribute("span_id") == spanId);
        Assert.Multiple(() =>
        {
            Assert.That(span.Operation(), Is.EqualTo("internal"));
            Assert.That(span.SpanName(), Is.EqualTo("charge card"));
            Assert.That(span.GetString("status"), Is.EqualTo("error"));
            Assert.That(span.Attribute("error.message"), Is.EqualTo("payment failed"));
            Assert.That(span.Attribute("payment.provider"), Is.EqualTo("acme"));
            Assert.That(span.Attribute("payment.attempt"), Is.EqualTo("2"));
            Assert.That(span.Attribute("otel.scope.name"), Is.EqualTo(_source.Name));
            Assert.That(span.ParentSpanId(), Is.Null, "a root span has no parent_span_id");
            Assert.That(span.Json.GetProperty("duration_ms").GetInt64(), Is.GreaterThanOrEqualTo(0));
            Assert.That(error.Level, Is.EqualTo(4));
            Assert.That(error.Attribute("trace_id"), Is.EqualTo(traceId));
            Assert.That(error.Message, Is.EqualTo("card declined"));
            Assert.That(error.GetString("error_type"), Is.EqualTo("System.InvalidOperationException"));
            var frame = error.Json.GetProperty("stack_trace")[0];
            Assert.That(frame.GetProperty("function").GetString(), Does.EndWith(nameof(A_failed_span_has_status_error_and_its_exception_event_becomes_an_error_capture_linked_to_it)));
            Assert.That(frame.GetProperty("line").GetInt32(), Is.GreaterThanOrEqualTo(0));
        });
    }

    [Test]
    public async Task Spans_the_LogFlux_client_sends_itself_are_not_sent_twice()
    {
        var client = new LogFluxClient(ClientOptions());
        await using var _ = client;
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(LogFluxSpan.ActivitySourceName, _source.Name)
            .AddLogFluxExporter(o =>
            {
                o.Client = client;
                o.ExportProcessorType = ExportProcessorType.Simple;
            })
            .Build();

        using (client.StartSpan("db.query", "SELECT 1"))
        {
            using var child = _source.StartActivity("inside")!;
        }
        Assert.That(tracing.ForceFlush(FlushTimeoutMilliseconds), Is.True);
        await Receive(e => e.Type == "trace" && e.SpanName() == "inside");

        Assert.That(Received().Count(e => e.Type == "trace" && e.SpanName() == "SELECT 1"), Is.EqualTo(1));
    }

    [Test]
    public async Task Spans_the_tracer_provider_samples_out_are_not_exported()
    {
        using var tracing = NewTracing(new NameSampler("kept"));
        using (_source.StartActivity("dropped")) { }
        using (_source.StartActivity("kept")) { }
        Assert.That(tracing.ForceFlush(FlushTimeoutMilliseconds), Is.True);

        await Receive(e => e.Type == "trace" && e.SpanName() == "kept");
        Assert.That(Received().Where(e => e.Type == "trace").Select(e => e.SpanName()), Is.EqualTo(new[] { "kept" }));
    }

    private TracerProvider NewTracing(Sampler? sampler = null)
    {
        var builder = Sdk.CreateTracerProviderBuilder().AddSource(_source.Name).AddLogFluxExporter(o => UseReceiver(o));
        if (sampler is not null) builder.SetSampler(sampler);
        return builder.Build();
    }

    /// <summary>Records only activities of one name.</summary>
    private sealed class NameSampler(string name) : Sampler
    {
        public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
            new(samplingParameters.Name == name ? SamplingDecision.RecordAndSample : SamplingDecision.Drop);
    }
}
