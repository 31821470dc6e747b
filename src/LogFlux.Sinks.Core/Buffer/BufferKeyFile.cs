using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using LogFlux.Sinks.Diagnostics;
using LogFlux.Sinks.Storage;

namespace LogFlux.Sinks.Buffer;

/// <summary>
/// The <c>buffer.key</c> file of a buffer directory: one UTF-8 JSON object
/// <c>{"format":"logflux-buffer-key","version":1,"key_id":"&lt;16 hex&gt;","key":"&lt;base64 of 32 bytes&gt;","key_protection":"none","created_at":"&lt;ISO 8601&gt;"}</c>.
/// </summary>
/// <remarks>
/// The key is stored in clear inside the file. This is the trust model of the persisted session key file
/// (docs/protocol.md#key-file-format, <c>aes_key_protection: none</c>): the file is mode 0600 in a 0700 directory, written to a
/// temporary file created with those permissions and renamed into place, and is only trusted when it is not a
/// symbolic link and has no group/other permission bit. Anyone who can read it as the owning user (or root) can
/// read the buffered entries, exactly as they could read the session key. What the encryption adds is that
/// segment files on their own (copied, backed up, left on a disk) reveal nothing and cannot be altered
/// undetected. A file that cannot be trusted or parsed is replaced by a new key; segments written under the old
/// key then fail their header check and are discarded (and counted).
/// </remarks>
internal static class BufferKeyFile
{
    public const string FileName = "buffer.key";
    private const string Format = "logflux-buffer-key";
    private const int Version = 1;
    private const int MaxFileBytes = 4096;

    /// <summary>
    /// Loads the directory's key, or creates and writes a new one. Throws <see cref="IOException"/> or
    /// <see cref="UnauthorizedAccessException"/> when a new key cannot be written.
    /// </summary>
    public static BufferKey LoadOrCreate(string directory, SelfDiagnostics diagnostics)
    {
        var path = Path.Combine(directory, FileName);
        if (File.Exists(path))
        {
            var key = TryLoad(path, out var problem);
            if (key is not null) return key;
            diagnostics.Warn($"Ignoring the buffer key file {path}: {problem}. A new key is created; segments written under the old key will be discarded.");
        }
        var created = BufferKey.Generate();
        try
        {
            Save(path, created);
            diagnostics.Debug($"Buffer key file written: {path}.");
            return created;
        }
        catch
        {
            created.Dispose();
            throw;
        }
    }

    private static BufferKey? TryLoad(string path, out string problem)
    {
        byte[]? bytes = null;
        try
        {
            if (OwnerOnlyFiles.Untrusted(path) is { } why)
            {
                problem = why;
                return null;
            }
            bytes = OwnerOnlyFiles.ReadBounded(path, MaxFileBytes, FileShare.Read);
            if (bytes is null)
            {
                problem = $"larger than {MaxFileBytes} bytes";
                return null;
            }
            return Parse(bytes, out problem);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = "unreadable: " + ex.Message;
            return null;
        }
        finally
        {
            if (bytes is not null) CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static BufferKey? Parse(byte[] bytes, out string problem)
    {
        byte[]? key = null;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format
                || !root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != Version)
            {
                problem = "unknown format or version";
                return null;
            }
            if (!root.TryGetProperty("key_protection", out var protection) || protection.ValueKind != JsonValueKind.String || protection.GetString() != "none")
            {
                problem = "unsupported key_protection";
                return null;
            }
            if (!root.TryGetProperty("key", out var keyText) || keyText.ValueKind != JsonValueKind.String
                || !keyText.TryGetBytesFromBase64(out key) || key.Length != BufferKey.KeySize)
            {
                problem = "the key is not 32 bytes of base64";
                return null;
            }
            var result = new BufferKey(key);
            if (!root.TryGetProperty("key_id", out var id) || id.ValueKind != JsonValueKind.String
                || !string.Equals(id.GetString(), result.KeyIdHex, StringComparison.OrdinalIgnoreCase))
            {
                result.Dispose();
                problem = "key_id does not match the key";
                return null;
            }
            problem = string.Empty;
            return result;
        }
        catch (JsonException)
        {
            problem = "not valid JSON";
            return null;
        }
        finally
        {
            if (key is not null) CryptographicOperations.ZeroMemory(key);
        }
    }

    private static void Save(string path, BufferKey key)
    {
        var output = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteNumber("version", Version);
            writer.WriteString("key_id", key.KeyIdHex);
            writer.WriteBase64String("key", key.Key);
            writer.WriteString("key_protection", "none");
            writer.WriteString("created_at", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }
        try
        {
            // Always flushed to the device: losing this file loses every buffered entry.
            OwnerOnlyFiles.WriteAtomically(path, output.WrittenSpan, flushToDisk: true);
        }
        finally
        {
            output.Clear();
        }
    }
}
