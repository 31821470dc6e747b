using System.Buffers.Binary;
using System.Security.Cryptography;
using LogFlux.Sinks.Pipeline;
using LogFlux.Sinks.Transport;

namespace LogFlux.Sinks.Core.Tests.Pipeline;

/// <summary>
/// An encoder whose body is the entries' sequence numbers (8 bytes each), so the scripted transport can tell
/// exactly which entries a request carried. Entries matching <see cref="Reject"/> come back as rejected.
/// </summary>
internal sealed class ScriptedEncoder : IBatchEncoder
{
    private int _encodes;

    public Func<PendingEntry, string?>? Reject { get; set; }

    public Func<IReadOnlyList<PendingEntry>, int>? MaxIncluded { get; set; }

    public int Encodes => Volatile.Read(ref _encodes);

    public List<(long Generation, int Count)> Sessions { get; } = new();

    public IEncodedBatch Encode(IReadOnlyList<PendingEntry> entries, SessionKey session, AesGcm aes)
    {
        Interlocked.Increment(ref _encodes);
        lock (Sessions) Sessions.Add((session.Generation, entries.Count));
        var included = new List<PendingEntry>();
        var rejected = new List<(PendingEntry, string)>();
        var overflow = new List<PendingEntry>();
        var limit = MaxIncluded?.Invoke(entries) ?? int.MaxValue;
        foreach (var entry in entries)
        {
            var reason = Reject?.Invoke(entry);
            if (reason is not null) rejected.Add((entry, reason));
            else if (included.Count < limit) included.Add(entry);
            else overflow.Add(entry);
        }
        return new Encoded(included, rejected, overflow);
    }

    public static long[] Decode(ReadOnlyMemory<byte> body)
    {
        var span = body.Span;
        var sequences = new long[span.Length / 8];
        for (var i = 0; i < sequences.Length; i++) sequences[i] = BinaryPrimitives.ReadInt64LittleEndian(span[(i * 8)..]);
        return sequences;
    }

    private sealed class Encoded : IEncodedBatch
    {
        public Encoded(List<PendingEntry> included, List<(PendingEntry, string)> rejected, List<PendingEntry> overflow)
        {
            Included = included;
            Rejected = rejected;
            Overflow = overflow;
            var body = new byte[included.Count * 8];
            for (var i = 0; i < included.Count; i++) BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(i * 8), included[i].Sequence);
            Body = body;
        }

        public ReadOnlyMemory<byte> Body { get; }
        public string Boundary { get; } = "test-" + Guid.NewGuid().ToString("N");
        public IReadOnlyList<PendingEntry> Included { get; }
        public IReadOnlyList<(PendingEntry Entry, string Reason)> Rejected { get; }
        public IReadOnlyList<PendingEntry> Overflow { get; }
        public void Dispose() { }
    }
}
