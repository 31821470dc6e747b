using System.Collections.Concurrent;
using LogFlux.Sinks.Context;
using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Core.Tests.Security;

/// <summary>Every session key a client negotiated is disposed (zeroed) once the client is closed.</summary>
public class KeyZeroingTests
{
    [Test]
    public async Task Every_session_key_is_zeroed_after_close_including_a_replaced_one()
    {
        await using var server = await LogFluxTestServer.StartAsync();
        var diagnostics = new ConcurrentQueue<LogFluxDiagnostic>();
        var options = new LogFluxOptions
        {
            ApiKey = "eu-lf_zeroing_0123456789",
            CustomEndpointUrl = server.BaseUrl,
            KeyPersistence = false,
            FlushInterval = TimeSpan.FromMilliseconds(20),
            ShutdownTimeout = TimeSpan.FromSeconds(5),
            DiagnosticListener = diagnostics.Enqueue,
        };
        var transport = new RecordingTransport(options, diagnostics.Enqueue);
        var client = new LogFluxClient(options, new ClientSeams { Transport = transport });

        client.Info("one");
        Assert.That(await client.FlushAsync(TimeSpan.FromSeconds(20)), Is.True);
        server.RevokeAllKeys();
        client.Info("two");
        Assert.That(await client.FlushAsync(TimeSpan.FromSeconds(20)), Is.True);

        var keys = transport.Keys;
        Assert.That(keys, Has.Count.GreaterThanOrEqualTo(2), "the revoked key was replaced");
        Assert.That(keys.Count(k => !k.IsDisposed), Is.GreaterThanOrEqualTo(1), "the current key is live before close");

        await client.CloseAsync();
        TestContext.Out.WriteLine($"session keys {keys.Count}, delivered {server.Entries.Count}");
        Assert.That(keys.Select(k => k.IsDisposed), Is.All.True);
    }
}
