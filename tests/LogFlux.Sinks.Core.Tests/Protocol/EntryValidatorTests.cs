using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Core.Tests.Protocol;

public class EntryValidatorTests
{
    private static readonly DateTimeOffset T = DateTimeOffset.UnixEpoch;

    [Test]
    public void ValidEntriesPass()
    {
        Assert.Multiple(() =>
        {
            Assert.That(EntryValidator.Validate(EntrySamples.OrderPlaced()), Is.Null);
            Assert.That(EntryValidator.Validate(EntrySamples.DeviceReadings()), Is.Null);
            Assert.That(EntryValidator.Validate(EntrySamples.Signup()), Is.Null);
            Assert.That(EntryValidator.Validate(new MetricEntry("m", -2.5, MetricKind.Gauge, T)), Is.Null);
            Assert.That(EntryValidator.Validate(new AuditEntry("a", "b", "c", "d", T)), Is.Null);
            Assert.That(EntryValidator.Validate(new SpanEntry("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "op", "n", T, T)), Is.Null);
        });
    }

    [TestCase(double.NaN, "NaN")]
    [TestCase(double.PositiveInfinity, "Infinity")]
    [TestCase(double.NegativeInfinity, "-Infinity")]
    public void Metric_NonFiniteValue_IsRejected(double value, string word)
    {
        Assert.That(EntryValidator.Validate(new MetricEntry("m", value, MetricKind.Gauge, T)), Does.Contain(word));
    }

    [Test]
    public void Metric_EmptyName_IsRejected()
    {
        Assert.That(EntryValidator.Validate(new MetricEntry(" ", 1, MetricKind.Gauge, T)), Does.Contain("name"));
    }

    [Test]
    public void Telemetry_NonFiniteReading_IsRejected()
    {
        var entry = new TelemetryEntry("d", [new TelemetryReading("t", double.NaN)], false, T);
        Assert.That(EntryValidator.Validate(entry), Does.Contain("NaN"));
    }

    [Test]
    public void Telemetry_EmptyDevice_IsRejected()
    {
        Assert.That(EntryValidator.Validate(new TelemetryEntry("", [], false, T)), Does.Contain("device_id"));
    }

    [TestCase(0)]
    [TestCase(9)]
    [TestCase(-1)]
    public void LevelOutsideScale_IsRejected(int level)
    {
        var log = new LogEntry((LogFluxLevel)level, "m", T);
        Assert.That(EntryValidator.Validate(log), Does.Contain("level"));
    }

    [Test]
    public void Event_EmptyName_IsRejected()
    {
        Assert.That(EntryValidator.Validate(new EventEntry("", T)), Is.Not.Null);
    }

    [Test]
    public void Span_BadIds_AreRejected()
    {
        Assert.That(EntryValidator.Validate(new SpanEntry("abc", "00f067aa0ba902b7", "op", "n", T, T)), Does.Contain("trace_id"));
        Assert.That(EntryValidator.Validate(new SpanEntry("4bf92f3577b34da6a3ce929d0e0e4736", "xyz", "op", "n", T, T)), Does.Contain("span_id"));
        var child = new SpanEntry("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "op", "n", T, T) { ParentSpanId = "nothex!!nothex!!" };
        Assert.That(EntryValidator.Validate(child), Does.Contain("parent_span_id"));
    }

    [Test]
    public void MaxEntryJsonBytes_IsOneMebibyte()
    {
        Assert.That(EntryValidator.MaxEntryJsonBytes, Is.EqualTo(1024 * 1024));
    }
}
