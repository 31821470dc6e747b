using System.Security.Cryptography;
using LogFlux.Sinks.Transport;

namespace LogFlux.Sinks.Pipeline;

/// <summary>
/// What the send pipeline needs from the request encoder: one multipart body per attempt, built with
/// fresh nonces under the given key. <see cref="ProtocolBatchEncoder"/> is the production one.
/// </summary>
internal interface IBatchEncoder
{
    /// <summary>Encodes <paramref name="entries"/>; entries that cannot be encoded come back in <see cref="IEncodedBatch.Rejected"/>.</summary>
    IEncodedBatch Encode(IReadOnlyList<PendingEntry> entries, SessionKey session, AesGcm aes);
}

/// <summary>One encoded request body; disposing it releases the body buffer.</summary>
internal interface IEncodedBatch : IDisposable
{
    /// <summary>The multipart body.</summary>
    ReadOnlyMemory<byte> Body { get; }

    /// <summary>The multipart boundary of <see cref="Body"/>.</summary>
    string Boundary { get; }

    /// <summary>The entries written into the body, in body order.</summary>
    IReadOnlyList<PendingEntry> Included { get; }

    /// <summary>Entries left out because they cannot be encoded, with the reason text.</summary>
    IReadOnlyList<(PendingEntry Entry, string Reason)> Rejected { get; }

    /// <summary>Valid entries left out because the body reached the server's request size; they go in a later request.</summary>
    IReadOnlyList<PendingEntry> Overflow { get; }
}
