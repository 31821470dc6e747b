using LogFlux.Sinks.Options;

namespace LogFlux.Sinks.Core.Tests.Hostile;

/// <summary>Hostile entries and configuration: oversize messages, non-finite metrics, malformed trace headers, garbage options.</summary>
public class HostileEntryTests
{
    [Test]
    public async Task A_three_mebibyte_message_arrives_truncated_and_marked()
    {
        await using var h = await HostileClient.StartAsync();
        var message = "big-" + new string('m', 3 * 1024 * 1024);
        h.Client.Info(message);

        var entry = await h.WaitForEntryAsync(e => e.Message?.StartsWith("big-", StringComparison.Ordinal) == true);
        TestContext.Out.WriteLine($"logged {message.Length} chars, received {entry.Message!.Length}");
        Assert.Multiple(() =>
        {
            Assert.That(entry.Message!.Length, Is.LessThan(message.Length));
            Assert.That(entry.Attributes["logflux.truncated"], Is.EqualTo("true"));
        });
        await h.AssertStillWorksAsync();
    }

    [Test]
    public async Task Non_finite_metric_values_are_counted_as_validation_errors_and_not_sent()
    {
        await using var h = await HostileClient.StartAsync();
        h.Client.Gauge("nan", double.NaN);
        h.Client.Counter("inf", double.PositiveInfinity);
        h.Client.Distribution("ninf", double.NegativeInfinity);

        await h.AssertStillWorksAsync();
        Assert.That(h.Dropped(DropReasons.ValidationError), Is.EqualTo(3));
        Assert.That(h.Server.Entries.Where(e => e.Type == "metric"), Is.Empty);
    }

    [TestCase("")]
    [TestCase("garbage")]
    [TestCase("00-00000000000000000000000000000000-0000000000000000-01")]
    [TestCase("00-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz-0123456789abcdef-01")]
    [TestCase("00-0123456789abcdef0123456789abcdef-0123456789abcdef")]
    [TestCase("ff-0123456789abcdef0123456789abcdef-0123456789abcdef-01")]
    [TestCase("00-0123456789abcdef0123456789abcdef-0123456789abcdef-01-extra\u0000\uD800")]
    public async Task Malformed_trace_headers_start_a_new_trace_without_throwing(string header)
    {
        await using var h = await HostileClient.StartAsync();
        var before = h.Client.MalformedTraceHeaders;
        LogFluxSpan span;
        using (span = h.Client.ContinueFromHeaders(name => name == "traceparent" ? header : null, "http.server", "GET /"))
        {
            Assert.That(span.ParentSpanId, Is.Null, "a new root trace");
            Assert.That(span.TraceId, Has.Length.EqualTo(32));
            Assert.That(span.TraceId, Is.Not.EqualTo("0123456789abcdef0123456789abcdef"));
        }
        var throwing = h.Client.ContinueFromHeaders(_ => throw new InvalidOperationException("header reader fails"), "http.server", "GET /");
        throwing.Dispose();
        Assert.That(throwing.ParentSpanId, Is.Null);
        TestContext.Out.WriteLine($"malformed counted: {h.Client.MalformedTraceHeaders - before}");
        if (header.Length > 0) Assert.That(h.Client.MalformedTraceHeaders, Is.GreaterThan(before));
        await h.WaitForEntryAsync(e => e.Type == "span" || e.Type == "trace");
        await h.AssertStillWorksAsync();
    }

    [TestCase("BatchSize", "-5")]
    [TestCase("BatchSize", "lots")]
    [TestCase("FlushInterval", "soon")]
    [TestCase("SampleRate", "NaN")]
    [TestCase("SampleRate", "1e999")]
    [TestCase("QueueSize", "99999999999999999999")]
    [TestCase("CustomEndpointUrl", "::not a url::")]
    [TestCase("Debug", "perhaps")]
    [TestCase("NoSuchOption", "1")]
    public void Garbage_option_values_give_a_clear_problem_or_a_configuration_exception(string option, string text)
    {
        var options = new LogFluxOptions { ApiKey = "eu-lf_garbage_0123456789", KeyPersistence = false };
        string? problem = null;
        bool set;
        try
        {
            set = LogFluxOptionText.TrySet(options, option, text, out problem);
        }
        catch (Exception ex)
        {
            Assert.Fail($"TrySet threw {ex.GetType().Name}: {ex.Message}");
            return;
        }
        if (!set)
        {
            TestContext.Out.WriteLine(problem);
            Assert.That(problem, Does.Contain(option).Or.Contain("not a LogFlux option"));
            return;
        }
        var error = Assert.Throws<LogFluxConfigurationException>(options.Validate, $"{option}='{text}' was accepted")!;
        TestContext.Out.WriteLine(error.Message);
        Assert.That(error.Message, Does.Contain(option));
    }
}
