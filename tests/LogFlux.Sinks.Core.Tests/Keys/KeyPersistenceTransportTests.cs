using System.Text.Json.Nodes;
using LogFlux.Sinks.Core.Tests.Transport;
using LogFlux.Sinks.Keys;
using LogFlux.Sinks.Testing;
using LogFlux.Sinks.Transport;
using Microsoft.Extensions.Time.Testing;
using static LogFlux.Sinks.Core.Tests.Transport.TransportTestKit;

namespace LogFlux.Sinks.Core.Tests.Keys;

/// <summary>Key persistence through the transport, end to end against the receiver.</summary>
/// <remarks>POSIX permission checks are part of these tests.</remarks>
[TestFixture]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class KeyPersistenceTransportTests
{
    private LogFluxTestServer _server = null!;
    private DirectoryInfo _directory = null!;

    [SetUp]
    public async Task SetUp()
    {
        _server = await StartServerAsync();
        _directory = TempDirectory();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _server.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    private LogFluxOptions PersistentOptions() => TransportOptions(_server.BaseUrl, _directory.FullName);

    private static JsonObject ReadFile(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    private async Task<IngestResult> SendAsync(LogFluxTransport transport, SessionKey key, string message)
    {
        using var batch = Encode(key, message);
        return await transport.SendAsync(key, batch.Body, batch.Boundary, CancellationToken.None).WaitAsync(WaitLimit);
    }

    [Test]
    public async Task A_restart_reuses_the_persisted_key_without_a_second_handshake()
    {
        string keyId;
        string path;
        await using (var first = Create(PersistentOptions()))
        {
            keyId = (await Within(first.GetSessionAsync(CancellationToken.None))).KeyId;
            path = first.KeyFilePath!;
        }
        var written = ReadFile(path);
        Assert.That((string?)written["key_id"], Is.EqualTo(keyId));
        Assert.That((long?)written["nonce_budget_used"], Is.EqualTo(NonceBudget.BlockSize));
        Assert.That((string?)written["endpoint"], Is.EqualTo(_server.BaseUrl));

        await using var second = Create(PersistentOptions());
        var key = await Within(second.GetSessionAsync(CancellationToken.None));
        var result = await SendAsync(second, key, "after restart");

        Assert.That(key.KeyId, Is.EqualTo(keyId));
        Assert.That(key.KeySource, Is.EqualTo("persisted"));
        Assert.That(second.State, Is.EqualTo(new TransportState(true, 0, "persisted", _server.PublicKeyFingerprint, null)));
        Assert.That(result.IsSuccess, Is.True, result.ErrorText);
        Assert.That(_server.HandshakeInitCount, Is.EqualTo(1));
        Assert.That((long?)ReadFile(path)["nonce_budget_used"], Is.EqualTo(2 * NonceBudget.BlockSize), "loading reserves the next block");
    }

    [Test]
    public async Task A_rejected_persisted_key_is_renewed_once_and_the_file_rewritten()
    {
        await using (var first = Create(PersistentOptions()))
            await Within(first.GetSessionAsync(CancellationToken.None));
        _server.RevokeAllKeys();

        await using var second = Create(PersistentOptions());
        var stale = await Within(second.GetSessionAsync(CancellationToken.None));
        var rejected = await SendAsync(second, stale, "rejected");
        var renewed = await Within(second.RenewSessionAsync(stale, CancellationToken.None));
        var accepted = await SendAsync(second, renewed, "accepted");

        Assert.That(rejected.StatusCode, Is.EqualTo(401));
        Assert.That(accepted.IsSuccess, Is.True, accepted.ErrorText);
        Assert.That(_server.HandshakeInitCount, Is.EqualTo(2));
        Assert.That(renewed.KeySource, Is.EqualTo("handshake"));
        var file = ReadFile(second.KeyFilePath!);
        Assert.That((string?)file["key_id"], Is.EqualTo(renewed.KeyId));
        Assert.That((long?)file["nonce_budget_used"], Is.EqualTo(NonceBudget.BlockSize));
    }

    [TestCase("{ corrupt")]
    [TestCase("{\"format\":\"logflux-keyfile\",\"version\":1}")]
    public async Task A_corrupt_file_is_replaced_after_a_handshake(string text)
    {
        await using var transport = Create(PersistentOptions());
        File.WriteAllText(transport.KeyFilePath!, text);
        File.SetUnixFileMode(transport.KeyFilePath!, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var key = await Within(transport.GetSessionAsync(CancellationToken.None));

        Assert.That(key.KeySource, Is.EqualTo("handshake"));
        Assert.That((string?)ReadFile(transport.KeyFilePath!)["key_id"], Is.EqualTo(key.KeyId));
    }

    [Test]
    public async Task A_world_readable_file_is_not_used_and_is_replaced_with_mode_0600()
    {
        string path;
        await using (var first = Create(PersistentOptions()))
        {
            await Within(first.GetSessionAsync(CancellationToken.None));
            path = first.KeyFilePath!;
        }
        File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32("644", 8));

        await using var second = Create(PersistentOptions());
        var key = await Within(second.GetSessionAsync(CancellationToken.None));

        Assert.That(key.KeySource, Is.EqualTo("handshake"));
        Assert.That(_server.HandshakeInitCount, Is.EqualTo(2));
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public async Task A_file_due_for_rotation_at_load_is_replaced_by_a_new_handshake()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = PersistentOptions();
        options.KeyRotationDays = 7;
        string oldKeyId;
        await using (var first = Create(options, time: time))
            oldKeyId = (await Within(first.GetSessionAsync(CancellationToken.None))).KeyId;
        time.Advance(TimeSpan.FromDays(7));

        await using var second = Create(options, time: time);
        var key = await Within(second.GetSessionAsync(CancellationToken.None));

        Assert.That(key.KeyId, Is.Not.EqualTo(oldKeyId));
        Assert.That(key.KeySource, Is.EqualTo("handshake"));
        Assert.That((string?)ReadFile(second.KeyFilePath!)["key_id"], Is.EqualTo(key.KeyId));
    }

    [Test]
    public async Task A_running_client_rotates_in_the_background_when_the_key_ages()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = PersistentOptions();
        options.KeyRotationDays = 1;
        await using var transport = Create(options, time: time);
        var first = await Within(transport.GetSessionAsync(CancellationToken.None));

        time.Advance(TimeSpan.FromDays(1));
        var during = await Within(transport.GetSessionAsync(CancellationToken.None));
        await transport.WhenIdleAsync().WaitAsync(WaitLimit);
        var after = await Within(transport.GetSessionAsync(CancellationToken.None));

        Assert.That(during, Is.SameAs(first), "the current key is returned while the new one is negotiated");
        Assert.That(after.Generation, Is.GreaterThan(first.Generation));
        Assert.That(first.IsDisposed, Is.False, "batches built with the old key may still be in flight");
        Assert.That(_server.HandshakeInitCount, Is.EqualTo(2));
        Assert.That((string?)ReadFile(transport.KeyFilePath!)["key_id"], Is.EqualTo(after.KeyId));
    }

    [Test]
    public async Task Using_up_a_nonce_block_reserves_the_next_one_in_the_file()
    {
        await using var transport = Create(PersistentOptions());
        var key = await Within(transport.GetSessionAsync(CancellationToken.None));

        transport.ReserveNonces(key, (int)NonceBudget.BlockSize);
        var unchanged = (long?)ReadFile(transport.KeyFilePath!)["nonce_budget_used"];
        transport.ReserveNonces(key, 1);

        Assert.That(unchanged, Is.EqualTo(NonceBudget.BlockSize));
        Assert.That((long?)ReadFile(transport.KeyFilePath!)["nonce_budget_used"], Is.EqualTo(2 * NonceBudget.BlockSize));
    }

    [Test]
    public async Task Passing_two_to_the_31_encryptions_rotates_the_key()
    {
        await using var transport = Create(PersistentOptions());
        var key = await Within(transport.GetSessionAsync(CancellationToken.None));

        for (var i = 0; i < 3; i++) transport.ReserveNonces(key, 1 << 30);
        await transport.WhenIdleAsync().WaitAsync(WaitLimit);
        var next = await Within(transport.GetSessionAsync(CancellationToken.None));

        Assert.That(key.Nonces.IsExhausted, Is.True);
        Assert.That(next.Generation, Is.GreaterThan(key.Generation));
        Assert.That(_server.HandshakeInitCount, Is.EqualTo(2));
        Assert.That((long?)ReadFile(transport.KeyFilePath!)["nonce_budget_used"], Is.LessThanOrEqualTo(NonceBudget.RotationLimit));
    }

    [Test]
    public async Task A_persisted_key_near_the_nonce_limit_is_not_reused()
    {
        string path;
        await using (var first = Create(PersistentOptions()))
        {
            await Within(first.GetSessionAsync(CancellationToken.None));
            path = first.KeyFilePath!;
        }
        var content = ReadFile(path);
        content["nonce_budget_used"] = NonceBudget.RotationLimit;
        File.WriteAllText(path, content.ToJsonString());

        await using var second = Create(PersistentOptions());
        var key = await Within(second.GetSessionAsync(CancellationToken.None));

        Assert.That(key.KeySource, Is.EqualTo("handshake"));
        Assert.That(_server.HandshakeInitCount, Is.EqualTo(2));
    }

    [Test]
    public async Task With_persistence_off_no_file_is_read_or_written()
    {
        var existing = Path.Combine(_directory.FullName, "untouched.json");
        File.WriteAllText(existing, "keep");
        var before = File.GetLastWriteTimeUtc(existing);
        var options = TransportOptions(_server.BaseUrl, _directory.FullName);
        options.KeyPersistence = false;
        await using var transport = Create(options);

        var key = await Within(transport.GetSessionAsync(CancellationToken.None));
        transport.ReserveNonces(key, (int)NonceBudget.BlockSize + 1);

        Assert.That(transport.KeyFilePath, Is.Null);
        Assert.That(Directory.GetFileSystemEntries(_directory.FullName), Is.EqualTo(new[] { existing }));
        Assert.That(File.ReadAllText(existing), Is.EqualTo("keep"));
        Assert.That(File.GetLastWriteTimeUtc(existing), Is.EqualTo(before));
    }

    [Test]
    public async Task A_file_for_another_endpoint_is_never_used()
    {
        await using (var first = Create(PersistentOptions()))
            await Within(first.GetSessionAsync(CancellationToken.None));
        await using var other = await StartServerAsync();

        await using var transport = Create(TransportOptions(other.BaseUrl, _directory.FullName));
        var key = await Within(transport.GetSessionAsync(CancellationToken.None));

        Assert.That(key.KeySource, Is.EqualTo("handshake"));
        Assert.That(key.BaseUrl, Is.EqualTo(other.BaseUrl));
        Assert.That(Directory.GetFiles(_directory.FullName), Has.Length.EqualTo(2));
    }
}
