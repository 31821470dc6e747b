using System.Globalization;
using System.Text.RegularExpressions;
using LogFlux.Sinks.Aot.Tests.Support;
using LogFlux.Sinks.Packaging.Tests.Support;
using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Aot.Tests;

/// <summary>
/// Publishes samples/Aot.Sample with Native AOT for linux-x64 (once for the fixture), then runs the native binary
/// against an in-process receiver that performs the real handshake and decrypts every entry.
/// </summary>
[NonParallelizable]
public sealed partial class NativeAotSampleTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);
    private static readonly string[] Parts = ["core", "serilog", "nlog"];

    private NativeSample? _sample;

    [OneTimeSetUp]
    public async Task PublishTheSample()
    {
        _sample = await NativeSample.PublishAsync();
        var size = File.Exists(_sample.Executable) ? new FileInfo(_sample.Executable).Length : 0;
        TestContext.Progress.WriteLine(
            $"Native AOT publish of Aot.Sample: exit code {_sample.Publish.ExitCode}, {_sample.PublishTime.TotalSeconds:0} s, binary {size / 1024.0 / 1024.0:0.0} MiB");
    }

    [OneTimeTearDown]
    public void RemoveThePublishedSample() => _sample?.Dispose();

    [Test]
    public void The_publish_succeeds_without_a_trim_or_AOT_warning()
    {
        var sample = Published();
        Assert.Multiple(() =>
        {
            Assert.That(sample.TrimAndAotWarnings, Is.Empty, "trim/AOT warnings in the publish output:\n" + sample.Publish.Output);
            Assert.That(sample.Executable, Does.Exist, "the native executable");
        });
    }

    [Test]
    [CancelAfter(5 * 60 * 1000)]
    public async Task The_native_binary_delivers_every_entry_of_the_core_client_Serilog_and_NLog_encrypted()
    {
        var sample = Published();
        await using var server = await LogFluxTestServer.StartAsync();
        var environment = ChildProcess.DotnetEnvironment();
        environment["LOGFLUX_API_KEY"] = "eu-lf_aotsample0123456789";
        environment["LOGFLUX_CUSTOM_ENDPOINT_URL"] = server.BaseUrl;
        environment["LOGFLUX_KEY_PERSISTENCE"] = "false";

        var run = await ChildProcess.RunAsync(sample.Executable, [], Path.GetDirectoryName(sample.Executable)!, RunTimeout, environment);
        TestContext.Out.WriteLine(run.Output);

        Assert.That(run.ExitCode, Is.EqualTo(0), "the native sample reported a failure:\n" + run.Output);
        var reported = DeliveredCount().Match(run.Output);
        Assert.That(reported.Success, Is.True, "the sample did not report its delivered count:\n" + run.Output);
        var entries = server.Entries;
        var received = string.Join("\n", entries);
        Assert.Multiple(() =>
        {
            Assert.That(entries, Has.Count.EqualTo(int.Parse(reported.Groups[1].Value, CultureInfo.InvariantCulture)), received);
            Assert.That(entries.Where(e => e.PayloadType != 1 || e.KeyId is null || e.NonceBase64 is null), Is.Empty, "entries not sent encrypted");
            foreach (var part in Parts)
            {
                Assert.That(entries.Any(e => e.Type == "log" && e.Message?.StartsWith($"{part}: order", StringComparison.Ordinal) == true), $"{part} log\n{received}");
                Assert.That(entries.Any(e => e.Type == "metric" && e.GetString("name") == $"{part}.orders.placed"), $"{part} metric\n{received}");
                Assert.That(entries.Any(e => e.Type == "trace" && e.GetString("operation") == $"aot.{part}"), $"{part} span\n{received}");
                Assert.That(entries.Any(e => e.GetString("error_type") == typeof(InvalidOperationException).FullName
                    && e.Message?.Contains($"{part}: payment", StringComparison.Ordinal) == true), $"{part} exception\n{received}");
            }
            var span = entries.FirstOrDefault(e => e.Type == "trace" && e.GetString("operation") == "aot.extensions");
            Assert.That(span, Is.Not.Null, $"the span around the ILogger log\n{received}");
            Assert.That(entries.Any(e => e.Type == "log" && e.Message == "extensions: order ord_1001 placed" && e.Logger == "AotSample.Extensions"
                && e.Attributes.GetValueOrDefault("trace_id") == span?.GetString("trace_id")), $"ILogger log inside the span\n{received}");
            Assert.That(entries.Any(e => e.GetString("error_type") == typeof(InvalidOperationException).FullName
                && e.Message?.Contains("extensions: payment", StringComparison.Ordinal) == true), $"ILogger exception\n{received}");
        });
    }

    private NativeSample Published()
    {
        var sample = _sample ?? throw new InvalidOperationException("the fixture set-up did not run");
        Assert.That(sample.Publish.ExitCode, Is.EqualTo(0), "dotnet publish failed:\n" + sample.Publish.Output);
        return sample;
    }

    [GeneratedRegex(@"AOT sample delivered (\d+) entries\.")]
    private static partial Regex DeliveredCount();
}
