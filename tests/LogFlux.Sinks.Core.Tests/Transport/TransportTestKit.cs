using System.Collections.Concurrent;
using LogFlux.Sinks.Core.Tests.Support;
using LogFlux.Sinks.Diagnostics;
using LogFlux.Sinks.Pipeline;
using LogFlux.Sinks.Testing;
using LogFlux.Sinks.Protocol;
using LogFlux.Sinks.Transport;

namespace LogFlux.Sinks.Core.Tests.Transport;

/// <summary>Shared setup for transport and key-file tests.</summary>
internal static class TransportTestKit
{
    public const string ApiKey = "eu-lf_transporttest_0123456789abcdef";

    /// <summary>Bound for every wait in these tests.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    public static LogFluxOptions TransportOptions(string baseUrl, string? keyDirectory = null, TimeSpan? httpTimeout = null) => new()
    {
        ApiKey = ApiKey,
        CustomEndpointUrl = baseUrl,
        KeyPersistence = keyDirectory is not null,
        KeyPersistencePath = keyDirectory,
        HttpTimeout = httpTimeout ?? TimeSpan.FromSeconds(10),
    };

    public static LogFluxTransport Create(LogFluxOptions options, DiagnosticLog? log = null, TimeProvider? time = null,
        Func<string, DiscoveryUrls>? discovery = null) =>
        new(options, (log ?? new DiagnosticLog()).Diagnostics, time ?? TimeProvider.System, () => 0.5, discovery);

    /// <summary>Encodes one log entry under <paramref name="key"/> with the real encoder.</summary>
    public static EncodedBatch Encode(SessionKey key, string message = "hello transport")
    {
        var encoder = new BatchEncoder(new GlobalContext("transport-tests", null, null), enableCompression: true);
        var entry = new PendingEntry(new LogEntry(LogFluxLevel.Info, message, DateTimeOffset.UtcNow), 128);
        using var aes = key.CreateAesGcm();
        return encoder.Encode([entry], key, aes);
    }

    public static async Task<T> Within<T>(Task<T> task) => await task.WaitAsync(WaitLimit);

    public static async Task<T> Within<T>(ValueTask<T> task) => await task.AsTask().WaitAsync(WaitLimit);

    /// <summary>Starts the receiver with the vector RSA key (generating a fresh RSA-2048 key per test is slow).</summary>
    public static Task<LogFluxTestServer> StartServerAsync(LogFluxTestServerOptions? options = null)
    {
        options ??= new LogFluxTestServerOptions();
        options.RsaPrivateKeyPem ??= Vectors.Section("rsa_oaep").GetProperty("private_key_pem").GetString();
        return LogFluxTestServer.StartAsync(options);
    }

    public static DirectoryInfo TempDirectory() => Directory.CreateTempSubdirectory("logflux-transport-tests-");
}

/// <summary>Collects self-diagnostics.</summary>
internal sealed class DiagnosticLog
{
    private readonly ConcurrentQueue<LogFluxDiagnostic> _messages = new();

    public DiagnosticLog() => Diagnostics = new SelfDiagnostics(_messages.Enqueue, debug: true);

    public SelfDiagnostics Diagnostics { get; }

    public IReadOnlyList<LogFluxDiagnostic> Messages => _messages.ToArray();

    public string AllText => string.Join("\n", _messages.Select(m => m.ToString()));
}
