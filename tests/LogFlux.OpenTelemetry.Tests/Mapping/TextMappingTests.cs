using LogFlux.OpenTelemetry.Mapping;
using LogFlux.Sinks;

namespace LogFlux.OpenTelemetry.Tests.Mapping;

public sealed class TextMappingTests
{
    [Test]
    public void Stack_trace_text_yields_function_file_and_line_per_frame()
    {
        const string text = """
            System.InvalidOperationException: boom
               at Shop.Checkout.PriceCalculator.Total(Cart cart) in /src/Shop/PriceCalculator.cs:line 42
               at Shop.Checkout.OrderService.Place()
            --- End of stack trace from previous location ---
               at Shop.Program.<Main>$(String[] args) in C:\src\Program.cs:line 7
            """;
        var frames = new List<StackFrameInfo>();

        StackTraceText.ReadFrames(text, frames);

        Assert.That(frames, Is.EqualTo(new[]
        {
            new StackFrameInfo("Shop.Checkout.PriceCalculator.Total", "/src/Shop/PriceCalculator.cs", 42),
            new StackFrameInfo("Shop.Checkout.OrderService.Place", "unknown", 0),
            new StackFrameInfo("Shop.Program.<Main>$", @"C:\src\Program.cs", 7),
        }));
    }

    [Test]
    public void Stack_trace_text_keeps_at_most_twenty_frames()
    {
        var text = string.Join('\n', Enumerable.Range(0, 30).Select(i => $"   at N.T.M{i}()"));
        var frames = new List<StackFrameInfo>();

        StackTraceText.ReadFrames(text, frames);

        Assert.That(frames.Select(f => f.Function), Is.EqualTo(Enumerable.Range(0, 20).Select(i => $"N.T.M{i}")));
    }

    [Test]
    public void A_message_template_is_filled_from_the_values_and_keeps_unknown_holes_and_escaped_braces()
    {
        var values = new List<KeyValuePair<string, object?>> { new("OrderId", 42), new("Total", 9.5), new("Tags", new[] { "a", "b" }) };

        var text = MessageTemplateText.Render("Order {OrderId} of {Total:F2} {{literal}} {Tags} {Missing}", values);

        Assert.That(text, Is.EqualTo("Order 42 of 9.5 {literal} [\"a\",\"b\"] {Missing}"));
    }

    [Test]
    public void ILogger_levels_map_like_the_other_adapters()
    {
        Assert.That(new[]
        {
            LogRecordMapper.LevelOf(Microsoft.Extensions.Logging.LogLevel.Trace),
            LogRecordMapper.LevelOf(Microsoft.Extensions.Logging.LogLevel.Debug),
            LogRecordMapper.LevelOf(Microsoft.Extensions.Logging.LogLevel.Information),
            LogRecordMapper.LevelOf(Microsoft.Extensions.Logging.LogLevel.Warning),
            LogRecordMapper.LevelOf(Microsoft.Extensions.Logging.LogLevel.Error),
            LogRecordMapper.LevelOf(Microsoft.Extensions.Logging.LogLevel.Critical),
        }, Is.EqualTo(new[] { LogFluxLevel.Debug, LogFluxLevel.Debug, LogFluxLevel.Info, LogFluxLevel.Warning, LogFluxLevel.Error, LogFluxLevel.Critical }));
    }
}
