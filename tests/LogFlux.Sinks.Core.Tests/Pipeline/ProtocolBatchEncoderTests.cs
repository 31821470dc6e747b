using System.Security.Cryptography;
using System.Text;
using LogFlux.Sinks.Pipeline;
using LogFlux.Sinks.Protocol;
using LogFlux.Sinks.Transport;

namespace LogFlux.Sinks.Core.Tests.Pipeline;

public class ProtocolBatchEncoderTests
{
    [Test]
    public void The_production_encoder_passes_the_protocol_encoders_result_through()
    {
        var encoder = new ProtocolBatchEncoder(new BatchEncoder(new GlobalContext("svc", null, null), enableCompression: true));
        using var session = new SessionKey(RandomNumberGenerator.GetBytes(32), "key-1", "http://127.0.0.1", ServerLimits.None, null, "handshake", 1);
        using var aes = session.CreateAesGcm();
        var good = new PendingEntry(LogFluxEntryType.Log, LogFluxLevel.Info, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes("{\"message\":\"hi\",\"level\":7}"));
        var empty = new PendingEntry(LogFluxEntryType.Log, LogFluxLevel.Info, DateTimeOffset.UtcNow, Array.Empty<byte>());

        using var encoded = encoder.Encode(new[] { good, empty }, session, aes);

        Assert.That(encoded.Included, Is.EqualTo(new[] { good }));
        Assert.That(encoded.Rejected.Select(r => r.Entry), Is.EqualTo(new[] { empty }));
        Assert.That(encoded.Overflow, Is.Empty);
        Assert.That(encoded.Boundary, Does.StartWith("logflux-"));
        Assert.That(Encoding.ASCII.GetString(encoded.Body.Span[..(encoded.Boundary.Length + 2)]), Is.EqualTo("--" + encoded.Boundary));
    }
}
