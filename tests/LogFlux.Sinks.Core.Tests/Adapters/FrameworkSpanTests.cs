using System.Diagnostics;
using LogFlux.Sinks.Adapters;
using P = LogFlux.Sinks.Records.FrameworkEntryProperties;

namespace LogFlux.Sinks.Core.Tests.Adapters;

public class FrameworkSpanTests
{
    private readonly List<(FrameworkSpan Span, IReadOnlyList<KeyValuePair<string, object?>> Properties)> _written = new();

    private void Write(FrameworkSpan span, IReadOnlyList<KeyValuePair<string, object?>> properties) => _written.Add((span, properties));

    [SetUp]
    public void Reset()
    {
        Activity.Current = null;
        _written.Clear();
    }

    [Test]
    public void RootSpanIsCurrentActivityWhileRunningAndRestoredAfter()
    {
        using (var span = FrameworkSpan.Start("db.query", "SELECT 1", Write))
        {
            Assert.That(Activity.Current?.TraceId.ToHexString(), Is.EqualTo(span.TraceId));
            Assert.That(Activity.Current?.SpanId.ToHexString(), Is.EqualTo(span.SpanId));
            Assert.That(span.ParentSpanId, Is.Null);
            Assert.That(LogFluxTraceContext.TryGetCurrent(out var traceId, out var spanId), Is.True);
            Assert.That((traceId, spanId), Is.EqualTo((span.TraceId, span.SpanId)));
        }
        Assert.That(Activity.Current, Is.Null);
    }

    [Test]
    public void ChildSpanContinuesTheParentsTrace()
    {
        using var parent = FrameworkSpan.Start("http.server", "GET /", Write);
        using var child = FrameworkSpan.Start("db.query", "SELECT 1", Write);

        Assert.That(child.TraceId, Is.EqualTo(parent.TraceId));
        Assert.That(child.ParentSpanId, Is.EqualTo(parent.SpanId));
        Assert.That(child.SpanId, Is.Not.EqualTo(parent.SpanId));
    }

    [Test]
    public void EndWritesMarkerPropertiesAndAttributesOnce()
    {
        var span = FrameworkSpan.Start("job", "nightly", Write, new[] { new KeyValuePair<string, object?>("rows", 12) });
        span.SetError(new InvalidOperationException("boom"));
        span.End();
        span.End();

        Assert.That(_written, Has.Count.EqualTo(1));
        var properties = _written[0].Properties.ToDictionary(p => p.Key, p => p.Value);
        Assert.That(properties[P.Kind], Is.EqualTo(P.KindSpan));
        Assert.That(properties[P.SpanOperation], Is.EqualTo("job"));
        Assert.That(properties[P.SpanTraceId], Is.EqualTo(span.TraceId));
        Assert.That(properties[P.SpanId], Is.EqualTo(span.SpanId));
        Assert.That(properties[P.SpanStatus], Is.EqualTo("error"));
        Assert.That(properties["rows"], Is.EqualTo(12));
        Assert.That(properties["error.message"], Is.EqualTo("boom"));
        Assert.That(properties.ContainsKey(P.SpanParentId), Is.False);
        Assert.That(span.Message, Does.StartWith("Span job nightly finished in "));
    }

    [Test]
    public void WriterThatThrowsDoesNotEscapeAndActivityIsStillRestored()
    {
        var span = FrameworkSpan.Start("op", "n", (_, _) => throw new InvalidOperationException("writer broke"));
        Assert.DoesNotThrow(span.End);
        Assert.That(Activity.Current, Is.Null);
    }

    [Test]
    public void SpanEventConvertsToSpanEntryWithTheSameIds()
    {
        var span = FrameworkSpan.Start("db.query", "SELECT 1", Write);
        span.End();
        var record = new LogFlux.Sinks.Records.CapturedRecord(LogFluxLevel.Info, DateTimeOffset.UtcNow, null)
        {
            Message = span.Message,
            Properties = _written[0].Properties,
        };

        var converted = LogFlux.Sinks.Records.RecordAttributes.ToEntry(record) as SpanEntry;

        Assert.That(converted, Is.Not.Null);
        Assert.That((converted!.TraceId, converted.SpanId, converted.Operation, converted.Name), Is.EqualTo((span.TraceId, span.SpanId, "db.query", "SELECT 1")));
    }
}
