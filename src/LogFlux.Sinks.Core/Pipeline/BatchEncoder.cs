using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using LogFlux.Sinks.Crypto;
using LogFlux.Sinks.Transport;
using LogFlux.Sinks.Protocol;
using LogFlux.Sinks.Records;

namespace LogFlux.Sinks.Pipeline;

/// <summary>Fills a 12-byte nonce.</summary>
internal delegate void NonceFill(Span<byte> nonce);

/// <summary>Compresses one entry's JSON into a gzip member.</summary>
internal delegate void Compressor(ReadOnlySpan<byte> input, IBufferWriter<byte> output);

/// <summary>
/// Encodes a batch of queued entries into one ingest request body (docs/protocol.md#ingest-request): JSON per entry
/// (truncated per 9.9 when over the size limit), gzip when enabled, AES-256-GCM with a fresh nonce for
/// entry types 1–6, and the multipart layout of 4.6 with a new boundary. Thread safe: every call uses
/// its own buffers, so one encoder can serve several workers (each with its own <see cref="AesGcm"/>).
/// </summary>
internal sealed class BatchEncoder
{
    /// <summary>An entry timestamp further ahead than this is replaced by the current time in the part header.</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(1);

    private const int TruncationMarkerRoom = 64;
    private const int MinimumFitLimit = 256;

    private readonly TimeProvider _time;
    private readonly Func<string> _boundaryFactory;
    private readonly NonceFill _nonceFill;
    private readonly Compressor _compressor;
    private Scratch? _spareScratch;

    /// <summary>Creates an encoder.</summary>
    /// <param name="context">Global context written into entries that are serialised here.</param>
    /// <param name="enableCompression">gzip before encryption; when false the body is the raw JSON with the same payload type (4.5).</param>
    /// <param name="timeProvider">Clock for the timestamp window of 4.7; the system clock when null.</param>
    public BatchEncoder(GlobalContext context, bool enableCompression, TimeProvider? timeProvider = null)
        : this(context, enableCompression, timeProvider, null, null, null)
    {
    }

    /// <summary>Creates an encoder with injected randomness and compression (known-answer tests).</summary>
    internal BatchEncoder(GlobalContext context, bool enableCompression, TimeProvider? timeProvider,
        Func<string>? boundaryFactory, NonceFill? nonceFill, Compressor? compressor)
    {
        Context = context;
        EnableCompression = enableCompression;
        _time = timeProvider ?? TimeProvider.System;
        _boundaryFactory = boundaryFactory ?? MultipartWriter.NewBoundary;
        _nonceFill = nonceFill ?? NonceSource.Shared.Next;
        _compressor = compressor ?? Gzip.Compress;
    }

    /// <summary>The global context applied to serialised entries.</summary>
    public GlobalContext Context { get; }

    /// <summary>Whether parts are gzip-compressed.</summary>
    public bool EnableCompression { get; }

    /// <summary>
    /// Encodes <paramref name="entries"/> in order. Entries that cannot be encoded are listed in
    /// <see cref="EncodedBatch.Rejected"/>; entries that no longer fit under the server's request size are
    /// listed in <see cref="EncodedBatch.Overflow"/>. Neither is in the body. Never throws for a bad entry.
    /// </summary>
    public EncodedBatch Encode(IReadOnlyList<PendingEntry> entries, SessionKey session, AesGcm aes)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(aes);

        var included = new List<PendingEntry>(entries.Count);
        var rejected = new List<(PendingEntry Entry, string Reason)>();
        var overflow = new List<PendingEntry>();
        byte[] keyId = HeaderValue(session.KeyId);
        var limits = session.Limits;
        var now = _time.GetUtcNow();
        string boundary = _boundaryFactory();

