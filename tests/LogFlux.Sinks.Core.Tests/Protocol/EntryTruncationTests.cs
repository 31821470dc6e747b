using System.Text;
using System.Text.Json;
using LogFlux.Sinks.Core.Tests.Support;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Core.Tests.Protocol;

public class EntryTruncationTests
{
    private static readonly GlobalContext Context = new("svc", null, null);

    private static (string? Reason, JsonElement? Json) Fit(LogFluxEntry entry, int limit)
    {
        using var buffer = new PooledBufferWriter(1024);
        using var writer = new Utf8JsonWriter(buffer, EntryJsonWriter.WriterOptions);
        string? reason = EntryTruncation.Fit(entry, Context, buffer, writer, limit, out var json);
        if (reason is not null) return (reason, null);
        Assert.That(json.Length, Is.LessThanOrEqualTo(limit));
        return (null, JsonDocument.Parse(json.ToArray()).RootElement);
    }

    private static LogEntry ErrorWith(int messageLength, int frames, int crumbs, int crumbLength)
    {
        var error = new ErrorDetails("E", new string('e', messageLength));
        for (int i = 0; i < frames; i++) error.StackTrace.Add(new StackFrameInfo("Namespace.Type.Method" + i, "/src/file" + i + ".cs", i));
        for (int i = 0; i < crumbs; i++) error.Breadcrumbs.Add(new Breadcrumb(DateTimeOffset.UnixEpoch, "log", new string('c', crumbLength)));
        return new LogEntry(LogFluxLevel.Error, new string('m', messageLength), DateTimeOffset.UnixEpoch) { Error = error };
    }

    [Test]
    public void SmallEntry_IsUnchanged()
    {
        var (reason, json) = Fit(EntrySamples.OrderPlaced(), 4096);
        Assert.That(reason, Is.Null);
        Assert.That(json!.Value.GetProperty("attributes").TryGetProperty("logflux.truncated", out _), Is.False);
    }

    [Test]
    public void LongMessages_AreCutFirst_KeepingFramesAndBreadcrumbs()
    {
        var (reason, json) = Fit(ErrorWith(5000, 5, 3, 10), 4000);

        Assert.That(reason, Is.Null);
        var root = json!.Value;
        Assert.That(root.Text("message").Length, Is.LessThan(5000));
        Assert.That(root.Text("error_message").Length, Is.LessThan(5000));
        Assert.That(root.GetProperty("stack_trace").GetArrayLength(), Is.EqualTo(5));
        Assert.That(root.GetProperty("breadcrumbs").GetArrayLength(), Is.EqualTo(3));
        Assert.That(root.GetProperty("attributes").Text("logflux.truncated"), Is.EqualTo("true"));
    }

    [Test]
    public void StackTrace_IsDroppedBeforeBreadcrumbs()
    {
        var (reason, json) = Fit(ErrorWith(10, 20, 2, 10), 1200);

        Assert.That(reason, Is.Null);
        Assert.That(json!.Value.TryGetProperty("stack_trace", out _), Is.False);
        Assert.That(json.Value.GetProperty("breadcrumbs").GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public void Breadcrumbs_AreDroppedLast()
    {
        var (reason, json) = Fit(ErrorWith(10, 20, 50, 100), 1200);

        Assert.That(reason, Is.Null);
        Assert.That(json!.Value.TryGetProperty("stack_trace", out _), Is.False);
        Assert.That(json.Value.TryGetProperty("breadcrumbs", out _), Is.False);
        Assert.That(json.Value.GetProperty("attributes").Text("logflux.truncated"), Is.EqualTo("true"));
    }

    [Test]
    public void SurrogatePairs_AreNotSplit()
    {
        var log = new LogEntry(LogFluxLevel.Info, string.Concat(Enumerable.Repeat("😀", 3000)), DateTimeOffset.UnixEpoch);
        var (reason, json) = Fit(log, 5001);

        Assert.That(reason, Is.Null);
        string message = json!.Value.Text("message");
        Assert.That(char.IsHighSurrogate(message[^1]), Is.False);
        Assert.That(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(message)), Is.EqualTo(message));
    }

    [Test]
    public void NonLogEntry_OverTheLimit_IsRejected()
    {
        var (reason, _) = Fit(EntrySamples.Signup(), 50);
        Assert.That(reason, Does.Contain("50-byte limit"));
    }

    [Test]
    public void HookJson_IsTruncatedToo()
    {
        var obj = EntryJsonWriter.ToJsonObject(ErrorWith(3000, 3, 1, 5), Context);
        byte[] raw = Encoding.UTF8.GetBytes(obj.ToJsonString());
        using var buffer = new PooledBufferWriter(1024);
        using var writer = new Utf8JsonWriter(buffer, EntryJsonWriter.WriterOptions);

        string? reason = EntryTruncation.FitJsonText(raw, buffer, writer, 2000, out var json);

        Assert.That(reason, Is.Null);
        Assert.That(json.Length, Is.LessThanOrEqualTo(2000));
        var root = JsonDocument.Parse(json.ToArray()).RootElement;
        Assert.That(root.GetProperty("attributes").Text("logflux.truncated"), Is.EqualTo("true"));
        Assert.That(root.GetProperty("stack_trace").GetArrayLength(), Is.EqualTo(3));
    }

    [Test]
    public void HookJson_NotAnObject_IsRejected()
    {
        using var buffer = new PooledBufferWriter(1024);
        using var writer = new Utf8JsonWriter(buffer, EntryJsonWriter.WriterOptions);
        Assert.That(EntryTruncation.FitJsonText(Encoding.UTF8.GetBytes("[" + new string('1', 100) + "]"), buffer, writer, 10, out _), Is.Not.Null);
        Assert.That(EntryTruncation.FitJsonText(Encoding.UTF8.GetBytes("{not json"), buffer, writer, 3, out _), Does.Contain("not valid JSON"));
    }

    [TestCase(10, new[] { 100 }, 90)]
    [TestCase(10, new[] { 100, 100 }, 95)]
    [TestCase(150, new[] { 100, 100 }, 25)]
    [TestCase(500, new[] { 100, 100 }, 0)]
    [TestCase(1, new int[0], 0)]
    public void TextCap_IsTheLargestSufficientCap(int excess, int[] lengths, int expected)
    {
        Assert.That(EntryTruncation.TextCap(excess, lengths.Select(n => new string('a', n)).ToList()), Is.EqualTo(expected));
    }

    [Test]
    public void TextCap_CountsUtf8Bytes()
    {
        Assert.That(EntryTruncation.TextCap(10, [new string((char)0xE9, 19)]), Is.EqualTo(14));
    }
}
