using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace LogFlux.Sinks.Testing.Tests.Support;

/// <summary>A tiny, independent multipart body builder for tests (its own code, not the client's).</summary>
public sealed class TestMultipart
{
    private readonly List<(List<string> Headers, byte[] Body)> _parts = [];

    public string Boundary { get; } = "test-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();

    public string ContentType => "multipart/mixed; boundary=" + Boundary;

    /// <summary>Adds an encrypted part (types 1-6): gzip (optional) then AES-256-GCM with a random nonce.</summary>
    public TestMultipart AddEncrypted(int entryType, string json, string keyId, byte[] key, bool compress = true, Action<List<string>>? editHeaders = null, Func<byte[], byte[]>? editBody = null) =>
        AddEncryptedBytes(entryType, compress ? Gzip(Encoding.UTF8.GetBytes(json)) : Encoding.UTF8.GetBytes(json), keyId, key, editHeaders, editBody);

    /// <summary>Adds an encrypted part whose GCM input is exactly <paramref name="plaintext"/>.</summary>
    public TestMultipart AddEncryptedBytes(int entryType, byte[] plaintext, string keyId, byte[] key, Action<List<string>>? editHeaders = null, Func<byte[], byte[]>? editBody = null)
    {
        byte[] nonce = RandomNumberGenerator.GetBytes(12);
        var body = new byte[plaintext.Length + 16];
        using (var aes = new AesGcm(key, 16))
        {
            aes.Encrypt(nonce, plaintext, body.AsSpan(0, plaintext.Length), body.AsSpan(plaintext.Length));
        }

        var headers = new List<string>
        {
            "Content-Type: application/octet-stream",
            $"X-LF-Entry-Type: {entryType}",
            "X-LF-Payload-Type: 1",
            "X-LF-Timestamp: " + Payloads.Ts,
            "X-LF-Key-ID: " + keyId,
            "X-LF-Nonce: " + Convert.ToBase64String(nonce),
        };
        editHeaders?.Invoke(headers);
        _parts.Add((headers, editBody is null ? body : editBody(body)));
        return this;
    }

    /// <summary>Adds a managed-telemetry part (type 7): gzip only.</summary>
    public TestMultipart AddManaged(string json, bool compress = true, Action<List<string>>? editHeaders = null)
    {
        var headers = new List<string>
        {
            "Content-Type: application/octet-stream",
            "X-LF-Entry-Type: 7",
            "X-LF-Payload-Type: 3",
            "X-LF-Timestamp: " + Payloads.Ts,
        };
        editHeaders?.Invoke(headers);
        byte[] raw = Encoding.UTF8.GetBytes(json);
        _parts.Add((headers, compress ? Gzip(raw) : raw));
        return this;
    }

    public byte[] Build() => Build(crlfBeforeEveryDelimiter: true);

    /// <summary>
    /// The official JavaScript SDK's framing: no CRLF between a part body and the next delimiter, only before the
    /// closing one (docs/protocol.md#multipart-body).
    /// </summary>
    public byte[] BuildJavaScriptFraming() => Build(crlfBeforeEveryDelimiter: false);

    private byte[] Build(bool crlfBeforeEveryDelimiter)
    {
        using var output = new MemoryStream();
        void Write(string text) => output.Write(Encoding.ASCII.GetBytes(text));
        for (int i = 0; i < _parts.Count; i++)
        {
            var (headers, body) = _parts[i];
            Write("--" + Boundary + "\r\n");
            foreach (string header in headers)
            {
                Write(header + "\r\n");
            }

            Write("\r\n");
            output.Write(body);
            if (crlfBeforeEveryDelimiter || i == _parts.Count - 1)
            {
                Write("\r\n");
            }
        }

        Write("--" + Boundary + "--\r\n");
        return output.ToArray();
    }

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    public static void Replace(List<string> headers, string name, string? line)
    {
        int index = headers.FindIndex(h => h.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase));
        if (line is null)
        {
            headers.RemoveAt(index);
        }
        else if (index < 0)
        {
            headers.Add(line);
        }
        else
        {
            headers[index] = line;
        }
    }
}
