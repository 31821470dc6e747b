namespace LogFlux.Sinks.Buffer;

/// <summary>The buffer directory is locked by another process (or another buffer instance in this process).</summary>
internal sealed class BufferInUseException : IOException
{
    public BufferInUseException(string directory, int? ownerProcessId, Exception? inner)
        : base($"The buffer directory {directory} is in use by another process (pid {(ownerProcessId is { } pid ? pid.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown")}); only one process may use a buffer directory.", inner)
    {
        DirectoryPath = directory;
        OwnerProcessId = ownerProcessId;
    }

    public string DirectoryPath { get; }

    /// <summary>The pid recorded by the holder, when it could be read.</summary>
    public int? OwnerProcessId { get; }
}
