using LogFlux.Sinks.Records;
using P = LogFlux.Sinks.Records.FrameworkEntryProperties;

namespace LogFlux.Sinks.Core.Tests.Records;

public class HelperEntryReaderTests
{
    private static readonly DateTimeOffset Ts = new(2026, 1, 15, 10, 30, 0, 123, TimeSpan.Zero);
    private const string FlowTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string FlowSpan = "00f067aa0ba902b7";

    private static CapturedRecord Record(params (string Key, object? Value)[] properties) =>
        new CapturedRecord(LogFluxLevel.Info, Ts, "Helpers")
        {
            Message = "rendered",
            Properties = properties.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)).ToList(),
            PropertyCount = properties.Length,
            Extra = [new(RecordAttributes.MessageTemplate, "Metric {LogFluxMetricName}")],
        }.WithTrace(CapturedTrace.FromText(FlowTrace, FlowSpan));

    [Test]
    public void A_record_without_marker_stays_a_log_line()
    {
        var entry = RecordAttributes.ToEntry(Record(("user", "u1")));
        Assert.That(entry, Is.TypeOf<LogEntry>());
        Assert.That(entry.Attributes!["trace_id"], Is.EqualTo(FlowTrace));
    }

    [Test]
    public void A_metric_reads_its_typed_value_and_keeps_the_other_attributes()
    {
        var metric = RecordAttributes.ToEntry(Record((P.Kind, P.KindMetric), (P.MetricName, "http.requests"), (P.MetricValue, 2.5),
            (P.MetricKind, "distribution"), (P.MetricUnit, "ms"), ("route", "/a"))) as MetricEntry;

        Assert.That(metric, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That((metric!.Name, metric.Value, metric.Kind, metric.Unit), Is.EqualTo(("http.requests", 2.5, MetricKind.Distribution, "ms")));
            Assert.That(metric.Timestamp, Is.EqualTo(Ts));
            Assert.That(metric.Attributes!.Keys, Is.EquivalentTo(new[] { "route", "trace_id", "span_id" }), "markers and the message template are left out");
        });
    }

    [Test]
    public void A_metric_value_given_as_text_is_not_parsed_back()
    {
        var entry = RecordAttributes.ToEntry(Record((P.Kind, P.KindMetric), (P.MetricName, "m"), (P.MetricValue, "2.5")));
        Assert.That(entry, Is.TypeOf<LogEntry>());
        Assert.That(entry.Attributes![P.Kind], Is.EqualTo(P.KindMetric), "an incomplete marker keeps every attribute");
    }

    [Test]
    public void Event_and_audit_markers_become_their_entries()
    {
        var ev = RecordAttributes.ToEntry(Record((P.Kind, P.KindEvent), (P.EventName, "user.signup"))) as EventEntry;
        var audit = RecordAttributes.ToEntry(Record((P.Kind, P.KindAudit), (P.AuditAction, "record.deleted"), (P.AuditActor, "u1"),
            (P.AuditResource, "invoice"), (P.AuditResourceId, "42"), (P.AuditOutcome, "failure"))) as AuditEntry;

        Assert.Multiple(() =>
        {
            Assert.That(ev?.Name, Is.EqualTo("user.signup"));
            Assert.That((audit?.Action, audit?.Actor, audit?.Resource, audit?.ResourceId, audit?.Outcome), Is.EqualTo(("record.deleted", "u1", "invoice", "42", "failure")));
        });
    }

    [Test]
    public void A_span_reads_its_typed_start_and_duration_and_never_carries_the_flows_ids()
    {
        var start = new DateTimeOffset(2026, 1, 15, 10, 29, 59, 500, TimeSpan.Zero);
        var span = RecordAttributes.ToEntry(Record((P.Kind, P.KindSpan), (P.SpanTraceId, new string('a', 32)), (P.SpanId, new string('b', 16)),
            (P.SpanParentId, new string('c', 16)), (P.SpanOperation, "db.query"), (P.SpanName, "SELECT 1"), (P.SpanStart, start),
            (P.SpanDurationMs, 42.25), (P.SpanStatus, "error"), ("db.system", "postgres"))) as SpanEntry;

        Assert.That(span, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That((span!.TraceId, span.SpanId, span.ParentSpanId, span.Operation, span.Name, span.Status),
                Is.EqualTo((new string('a', 32), new string('b', 16), new string('c', 16), "db.query", "SELECT 1", "error")));
            Assert.That(span.StartTime, Is.EqualTo(start));
            Assert.That(span.EndTime, Is.EqualTo(start.AddMilliseconds(42.25)));
            Assert.That(span.Attributes!.Keys, Is.EquivalentTo(new[] { "db.system" }));
        });
    }

    [Test]
    public void A_span_duration_may_be_a_time_span()
    {
        var start = new DateTimeOffset(2026, 1, 15, 10, 29, 59, TimeSpan.Zero);
        var span = RecordAttributes.ToEntry(Record((P.Kind, P.KindSpan), (P.SpanTraceId, new string('a', 32)), (P.SpanId, new string('b', 16)),
            (P.SpanStart, start), (P.SpanDurationMs, TimeSpan.FromSeconds(2)))) as SpanEntry;
        Assert.That(span?.EndTime, Is.EqualTo(start.AddSeconds(2)));
    }
}
