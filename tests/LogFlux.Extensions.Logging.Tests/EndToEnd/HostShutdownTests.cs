using System.Globalization;
using LogFlux.Sinks.Core.Tests.Survival;
using LogFlux.Sinks.Testing;

namespace LogFlux.Extensions.Logging.Tests.EndToEnd;

/// <summary>
/// A worker process (tests/LogFlux.Sinks.ChildProcess, mode <c>extensions-logging</c>) logs through
/// <c>ILogger&lt;T&gt;</c>, then stops its host the ordinary way, without any flush call.
/// </summary>
public sealed class HostShutdownTests
{
    [Test]
    public async Task Stopping_the_host_delivers_everything_logged_before_the_stop()
    {
        const int count = 300;
        await using var server = await LogFluxTestServer.StartAsync();
        using var child = ChildRun.Start(["extensions-logging", server.BaseUrl, count.ToString(CultureInfo.InvariantCulture), "-", "0", "child"]);
        var exit = await child.WaitForExitAsync(TimeSpan.FromSeconds(60));

        var delivered = server.Entries
            .Select(e => e.Message ?? "")
            .Where(m => m.StartsWith("child-", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        TestContext.Out.WriteLine($"exit {exit}, logged {child.Written}, delivered {delivered.Count}, stats: dropped {child.Stats?.Dropped} {child.Stats?.Reasons}, closed {child.Stats?.Closed}");
        Assert.That(exit, Is.Zero, child.Errors);
        Assert.That(child.Written, Is.EqualTo(count));
        Assert.That(delivered, Has.Count.EqualTo(count), "the host's shutdown delivered everything");
        Assert.That(child.Stats, Is.Not.Null.And.Property(nameof(ChildStats.Closed)).True, "stopping the host closed the provider's client");
    }
}
