using System.Globalization;
using System.Text;
using LogFlux.Sinks.Storage;

namespace LogFlux.Sinks.Buffer;

/// <summary>
/// Holds <c>buffer.lock</c> open with <see cref="FileShare.None"/> for the buffer's lifetime, so a second opener
/// (another process, or another instance in this process) fails instead of corrupting the segments. The
/// operating system releases the lock when the handle is closed or the process dies, so a crash never leaves a
/// stale lock. The holder writes its pid into the lock file (for people) and into <c>buffer.pid</c>, which a
/// contender reads for its error message (a file locked this way cannot be opened by .NET while it is held).
/// The lock file is never deleted: deleting it would let two openers lock two different files of the same name.
/// </summary>
internal sealed class BufferDirectoryLock : IDisposable
{
    public const string LockFileName = "buffer.lock";
    public const string PidFileName = "buffer.pid";

    private readonly FileStream _stream;

    private BufferDirectoryLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock; throws <see cref="BufferInUseException"/> when it is held, or another I/O exception.</summary>
    public static BufferDirectoryLock Acquire(string directory)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(Path.Combine(directory, LockFileName), OwnerOnlyFiles.NewFile(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex) when (IsSharingViolation(ex))
        {
            throw new BufferInUseException(directory, ReadOwnerPid(directory), ex);
        }
        try
        {
            var pid = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            stream.SetLength(0);
            stream.Write(pid);
            stream.Flush();
            OwnerOnlyFiles.WriteAtomically(Path.Combine(directory, PidFileName), pid, flushToDisk: false);
            return new BufferDirectoryLock(stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public void Dispose() => _stream.Dispose();

    private static bool IsSharingViolation(IOException ex)
    {
        if (ex is FileNotFoundException or DirectoryNotFoundException or PathTooLongException) return false;
        // Windows: ERROR_SHARING_VIOLATION (32) / ERROR_LOCK_VIOLATION (33). Unix: flock fails with EWOULDBLOCK
        // (11 on Linux, 35 on macOS/BSD), which the runtime reports as the exception's HResult.
        var code = ex.HResult & 0xFFFF;
        return OperatingSystem.IsWindows() ? code is 32 or 33 : code is 11 or 35;
    }

    private static int? ReadOwnerPid(string directory)
    {
        try
        {
            var path = Path.Combine(directory, PidFileName);
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> bytes = stackalloc byte[32];
            var length = stream.Read(bytes);
            return int.TryParse(Encoding.ASCII.GetString(bytes[..length]).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
