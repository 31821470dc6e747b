using System.Diagnostics;
using System.Globalization;
using LogFlux.Sinks.Core.Tests.Support;

namespace LogFlux.Sinks.Core.Tests.Chaos;

/// <summary>
/// Seeded random fault schedules over the real pipeline (see <see cref="ChaosSchedule"/>). After each one the
/// delivery ledger balances at the flush and at close, and its outcomes agree with what the receiver stored:
/// no entry counted as delivered is missing, no entry counted as dropped was stored, nothing missing is uncounted,
/// and every duplicate comes from a counted resend.
/// </summary>
/// <remarks>
/// CI runs seeds 1–6. By hand: <c>LOGFLUX_CHAOS_SEED=N</c> replays one seed; adding
/// <c>LOGFLUX_CHAOS_DURATION=600</c> (seconds) soaks, running seeds N, N+1, … until the time is up and naming the
/// seed of the first failure. For example:
/// <c>LOGFLUX_CHAOS_SEED=1000 LOGFLUX_CHAOS_DURATION=600 dotnet test tests/LogFlux.Sinks.Core.Tests -c Release --filter FullyQualifiedName~Chaos</c>.
/// </remarks>
public class ChaosTests
{
    private const int CiSeeds = 6;

    public static IEnumerable<TestCaseData> Schedules()
    {
        var seed = Environment.GetEnvironmentVariable("LOGFLUX_CHAOS_SEED");
        var duration = Environment.GetEnvironmentVariable("LOGFLUX_CHAOS_DURATION");
        var first = int.TryParse(seed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 1;
        if (int.TryParse(duration, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            yield return new TestCaseData(first, seconds).SetName($"Soak from seed {first} for {seconds} s");
            yield break;
        }
        var count = seed is null ? CiSeeds : 1;
        for (var i = 0; i < count; i++) yield return new TestCaseData(first + i, 0).SetName($"Seed {first + i}");
    }

    [TestCaseSource(nameof(Schedules))]
    public async Task A_fault_schedule_leaves_books_that_agree_with_the_receiver(int firstSeed, int soakSeconds)
    {
        var clock = Stopwatch.StartNew();
        var seed = firstSeed;
        do
        {
            var outcome = await ChaosRun.RunAsync(ChaosSchedule.Create(seed));
            TestContext.Out.WriteLine(outcome.ToString());
            AssertConsistent(outcome);
            seed++;
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(soakSeconds));
    }

    private static void AssertConsistent(ChaosOutcome o)
    {
        var replay = $" [replay: LOGFLUX_CHAOS_SEED={o.Schedule.Seed}]\n{o}";
        var close = o.AtClose;
        Assert.That(o.Flushed, Is.True, "the flush settled every entry once the faults ran out" + replay);
        Assert.That(Ledger.Unaccounted(o.AtFlush), Is.Zero, "books balance at the flush" + replay);
        Assert.That(Ledger.Unaccounted(close), Is.Zero, "books balance at close" + replay);
        Assert.That(close.QueueDepth + close.InFlight + close.EntriesKeptInBuffer, Is.Zero, "nothing left open" + replay);
        Assert.That(close.EntriesSent, Is.LessThanOrEqualTo(o.Stored), "every entry counted as delivered was stored" + replay);
        Assert.That(o.Stored, Is.LessThanOrEqualTo(close.EntriesSent + close.EntriesDeliveryUnknown),
            "no entry counted as dropped was stored (stored entries are delivered or of unknown delivery)" + replay);
        Assert.That(close.EntriesQueued - o.Stored, Is.LessThanOrEqualTo(close.EntriesDroppedAfterQueued + close.EntriesDeliveryUnknown),
            "every accepted entry that was not stored is counted as dropped or as delivery unknown" + replay);
        Assert.That(o.Duplicates, Is.LessThanOrEqualTo(close.EntriesResentAfterAmbiguousFailure), "every duplicate comes from a counted resend" + replay);
    }
}
