using System.Collections.Concurrent;
using System.Text;
using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Core.Tests.Security;

/// <summary>
/// The API key and the negotiated AES key never show up in diagnostics, exception texts, ToString() output or the
/// durable buffer's files, across a whole client life: handshake, a revoked key (401 and re-handshake), 500s and close.
/// </summary>
public class SecretLeakTests
{
    private const string ApiKey = "eu-lf_leakcheck_5f3a9c0d1e2b4a6f";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);

    private string _keys = null!;
    private string _buffer = null!;

    [SetUp]
    public void CreateDirectories()
    {
        _keys = SecurityFiles.NewDirectory("lf-sec-keys-");
        _buffer = SecurityFiles.NewDirectory("lf-sec-buffer-");
    }

    [TearDown]
    public void DeleteDirectories()
    {
        SecurityFiles.Delete(_keys);
        SecurityFiles.Delete(_buffer);
    }

    [Test]
    public async Task Neither_the_api_key_nor_the_aes_key_appears_anywhere_during_a_full_client_life()
    {
        await using var server = await LogFluxTestServer.StartAsync();
        var diagnostics = new ConcurrentQueue<LogFluxDiagnostic>();
        var texts = new List<string>();
        var aesKeys = new HashSet<string>(StringComparer.Ordinal);
        var bufferSnapshots = new List<(string Path, byte[] Bytes)>();

        var client = new LogFluxClient(new LogFluxOptions
        {
            ApiKey = ApiKey,
            CustomEndpointUrl = server.BaseUrl,
            KeyPersistence = true,
            KeyPersistencePath = _keys,
            BufferPath = _buffer,
            Source = "leak-check",
            Debug = true,
            FlushInterval = TimeSpan.FromMilliseconds(20),
            InitialDelay = TimeSpan.FromMilliseconds(5),
            MaxDelay = TimeSpan.FromMilliseconds(50),
            MaxRetries = 5,
            ShutdownTimeout = TimeSpan.FromSeconds(5),
            DiagnosticListener = diagnostics.Enqueue,
        });
        client.Info("first");
        Assert.That(await client.FlushAsync(s_wait), Is.True);
        aesKeys.UnionWith(SecurityFiles.PersistedAesKeys(_keys));

        server.RevokeAllKeys();
        client.Info("after revocation");
        Assert.That(await client.FlushAsync(s_wait), Is.True);
        aesKeys.UnionWith(SecurityFiles.PersistedAesKeys(_keys));

        server.Faults.Enqueue(FaultEndpoint.Ingest, Fault.Status(500), Fault.Status(500));
        client.Info("through 500s");
        bufferSnapshots.AddRange(SecurityFiles.ReadAll(_buffer));
        Assert.That(await client.FlushAsync(s_wait), Is.True);

        texts.Add(client.ToString());
        texts.Add(client.GetStats().ToString());
        await client.CloseAsync();
        texts.Add(client.GetStats().ToString());
        aesKeys.UnionWith(SecurityFiles.PersistedAesKeys(_keys));
        bufferSnapshots.AddRange(SecurityFiles.ReadAll(_buffer));

        foreach (var diagnostic in diagnostics)
        {
            texts.Add(diagnostic.ToString());
            for (var ex = diagnostic.Exception; ex is not null; ex = ex.InnerException) texts.Add(ex.ToString());
        }

        var delivered = server.Entries.Select(e => e.Message).ToList();
        TestContext.Out.WriteLine($"diagnostics {diagnostics.Count}, handshakes {server.HandshakeCompleteCount}, AES keys seen {aesKeys.Count}, buffer files read {bufferSnapshots.Count}, delivered {delivered.Count}");
        Assert.Multiple(() =>
        {
            Assert.That(delivered, Is.SupersetOf(new[] { "first", "after revocation", "through 500s" }));
            Assert.That(server.HandshakeCompleteCount, Is.GreaterThanOrEqualTo(2), "the revoked key forced a second handshake");
            Assert.That(aesKeys, Has.Count.GreaterThanOrEqualTo(2), "both AES keys were read from the key file");
            Assert.That(diagnostics, Is.Not.Empty, "debug diagnostics were emitted");
            Assert.That(bufferSnapshots, Is.Not.Empty, "the buffer files were read");
        });
        foreach (var secret in aesKeys.Append(ApiKey))
        {
            foreach (var text in texts) Assert.That(text, Does.Not.Contain(secret));
            var bytes = Encoding.UTF8.GetBytes(secret);
            foreach (var (path, content) in bufferSnapshots)
                Assert.That(content.AsSpan().IndexOf(bytes), Is.EqualTo(-1), $"{Path.GetFileName(path)} contains a secret");
        }
        foreach (var raw in aesKeys.Select(Convert.FromBase64String))
        {
            foreach (var (path, content) in bufferSnapshots)
                Assert.That(content.AsSpan().IndexOf(raw), Is.EqualTo(-1), $"{Path.GetFileName(path)} contains raw AES key bytes");
        }
    }

    [Test]
    public void Options_tostring_and_configuration_errors_show_only_the_masked_key()
    {
        var options = new LogFluxOptions { ApiKey = ApiKey, CustomEndpointUrl = "http://logs.example.com", BatchSize = 0 };
        var error = Assert.Throws<LogFluxConfigurationException>(() => new LogFluxClient(options))!;

        var badKey = new LogFluxOptions { ApiKey = "xx-lf_not_a_region_secretvalue123" };
        var keyError = Assert.Throws<LogFluxConfigurationException>(badKey.Validate)!;

        Assert.Multiple(() =>
        {
            Assert.That(options.ToString(), Does.Not.Contain(ApiKey));
            Assert.That(options.ToString(), Does.Contain("ApiKey = "));
            Assert.That(error.Message, Does.Contain("BatchSize"));
            Assert.That(error.ToString(), Does.Not.Contain(ApiKey));
            Assert.That(keyError.ToString(), Does.Not.Contain("secretvalue123"));
        });
    }
}
