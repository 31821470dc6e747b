using System.Security.Cryptography;
using LogFlux.Sinks.Diagnostics;
using LogFlux.Sinks.Storage;

namespace LogFlux.Sinks.Keys;

/// <summary>
/// Reads and writes the key file of one API key and endpoint (docs/protocol.md#key-persistence). Never throws: a file that
/// cannot be trusted or parsed is ignored (a new handshake then replaces it), and a write failure leaves the
/// client running with its in-memory key. Diagnostics name the file and the reason, never its content.
/// </summary>
internal sealed class KeyFileStore
{
    /// <summary>Largest key file that is read.</summary>
    public const int MaxFileBytes = 64 * 1024;

    /// <summary>How far in the future a <c>created_at</c> may lie (clock skew between processes or hosts).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    private readonly string? _customEndpointId;
    private readonly SelfDiagnostics _diagnostics;

    private KeyFileStore(string directory, string binding, string? customEndpointId, SelfDiagnostics diagnostics)
    {
        DirectoryPath = directory;
        Binding = binding;
        FilePath = Path.Combine(directory, binding + ".json");
        _customEndpointId = customEndpointId;
        _diagnostics = diagnostics;
    }

    public string DirectoryPath { get; }
    public string FilePath { get; }
    public string Binding { get; }

    /// <summary>
    /// The store for this key and endpoint, or null when persistence is off or no directory can be resolved.
    /// </summary>
    /// <param name="directory">The configured directory, or null for <c>~/.logflux/sessions</c>.</param>
    /// <param name="apiKey">The validated API key.</param>
    /// <param name="endpointId">The endpoint id of docs/protocol.md#key-file-location.</param>
    /// <param name="isCustomEndpoint">True when <paramref name="endpointId"/> is a custom endpoint URL (the file's endpoint must match it).</param>
    /// <param name="diagnostics">Where problems are reported.</param>
    public static KeyFileStore? Create(string? directory, string apiKey, string endpointId, bool isCustomEndpoint, SelfDiagnostics diagnostics)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            var profile = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (string.IsNullOrEmpty(profile))
            {
                diagnostics.Warn("Key persistence is disabled: no user profile directory (set KeyPersistencePath).");
                return null;
            }
            directory = Path.Combine(profile, ".logflux", "sessions");
        }
        string full;
        try
        {
            full = Path.GetFullPath(directory);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException or System.Security.SecurityException)
        {
            diagnostics.Warn($"Key persistence is disabled: invalid KeyPersistencePath ({ex.Message}).");
            return null;
        }
        return new KeyFileStore(full, KeyFileName.Binding(apiKey, endpointId), isCustomEndpoint ? endpointId : null, diagnostics);
    }

    /// <summary>
    /// Loads the file when it exists and can be trusted and every field is valid (10.5 steps 2–3); otherwise
    /// returns null. Rotation is the caller's decision. The caller disposes the result.
    /// </summary>
    public KeyFileContent? TryLoad(string? fingerprintPin, DateTimeOffset now)
    {
        byte[]? bytes = null;
        try
        {
            var info = new FileInfo(FilePath);
            if (!info.Exists)
            {
                _diagnostics.Debug($"No key file at {FilePath}; a handshake will create it.");
                return null;
            }
            if (Untrusted() is { } why) return Ignore(why);
            if (info.Length > MaxFileBytes) return Ignore($"larger than {MaxFileBytes} bytes");
            bytes = OwnerOnlyFiles.ReadBounded(FilePath, MaxFileBytes, FileShare.ReadWrite | FileShare.Delete);
            if (bytes is null) return Ignore($"larger than {MaxFileBytes} bytes");

            var content = KeyFileContent.TryParse(bytes, out var reason);
            if (content is null) return Ignore(reason);
            var problem = Check(content, fingerprintPin, now);
            if (problem is null) return content;
            content.Dispose();
            return Ignore(problem);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException or NotSupportedException)
        {
            return Ignore("unreadable: " + ex.Message);
        }
        finally
        {
            if (bytes is not null) CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Writes the file atomically with owner-only permissions. Returns false (and reports) on failure.</summary>
    public bool Save(KeyFileContent content)
    {
        var bytes = content.ToUtf8();
        try
        {
            OwnerOnlyFiles.CreateDirectory(DirectoryPath);
            OwnerOnlyFiles.WriteAtomically(FilePath, bytes, flushToDisk: true);
            _diagnostics.Debug($"Key file written: {FilePath}.");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException or NotSupportedException or ArgumentException)
        {
            _diagnostics.Warn($"Could not write the key file {FilePath} ({ex.Message}); the key is kept in memory only.");
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private string? Check(KeyFileContent content, string? fingerprintPin, DateTimeOffset now)
    {
        if (!string.Equals(content.Binding, Binding, StringComparison.OrdinalIgnoreCase)) return "binding does not match this API key and endpoint";
        if (_customEndpointId is not null && !SameEndpoint(content.Endpoint, _customEndpointId)) return "endpoint differs from the configured custom endpoint";
        if (content.CreatedAt > now + MaxClockSkew) return "created_at lies in the future";
        if (!string.IsNullOrWhiteSpace(fingerprintPin)
            && !string.Equals(content.ServerKeyFingerprint, fingerprintPin.Trim(), StringComparison.OrdinalIgnoreCase))
            return "server key fingerprint does not match ServerKeyFingerprint";
        return null;
    }

    private static bool SameEndpoint(string endpoint, string customEndpointId)
    {
        try
        {
            return string.Equals(Protocol.Endpoint.EndpointId(endpoint, string.Empty, null), customEndpointId, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is LogFluxConfigurationException or ArgumentException or UriFormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// Why the file cannot be trusted, or null. On Linux/macOS a file with any group/other permission bit, a
    /// symbolic link, or a file in a directory others can write to is not trusted. The owner is not compared
    /// directly (the BCL exposes no file owner on Unix): a mode-0600 file that this process can read belongs to
    /// the current user unless the process runs as root, and the directory check keeps others from planting one.
    /// </summary>
    private string? Untrusted()
    {
        if (OwnerOnlyFiles.Untrusted(FilePath) is { } why) return why;
        if (OperatingSystem.IsWindows()) return null;
        var directoryMode = File.GetUnixFileMode(DirectoryPath);
        return (directoryMode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0 ? "its directory is writable by group or others" : null;
    }

    private KeyFileContent? Ignore(string reason)
    {
        _diagnostics.Warn($"Ignoring the key file {FilePath}: {reason}. A new handshake will replace it.");
        return null;
    }
}
