using Serilog.Sinks.LogFlux.Tests.Support;

namespace Serilog.Sinks.LogFlux.Tests;

/// <summary>A message far over the entry limit is delivered truncated; its template (which repeats it) is cut with it.</summary>
[TestFixture]
public sealed class LargeMessageTests : ReceiverTestBase
{
    [Test]
    public async Task A_5_MB_message_arrives_truncated_with_its_template_cut_too()
    {
        var logger = CreateLogger();
        var text = "big-" + new string('x', 5 * 1024 * 1024);

#pragma warning disable CA2254, Serilog004 // the message is the template on purpose: that is the case where the template repeats it
        logger.Information(text);
#pragma warning restore CA2254, Serilog004

        var entry = await Receive(e => e.Message?.StartsWith("big-", StringComparison.Ordinal) == true);
        Assert.That(entry.Attributes["logflux.truncated"], Is.EqualTo("true"));
        Assert.That(entry.Message!.Length, Is.LessThan(text.Length));
        Assert.That(entry.Attributes["message_template"].Length, Is.LessThanOrEqualTo(entry.Message.Length), "the template is cut like the message");
        Assert.That(entry.Attributes["message_template"], Does.StartWith("big-xxx"));
    }
}
