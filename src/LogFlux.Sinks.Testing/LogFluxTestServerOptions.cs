namespace LogFlux.Sinks.Testing;

/// <summary>Settings of a <see cref="LogFluxTestServer"/>.</summary>
public sealed class LogFluxTestServerOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 (default) picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>
    /// The server's RSA private key as PKCS#8 PEM (at least 2048 bits). Null (default) uses an RSA-2048 key generated
    /// once per process and shared by every server without an explicit key, so that servers start in milliseconds;
    /// use <see cref="LogFluxTestServer.GenerateRsaPrivateKeyPem"/> when a test needs a server with a different key.
    /// </summary>
    public string? RsaPrivateKeyPem { get; set; }

    /// <summary>The only API key accepted; null accepts any key of the form <c>&lt;region&gt;-lf_&lt;body&gt;</c>.</summary>
    public string? RequiredApiKey { get; set; }

    /// <summary><c>limits.max_batch_size</c> announced by the handshake; 0 = not announced. Not enforced.</summary>
    public int MaxBatchSize { get; set; }

    /// <summary><c>limits.max_payload_size</c> announced by the handshake and enforced per part body (413); 0 = none.</summary>
    public long MaxPayloadSize { get; set; }

    /// <summary>
    /// <c>limits.max_request_size</c> announced by the handshake and enforced per ingest body (413);
    /// 0 = not announced, with a 64 MiB bound still enforced.
    /// </summary>
    public long MaxRequestSize { get; set; }

    /// <summary>Also accept OAEP-SHA-256 secrets padded with MGF1-SHA-1 (what the official Java SDK sends). Default true.</summary>
    public bool AcceptJavaMgf1Sha1 { get; set; } = true;

    /// <summary>Answer handshakes in the <c>{"status":"success","data":{...}}</c> shape instead of the top-level shape.</summary>
    public bool WrapResponses { get; set; }

    /// <summary>Called for each accepted entry, on the request thread, after it was stored. Exceptions are ignored.</summary>
    public Action<ReceivedEntry>? OnEntry { get; set; }

    /// <summary>
    /// Called for every request once its outcome is decided (accepted, refused or handled by a fault), on the request
    /// thread, after it was stored and before <see cref="OnEntry"/>. Exceptions are ignored.
    /// </summary>
    public Action<ReceivedRequest>? OnRequest { get; set; }

    /// <summary>
    /// Accept multipart bodies whose later delimiters lack the CRLF before <c>--boundary</c> (how the official JavaScript
    /// SDK frames batches). Default false: such bodies are refused with a reason that names this option. When on, the
    /// request is accepted and <see cref="ReceivedRequest.Warnings"/> says what was tolerated.
    /// </summary>
    public bool AcceptMissingCrlfBeforeBoundary { get; set; }

    /// <summary>
    /// Serve the live web view under <c>/ui/</c> on the same port (see <see cref="LogFluxTestServer.WebViewUrl"/>).
    /// Default false. Every web view request must carry the access token.
    /// </summary>
    public bool EnableWebView { get; set; }

    /// <summary>The web view's access token; null (default) generates a random one per server.</summary>
    public string? WebViewAccessToken { get; set; }

    /// <summary>How many of the latest entries and requests the web view keeps (a ring); default 5000.</summary>
    public int WebViewCapacity { get; set; } = 5000;
}
