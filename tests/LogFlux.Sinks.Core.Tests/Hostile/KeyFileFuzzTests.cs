using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LogFlux.Sinks.Diagnostics;
using LogFlux.Sinks.Keys;
using LogFlux.Sinks.Pipeline;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Core.Tests.Hostile;

/// <summary>
/// Seeded fuzzing of the key file loader: mutated files never make it throw and never load with another binding.
/// The format has no integrity check on <c>aes_key</c> (docs/protocol.md#key-file-format), so a mutation that leaves a different valid
/// 32-byte key is loaded by design (the server then refuses it and the client re-handshakes); such cases are counted.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class KeyFileFuzzTests
{
    private const int Seed = 7_340_033;
    private static readonly TimeSpan s_budget = TimeSpan.FromSeconds(2);

    [Test]
    public void Mutated_key_files_never_throw_and_never_load_with_a_foreign_binding()
    {
        var directory = Path.Combine(Path.GetTempPath(), "lf-keyfuzz-" + Guid.NewGuid().ToString("N"));
        try
        {
            const string endpoint = "http://127.0.0.1:5999";
            var store = KeyFileStore.Create(directory, "eu-lf_keyfuzz_0123456789", endpoint, isCustomEndpoint: true, new SelfDiagnostics(null, debug: false))!;
            var aesKey = RandomNumberGenerator.GetBytes(32);
            var now = DateTimeOffset.UtcNow;
            using (var content = new KeyFileContent(store.Binding, endpoint, "key-123", aesKey, now.AddMinutes(-1), null, new ServerLimits(100, 1 << 20, 10 << 20), 4096, "fuzz"))
                Assert.That(store.Save(content), Is.True);
            var valid = File.ReadAllBytes(store.FilePath);
            using (var control = store.TryLoad(null, now)) Assert.That(control, Is.Not.Null, "the unmutated file loads");

            var random = new Random(Seed);
            int runs = 0, loaded = 0, loadedWithOtherKey = 0;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < s_budget && runs < 20_000)
            {
                var mutated = Mutations.Mutate(valid, random);
                File.WriteAllBytes(store.FilePath, mutated);
                runs++;
                KeyFileContent? result;
                try
                {
                    result = store.TryLoad(null, now);
                }
                catch (Exception ex)
                {
                    Assert.Fail($"run {runs} (seed {Seed}) threw {ex.GetType().Name}: {ex.Message}\n{Encoding.UTF8.GetString(mutated)}");
                    return;
                }
                if (result is null) continue;
                using (result)
                {
                    loaded++;
                    Assert.That(result.Binding, Is.EqualTo(store.Binding).IgnoreCase, $"run {runs} loaded a foreign binding");
                    Assert.That(result.AesKey.Length, Is.EqualTo(32));
                    if (result.AesKey.SequenceEqual(aesKey)) continue;
                    loadedWithOtherKey++;
                    Assert.That(AesKeyText(mutated), Is.Not.EqualTo(Convert.ToBase64String(aesKey)), $"run {runs}: the key changed although its text did not");
                }
            }
            TestContext.Out.WriteLine($"{runs} mutated key files in {watch.ElapsedMilliseconds} ms: {loaded} loaded, {loadedWithOtherKey} of them with an edited aes_key, {runs - loaded} refused");
            Assert.That(runs - loaded, Is.GreaterThan(runs / 2), "most mutations are refused");
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    private static string? AesKeyText(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.GetProperty("aes_key").GetString();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
