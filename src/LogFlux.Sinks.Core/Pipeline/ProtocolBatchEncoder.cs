using System.Security.Cryptography;
using LogFlux.Sinks.Transport;

namespace LogFlux.Sinks.Pipeline;

/// <summary>The pipeline's <see cref="IBatchEncoder"/> in production: encodes with the protocol's <see cref="BatchEncoder"/>.</summary>
internal sealed class ProtocolBatchEncoder : IBatchEncoder
{
    private readonly BatchEncoder _encoder;

    public ProtocolBatchEncoder(BatchEncoder encoder) => _encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));

    public IEncodedBatch Encode(IReadOnlyList<PendingEntry> entries, SessionKey session, AesGcm aes) =>
        _encoder.Encode(entries, session, aes);
}
