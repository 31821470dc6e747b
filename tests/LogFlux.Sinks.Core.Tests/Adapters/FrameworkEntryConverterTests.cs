using LogFlux.Sinks.Adapters;
using P = LogFlux.Sinks.Adapters.FrameworkEntryProperties;

namespace LogFlux.Sinks.Core.Tests.Adapters;

public class FrameworkEntryConverterTests
{
    private static readonly DateTimeOffset Ts = new(2026, 1, 15, 10, 30, 0, 123, TimeSpan.Zero);

    private static LogEntry Entry(params (string Key, string Value)[] attributes)
    {
        var entry = new LogEntry(LogFluxLevel.Info, "rendered", Ts) { Source = "svc" };
        foreach (var (k, v) in attributes) entry.SetAttribute(k, v);
        return entry;
    }

    [Test]
    public void EntryWithoutMarkerIsReturnedUnchanged()
    {
        var entry = Entry(("user", "u1"));
        Assert.That(FrameworkEntryConverter.Convert(entry), Is.SameAs(entry));
    }

    [Test]
    public void MetricMarkerBecomesMetricEntryAndKeepsOtherAttributes()
    {
        var entry = Entry((P.Kind, P.KindMetric), (P.MetricName, "http.requests"), (P.MetricValue, "2.5"),
            (P.MetricKind, "distribution"), (P.MetricUnit, "ms"), ("route", "/a"));

        var metric = FrameworkEntryConverter.Convert(entry) as MetricEntry;

        Assert.That(metric, Is.Not.Null);
        Assert.That(metric!.Name, Is.EqualTo("http.requests"));
        Assert.That(metric.Value, Is.EqualTo(2.5));
        Assert.That(metric.Kind, Is.EqualTo(MetricKind.Distribution));
        Assert.That(metric.Unit, Is.EqualTo("ms"));
        Assert.That(metric.Timestamp, Is.EqualTo(Ts));
        Assert.That(metric.Source, Is.EqualTo("svc"));
        Assert.That(metric.Attributes, Is.EquivalentTo(new Dictionary<string, string> { ["route"] = "/a" }));
    }

    [Test]
    public void EventAndAuditMarkersBecomeTheirEntries()
    {
        var ev = FrameworkEntryConverter.Convert(Entry((P.Kind, P.KindEvent), (P.EventName, "user.signup")));
        Assert.That(ev, Is.TypeOf<EventEntry>());
        Assert.That(((EventEntry)ev).Name, Is.EqualTo("user.signup"));
        Assert.That(ev.Attributes, Is.Null);

        var audit = FrameworkEntryConverter.Convert(Entry((P.Kind, P.KindAudit), (P.AuditAction, "record.deleted"),
            (P.AuditActor, "usr_1"), (P.AuditResource, "invoice"), (P.AuditResourceId, "inv_9"), (P.AuditOutcome, "denied")));
        Assert.That(audit, Is.TypeOf<AuditEntry>());
        var a = (AuditEntry)audit;
        Assert.That((a.Action, a.Actor, a.Resource, a.ResourceId, a.Outcome), Is.EqualTo(("record.deleted", "usr_1", "invoice", "inv_9", "denied")));
        Assert.That(a.Level, Is.EqualTo(LogFluxLevel.Notice));
    }

    [Test]
    public void SpanMarkerBecomesSpanWithDurationAndParent()
    {
        var span = FrameworkEntryConverter.Convert(Entry((P.Kind, P.KindSpan), (P.SpanTraceId, new string('a', 32)),
            (P.SpanId, new string('b', 16)), (P.SpanParentId, new string('c', 16)), (P.SpanOperation, "db.query"),
            (P.SpanName, "SELECT 1"), (P.SpanStart, "2026-01-15T10:29:59.000Z"), (P.SpanDurationMs, "42"), (P.SpanStatus, "error"))) as SpanEntry;

        Assert.That(span, Is.Not.Null);
        Assert.That(span!.ParentSpanId, Is.EqualTo(new string('c', 16)));
        Assert.That(span.Operation, Is.EqualTo("db.query"));
        Assert.That(span.Status, Is.EqualTo("error"));
        Assert.That((span.EndTime - span.StartTime).TotalMilliseconds, Is.EqualTo(42));
    }

    [TestCase(P.KindMetric, P.MetricValue, "not-a-number")]
    [TestCase(P.KindEvent, "unrelated", "x")]
    [TestCase("unknown-kind", "unrelated", "x")]
    public void IncompleteOrUnknownMarkerStaysALogEntry(string kind, string key, string value)
    {
        var entry = Entry((P.Kind, kind), (P.MetricName, "m"), (key, value));
        Assert.That(FrameworkEntryConverter.Convert(entry), Is.SameAs(entry));
    }
}
