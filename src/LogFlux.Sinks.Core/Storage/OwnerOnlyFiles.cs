using System.Security.Cryptography;

namespace LogFlux.Sinks.Storage;

/// <summary>
/// Creates the directories and files of the durable buffer and the key store with owner-only permissions: directories 0700 and files 0600 on
/// Linux/macOS, set at creation time (never created with default permissions and tightened afterwards). On
/// Windows the files inherit the ACL of the directory, which should be a per-user location.
/// </summary>
internal static class OwnerOnlyFiles
{
    public const UnixFileMode FileMode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode DirectoryMode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates <paramref name="path"/> (mode 0700) when it does not exist. An existing directory is left as it is.</summary>
    public static void CreateDirectory(string path)
    {
        if (Directory.Exists(path)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, DirectoryMode0700);
    }

    /// <summary>Options for a new owner-only file.</summary>
    public static FileStreamOptions NewFile(FileMode mode, FileAccess access, FileShare share, int bufferSize = 0)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share, BufferSize = bufferSize };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode0600;
        return options;
    }

    /// <summary>
    /// Replaces <paramref name="path"/> atomically: writes a temporary file in the same directory, flushes it
    /// (to the device when <paramref name="flushToDisk"/>), then renames it over the target. The temporary file is
    /// removed on failure; the exception propagates.
    /// </summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> content, bool flushToDisk)
    {
        var directory = Path.GetDirectoryName(path) ?? ".";
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant()}.tmp");
        try
        {
            using (var stream = new FileStream(temp, NewFile(FileMode.CreateNew, FileAccess.Write, FileShare.None)))
            {
                stream.Write(content);
                stream.Flush(flushToDisk);
            }
            File.Move(temp, path, overwrite: true);
            temp = null;
        }
        finally
        {
            if (temp is not null) TryDelete(temp);
        }
    }

    /// <summary>
    /// Why a file that holds or protects secrets cannot be trusted, or null: a symbolic link, or (Linux/macOS) a
    /// mode with any group/other bit.
    /// </summary>
    public static string? Untrusted(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null) return "it is a symbolic link";
        if (OperatingSystem.IsWindows()) return null;
        if ((File.GetUnixFileMode(path) & GroupOrOther) != 0) return "it is accessible to group or others (mode must be 0600)";
        return null;
    }

    /// <summary>
    /// Reads a file of at most <paramref name="maxBytes"/> bytes, or returns null when it is larger. Buffers that
    /// held a part of the file are zeroed (the files hold keys).
    /// </summary>
    public static byte[]? ReadBounded(string path, int maxBytes, FileShare share)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, share);
        var buffer = new byte[maxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0) length += read;
        var result = length > maxBytes ? null : buffer.AsSpan(0, length).ToArray();
        CryptographicOperations.ZeroMemory(buffer);
        return result;
    }

    /// <summary>Deletes a file; returns false instead of throwing when that fails.</summary>
    public static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
