using System.Text;
using System.Text.Json.Nodes;
using LogFlux.Sinks.Core.Tests.Support;
using LogFlux.Sinks.Core.Tests.Transport;
using LogFlux.Sinks.Keys;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Core.Tests.Keys;

/// <remarks>POSIX permission checks are part of these tests.</remarks>
[TestFixture]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class KeyFileStoreTests
{
    private const string VectorApiKey = "eu-lf_test_0123456789abcdef";
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    private DirectoryInfo _root = null!;
    private DiagnosticLog _log = null!;

    [SetUp]
    public void SetUp()
    {
        _root = TransportTestKit.TempDirectory();
        _log = new DiagnosticLog();
    }

    [TearDown]
    public void TearDown() => _root.Delete(recursive: true);

    private KeyFileStore Store(string? directory = null) =>
        KeyFileStore.Create(directory ?? _root.FullName, VectorApiKey, "discovery:eu", isCustomEndpoint: false, _log.Diagnostics)!;

    private static JsonObject ExampleContent() =>
        JsonNode.Parse(Vectors.Section("key_file_example").GetProperty("content").GetRawText())!.AsObject();

    private static void WriteOwnerOnly(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Test]
    public void The_example_file_from_the_vectors_is_accepted()
    {
        var store = Store();
        var example = Vectors.Section("key_file_example");
        Assert.That(Path.GetFileName(store.FilePath), Is.EqualTo(example.Text("file_name")));
        WriteOwnerOnly(store.FilePath, example.GetProperty("content").GetRawText());

        using var content = store.TryLoad("SHA256:dffe9bcd2ed8da05be01964bd6ffa2dc384989726f25580ac3fb2f4e678351d0", Now);

        Assert.That(content, Is.Not.Null, _log.AllText);
        Assert.That(content!.Endpoint, Is.EqualTo("https://api.ingest.eu.logflux.io"));
        Assert.That(content.KeyId, Is.EqualTo("3f2c9a4e-8b1d-4c6f-9e2a-7d5b1c0e4f8a"));
        Assert.That(content.AesKey.ToArray(), Is.EqualTo(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
        Assert.That(content.CreatedAt, Is.EqualTo(new DateTimeOffset(2026, 1, 15, 10, 30, 0, TimeSpan.Zero)));
        Assert.That(content.Limits, Is.EqualTo(new ServerLimits(100, 1048576, 10485760)));
        Assert.That(content.NonceBudgetUsed, Is.EqualTo(16777216));
        Assert.That(content.ToString(), Does.Not.Contain("AAECAwQF"));
    }

    [Test]
    public void Save_then_load_round_trips_with_owner_only_modes_and_no_temp_files()
    {
        var directory = Path.Combine(_root.FullName, "nested", "sessions");
        var store = Store(directory);
        var key = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
        using var written = new KeyFileContent(store.Binding, "https://ingest.example.test", "kid-7", key, Now.AddHours(-1),
            "SHA256:" + new string('a', 64), new ServerLimits(10, 20, 30), 2 * NonceBudget.BlockSize, "logflux-dotnet-sdk/1.0.0");

        Assert.That(store.Save(written), Is.True, _log.AllText);
        using var read = store.TryLoad(null, Now);

        Assert.That(read, Is.Not.Null, _log.AllText);
        Assert.That(read!.AesKey.ToArray(), Is.EqualTo(key));
        Assert.That(read.KeyId, Is.EqualTo("kid-7"));
        Assert.That(read.Endpoint, Is.EqualTo("https://ingest.example.test"));
        Assert.That(read.CreatedAt, Is.EqualTo(Now.AddHours(-1)));
        Assert.That(read.Limits, Is.EqualTo(new ServerLimits(10, 20, 30)));
        Assert.That(read.NonceBudgetUsed, Is.EqualTo(2 * NonceBudget.BlockSize));
        Assert.That(Directory.GetFiles(directory), Is.EqualTo(new[] { store.FilePath }));
        var json = JsonNode.Parse(File.ReadAllText(store.FilePath))!;
        Assert.That((string?)json["aes_key_protection"], Is.EqualTo("none"));
        Assert.That((string?)json["binding"], Is.EqualTo(store.Binding));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(store.FilePath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(File.GetUnixFileMode(directory), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        }
    }

    public static IEnumerable<TestCaseData> BadContents()
    {
        TestCaseData Case(string name, Action<JsonObject> change) => new TestCaseData(change).SetArgDisplayNames(name);
        yield return Case("wrong format", c => c["format"] = "other");
        yield return Case("wrong version", c => c["version"] = 2);
        yield return Case("foreign binding", c => c["binding"] = new string('0', 64));
        yield return Case("blank key_id", c => c["key_id"] = "  ");
        yield return Case("31-byte key", c => c["aes_key"] = Convert.ToBase64String(new byte[31]));
        yield return Case("key not base64", c => c["aes_key"] = "***");
        yield return Case("relative endpoint", c => c["endpoint"] = "/v1");
        yield return Case("ftp endpoint", c => c["endpoint"] = "ftp://api.ingest.eu.logflux.io");
        yield return Case("future created_at", c => c["created_at"] = "2026-02-01T00:06:00.000Z");
        yield return Case("unparsable created_at", c => c["created_at"] = "yesterday");
        yield return Case("unknown protection", c => c["aes_key_protection"] = "dpapi-user");
        yield return Case("negative nonce budget", c => c["nonce_budget_used"] = -1);
    }

    [TestCaseSource(nameof(BadContents))]
    public void Invalid_content_is_ignored_with_a_warning(Action<JsonObject> change)
    {
        var store = Store();
        var content = ExampleContent();
        change(content);
        WriteOwnerOnly(store.FilePath, content.ToJsonString());

        var loaded = store.TryLoad(null, Now);

        Assert.That(loaded, Is.Null);
        Assert.That(_log.Messages.Any(m => m.Level == LogFluxDiagnosticLevel.Warning && m.Message.StartsWith("Ignoring the key file", StringComparison.Ordinal)), Is.True);
        Assert.That(_log.AllText, Does.Not.Contain("AAECAwQF"));
    }

    [Test]
    public void A_created_at_less_than_five_minutes_ahead_is_tolerated()
    {
        var store = Store();
        var content = ExampleContent();
        content["created_at"] = "2026-02-01T00:04:00.000Z";
        WriteOwnerOnly(store.FilePath, content.ToJsonString());

        using var loaded = store.TryLoad(null, Now);

        Assert.That(loaded, Is.Not.Null, _log.AllText);
    }

    [TestCase("{\"format\":\"logflux-keyfile\",\"version\":1,\"binding\"")]
    [TestCase("")]
    [TestCase("not json at all")]
    public void Corrupt_or_truncated_files_are_ignored(string text)
    {
        var store = Store();
        WriteOwnerOnly(store.FilePath, text);

        Assert.That(store.TryLoad(null, Now), Is.Null);
    }

    [Test]
    public void A_file_larger_than_64_KiB_is_ignored()
    {
        var store = Store();
        var content = ExampleContent();
        content["pad"] = new string(' ', 70 * 1024);
        WriteOwnerOnly(store.FilePath, content.ToJsonString());

        Assert.That(store.TryLoad(null, Now), Is.Null);
        Assert.That(_log.AllText, Does.Contain("larger than 65536 bytes"));
    }

    [Test]
    public void A_fingerprint_pin_mismatch_is_ignored()
    {
        var store = Store();
        WriteOwnerOnly(store.FilePath, ExampleContent().ToJsonString());

        Assert.That(store.TryLoad("SHA256:" + new string('1', 64), Now), Is.Null);
        Assert.That(_log.AllText, Does.Contain("fingerprint"));
    }

    [TestCase(UnixFileMode.GroupRead)]
    [TestCase(UnixFileMode.OtherRead)]
    [Platform("Linux,MacOsX")]
    [TestCase(UnixFileMode.GroupWrite)]
    public void A_file_readable_or_writable_by_others_is_not_trusted(UnixFileMode extra)
    {
        var store = Store();
        WriteOwnerOnly(store.FilePath, ExampleContent().ToJsonString());
        File.SetUnixFileMode(store.FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);

        Assert.That(store.TryLoad(null, Now), Is.Null);
        Assert.That(_log.AllText, Does.Contain("group or others"));
    }

    [Platform("Linux,MacOsX")]
    [Test]
    public void A_file_in_a_directory_others_can_write_to_is_not_trusted()
    {
        var store = Store();
        WriteOwnerOnly(store.FilePath, ExampleContent().ToJsonString());
        File.SetUnixFileMode(_root.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);

        Assert.That(store.TryLoad(null, Now), Is.Null);
        Assert.That(_log.AllText, Does.Contain("directory is writable"));
    }

    [Test]
    public void A_symbolic_link_is_not_trusted()
    {
        var store = Store();
        var elsewhere = Path.Combine(_root.FullName, "elsewhere.json");
        WriteOwnerOnly(elsewhere, ExampleContent().ToJsonString());
        File.CreateSymbolicLink(store.FilePath, elsewhere);

        Assert.That(store.TryLoad(null, Now), Is.Null);
        Assert.That(_log.AllText, Does.Contain("symbolic link"));
    }

    [Platform("Linux,MacOsX")]
    [Test]
    public void Saving_over_an_untrusted_file_replaces_it_with_an_owner_only_file()
    {
        var store = Store();
        File.WriteAllText(store.FilePath, "{}");
        File.SetUnixFileMode(store.FilePath, (UnixFileMode)Convert.ToInt32("644", 8));
        using var content = new KeyFileContent(store.Binding, "https://x.example", "kid", new byte[32], Now, null, ServerLimits.None, 0, null);

        Assert.That(store.Save(content), Is.True);
        Assert.That(File.GetUnixFileMode(store.FilePath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        using var loaded = store.TryLoad(null, Now);
        Assert.That(loaded?.KeyId, Is.EqualTo("kid"));
    }

    [Test]
    public void A_write_failure_is_reported_not_thrown()
    {
        var blocker = Path.Combine(_root.FullName, "a-file");
        File.WriteAllText(blocker, "x");
        var store = Store(Path.Combine(blocker, "sessions"));
        using var content = new KeyFileContent(store.Binding, "https://x.example", "kid", new byte[32], Now, null, ServerLimits.None, 0, null);

        Assert.That(store.Save(content), Is.False);
        Assert.That(_log.AllText, Does.Contain("Could not write the key file"));
    }
}
