namespace LogFlux.Sinks.Protocol;

/// <summary>
/// Names and paths of the LogFlux wire protocol. This file is shared (linked) with the test receiver,
/// which otherwise decodes with its own code.
/// </summary>
internal static class WireNames
{
    public const string IngestPath = "/v1/ingest";
    public const string HandshakeInitPath = "/v1/handshake/init";
    public const string HandshakeCompletePath = "/v1/handshake/complete";
    public const string HealthPath = "/health";
    public const string InfoPath = "/info";

    public const string EntryTypeHeader = "X-LF-Entry-Type";
    public const string PayloadTypeHeader = "X-LF-Payload-Type";
    public const string TimestampHeader = "X-LF-Timestamp";
    public const string KeyIdHeader = "X-LF-Key-ID";
    public const string NonceHeader = "X-LF-Nonce";
    public const string PartContentType = "application/octet-stream";
    public const string TraceHeader = "X-LogFlux-Trace";
    public const string TraceParentHeader = "traceparent";

    public const int PayloadTypeEncrypted = 1;
    public const int PayloadTypeCompressedOnly = 3;

    public const int AesKeySize = 32;
    public const int NonceSize = 12;
    public const int TagSize = 16;
}
