using System.Security.Cryptography;
using LogFlux.Sinks.Protocol;
using LogFlux.Sinks.Transport;

namespace LogFlux.Sinks.Pipeline;

/// <summary>Presents the protocol's <see cref="BatchEncoder"/> as the pipeline's <see cref="IBatchEncoder"/>.</summary>
internal sealed class BatchEncoderAdapter : IBatchEncoder
{
    private readonly BatchEncoder _encoder;

    public BatchEncoderAdapter(BatchEncoder encoder) => _encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));

    public IEncodedBatch Encode(IReadOnlyList<PendingEntry> entries, SessionKey session, AesGcm aes) =>
        new Encoded(_encoder.Encode(entries, session, aes));

    private sealed class Encoded : IEncodedBatch
    {
        private readonly EncodedBatch _batch;

        public Encoded(EncodedBatch batch) => _batch = batch;

        public ReadOnlyMemory<byte> Body => _batch.Body;
        public string Boundary => _batch.Boundary;
        public IReadOnlyList<PendingEntry> Included => _batch.Included;
        public IReadOnlyList<(PendingEntry Entry, string Reason)> Rejected => _batch.Rejected;
        public IReadOnlyList<PendingEntry> Deferred => _batch.Deferred;
        public void Dispose() => _batch.Dispose();
    }
}
