using System.Text.Json;
using LogFlux.Sinks.Core.Tests.Support;
using LogFlux.Sinks.Pipeline;

namespace LogFlux.Sinks.Core.Tests.Pipeline;

public class BackoffTests
{
    private static IEnumerable<TestCaseData> VectorRows()
    {
        var section = Vectors.Section("retry_backoff_defaults");
        foreach (var row in section.GetProperty("table").EnumerateArray())
        {
            yield return new TestCaseData(row.GetProperty("retry").GetInt32(), row.GetProperty("base_delay_ms").GetInt32(),
                                          row.GetProperty("jittered_range_ms")[0].GetInt32(), row.GetProperty("jittered_range_ms")[1].GetInt32())
                .SetName($"Retry {row.GetProperty("retry").GetInt32()} matches the vector table");
        }
    }

    [TestCaseSource(nameof(VectorRows))]
    public void Delays_follow_the_vector_table(int retry, int baseMs, int lowMs, int highMs)
    {
        var section = Vectors.Section("retry_backoff_defaults");
        var initial = TimeSpan.FromMilliseconds(section.GetProperty("initial_delay_ms").GetInt32());
        var max = TimeSpan.FromMilliseconds(section.GetProperty("max_delay_ms").GetInt32());
        var factor = section.GetProperty("factor").GetDouble();

        Assert.That(Backoff.Delay(retry, initial, max, factor, 0).TotalMilliseconds, Is.EqualTo(baseMs));
        Assert.That(Backoff.Delay(retry, initial, max, factor, 0.5).TotalMilliseconds, Is.EqualTo(baseMs * 1.125).Within(0.001));
        var highest = Backoff.Delay(retry, initial, max, factor, 0.999999).TotalMilliseconds;
        Assert.That(highest, Is.GreaterThanOrEqualTo(lowMs).And.LessThan(highMs));
    }

    [Test]
    public void Samples_outside_the_unit_interval_are_clamped()
    {
        var one = TimeSpan.FromSeconds(1);
        Assert.That(Backoff.Delay(1, one, one * 30, 2, -3), Is.EqualTo(one));
        Assert.That(Backoff.Delay(1, one, one * 30, 2, double.NaN), Is.EqualTo(one));
        Assert.That(Backoff.Delay(1, one, one * 30, 2, 7), Is.EqualTo(one * 1.25));
    }

    [Test]
    public void Huge_retry_numbers_stay_at_the_cap()
    {
        Assert.That(Backoff.Delay(5000, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 2, 0), Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public void Handshake_backoff_doubles_from_one_second_to_sixty()
    {
        var delays = Enumerable.Range(1, 8).Select(n => Backoff.Handshake(n, 0).TotalSeconds).ToArray();
        Assert.That(delays, Is.EqualTo(new double[] { 1, 2, 4, 8, 16, 32, 60, 60 }));
        Assert.That(Backoff.Handshake(7, 0.5).TotalSeconds, Is.EqualTo(67.5).Within(1e-9));
    }
}