        var body = new PooledBufferWriter(EstimateBodySize(entries));
        try
        {
            var scratch = Interlocked.Exchange(ref _spareScratch, null) ?? new Scratch();
            using var release = new ScratchLease(this, scratch);
            var multipart = new MultipartWriter(body, boundary);
            Span<byte> nonce = stackalloc byte[WireNames.NonceSize];

            for (int i = 0; i < entries.Count; i++)
            {
                var pending = entries[i];
                try
                {
                    string? reason = EncodeOne(pending, scratch, limits, out var partBody);
                    if (reason is not null)
                    {
                        rejected.Add((pending, reason));
                        continue;
                    }

                    bool encrypted = MultipartWriter.IsEncrypted(pending.Type);
                    int bodyLength = partBody.Length + (encrypted ? WireNames.TagSize : 0);
                    if (limits.MaxRequestSize > 0)
                    {
                        long total = multipart.BytesWritten + multipart.MeasurePart(keyId.Length, encrypted, bodyLength) + multipart.ClosingLength + (multipart.PartCount == 0 ? 2 : 0);
                        if (total > limits.MaxRequestSize)
                        {
                            if (multipart.PartCount == 0)
                            {
                                rejected.Add((pending, $"entry needs {total} bytes, over the server's max_request_size of {limits.MaxRequestSize}"));
                                continue;
                            }
                            for (int j = i; j < entries.Count; j++) overflow.Add(entries[j]);
                            break;
                        }
                    }

                    var headerTime = HeaderTimestamp(pending.Timestamp, now);
                    if (encrypted)
                    {
                        _nonceFill(nonce);
                        multipart.WriteEncryptedPart(pending.Type, headerTime, keyId, nonce, partBody, aes);
                    }
                    else
                    {
                        multipart.WritePart(pending.Type, MultipartWriter.PayloadTypeOf(pending.Type), headerTime, default, default, partBody);
                    }
                    included.Add(pending);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    rejected.Add((pending, $"encoding failed: {ex.GetType().Name}: {ex.Message}"));
                }
            }

            multipart.Complete();
            byte[] buffer = body.DetachBuffer(out int length);
            return new EncodedBatch(buffer, length, boundary, included, rejected, overflow);
        }
        finally
        {
            body.Dispose();
        }
    }

    /// <summary>ASCII bytes of a header value; anything outside printable ASCII becomes <c>?</c> so a value can never break the part headers.</summary>
    internal static byte[] HeaderValue(string value)
    {
        var bytes = new byte[value.Length];
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            bytes[i] = c is >= ' ' and < (char)0x7F ? (byte)c : (byte)'?';
        }
        return bytes;
    }

    /// <summary>The part header instant: the entry's own time, or now when it is outside [now − 1 year, now + 1 minute] (4.7).</summary>
    public static DateTimeOffset HeaderTimestamp(DateTimeOffset entryTime, DateTimeOffset now) =>
        entryTime > now + MaxFutureSkew || entryTime < now.AddYears(-1) ? now : entryTime;

    /// <summary>Serialises (or takes) the JSON, fits it to the limits and compresses it. Returns a reason on failure.</summary>
    private string? EncodeOne(PendingEntry pending, Scratch scratch, ServerLimits limits, out ReadOnlySpan<byte> partBody)
    {
        partBody = default;
        if (pending.Type is < LogFluxEntryType.Log or > LogFluxEntryType.TelemetryManaged)
            return $"entry type {(int)pending.Type} is outside 1-7";

        string? reason = FitJson(pending, scratch, EntryValidator.MaxEntryJsonBytes, out var json);
        if (reason is not null) return reason;

        var input = Compress(json, scratch);
        int overhead = MultipartWriter.IsEncrypted(pending.Type) ? WireNames.TagSize : 0;
        if (limits.MaxPayloadSize > 0 && input.Length + overhead > limits.MaxPayloadSize)
        {
            long smaller = limits.MaxPayloadSize - overhead - CompressionOverhead(limits.MaxPayloadSize) - TruncationMarkerRoom;
            if (smaller < MinimumFitLimit)
                return $"entry part is {input.Length + overhead} bytes, over the server's max_payload_size of {limits.MaxPayloadSize}";
            reason = FitJson(pending, scratch, (int)Math.Min(smaller, EntryValidator.MaxEntryJsonBytes), out json);
            if (reason is not null) return reason + $" (server max_payload_size {limits.MaxPayloadSize})";
            input = Compress(json, scratch);
            if (input.Length + overhead > limits.MaxPayloadSize)
                return $"entry part is {input.Length + overhead} bytes, over the server's max_payload_size of {limits.MaxPayloadSize}";
        }

        partBody = input;
        return null;
    }

    private ReadOnlySpan<byte> Compress(ReadOnlySpan<byte> json, Scratch scratch)
    {
        if (!EnableCompression) return json;
        scratch.Gzip.Clear();
        _compressor(json, scratch.Gzip);
        return scratch.Gzip.WrittenSpan;
    }

    private int CompressionOverhead(long size) => EnableCompression ? 18 + (int)(5 * (size / 16_000 + 1)) : 0;

    /// <summary>Produces JSON of at most <paramref name="limit"/> bytes, truncating per docs/protocol.md#limits-and-truncation when needed.</summary>
    private string? FitJson(PendingEntry pending, Scratch scratch, int limit, out ReadOnlySpan<byte> json)
    {
        json = default;
        if (pending.Captured is { } record)
        {
            scratch.Json.Clear();
            scratch.Writer.Reset(scratch.Json);
            RecordJsonWriter.WriteRecord(scratch.Writer, record, Context, scratch.Attributes, scratch.Message);
            scratch.Writer.Flush();
            json = scratch.Json.WrittenSpan;
            if (json.Length <= limit) return null;
            return EntryTruncation.Fit(pending.MaterializeRecord(), Context, scratch.Json, scratch.Writer, limit, out json);
        }
        if (pending.Json is { } raw)
        {
            if (raw.Length == 0) return "entry JSON is empty";
            if (raw.Length <= limit)
            {
                json = raw;
                return null;
            }
            return EntryTruncation.FitJsonText(raw, scratch.Json, scratch.Writer, limit, out json);
        }
        var entry = pending.Entry!;
        string? invalid = EntryValidator.Validate(entry);
        if (invalid is not null) return invalid;
        return EntryTruncation.Fit(entry, Context, scratch.Json, scratch.Writer, limit, out json);
    }

    private static int EstimateBodySize(IReadOnlyList<PendingEntry> entries)
    {
        long estimate = 256;
        for (int i = 0; i < entries.Count; i++) estimate += 256 + entries[i].EstimatedBytes / 2;
        return (int)Math.Min(estimate, 4 * 1024 * 1024);
    }

    /// <summary>Keeps one set of scratch buffers for the next batch (two senders may encode at once; the second gets its own).</summary>
    private readonly struct ScratchLease : IDisposable
    {
        private readonly BatchEncoder _owner;
        private readonly Scratch _scratch;

        public ScratchLease(BatchEncoder owner, Scratch scratch)
        {
            _owner = owner;
            _scratch = scratch;
        }

        public void Dispose()
        {
            if (!_scratch.IsWorthKeeping || Interlocked.CompareExchange(ref _owner._spareScratch, _scratch, null) is not null)
            {
                _scratch.Dispose();
            }
        }
    }

    /// <summary>Buffers and the JSON writer reused for every entry of an <see cref="Encode"/> call, and kept for the next.</summary>
    private sealed class Scratch : IDisposable
    {
        public readonly PooledBufferWriter Json = new(4096);
        public readonly PooledBufferWriter Gzip = new(4096);
        public readonly Utf8JsonWriter Writer;
        public readonly LogFluxAttributeWriter Attributes = new();
        public readonly PooledCharWriter Message = new();

        private const int MaxKeptBytes = 64 * 1024;

        public Scratch()
        {
            Writer = new Utf8JsonWriter(Json, EntryJsonWriter.WriterOptions);
        }

        /// <summary>False once a huge entry grew the buffers: those go back to the pool instead of staying with the encoder.</summary>
        public bool IsWorthKeeping => Json.Capacity <= MaxKeptBytes && Gzip.Capacity <= MaxKeptBytes;

        public void Dispose()
        {
            Writer.Dispose();
            Message.Dispose();
            Json.Dispose();
            Gzip.Dispose();
        }
    }
}
