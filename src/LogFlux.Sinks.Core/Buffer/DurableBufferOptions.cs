using LogFlux.Sinks.Diagnostics;

namespace LogFlux.Sinks.Buffer;

/// <summary>Settings of a <see cref="DurableBuffer"/>.</summary>
internal sealed class DurableBufferOptions
{
    public const long DefaultMaxBytes = 256L * 1024 * 1024;
    public const long DefaultSegmentBytes = 4L * 1024 * 1024;

    public DurableBufferOptions(string directory) => Directory = directory;

    /// <summary>The buffer directory (created with mode 0700 when missing).</summary>
    public string Directory { get; }

    /// <summary>Bound of the sum of all segment file sizes.</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>A segment is closed and a new one started when a record would take it past this size.</summary>
    public long SegmentBytes { get; init; } = DefaultSegmentBytes;

    /// <summary>
    /// Flush every record (and checkpoint) to the device. Off by default: records are then written to the page
    /// cache with one write call each, which survives the process being killed (SIGKILL, crash) but not a power
    /// loss or kernel panic; on, they survive both, at the cost of an fsync per record.
    /// </summary>
    public bool FlushToDiskOnWrite { get; init; }

    /// <summary>Where problems are reported; null to discard them.</summary>
    public SelfDiagnostics? Diagnostics { get; init; }

    /// <summary>Called (under the buffer's lock, keep it short) for every loss, with a <see cref="BufferDropReasons"/> value and a count.</summary>
    public Action<string, long>? OnDrop { get; init; }

    /// <summary>
    /// Called (under the buffer's lock) when an append evicts a segment that still held records not handed out:
    /// the stream (0 = high … 2 = low), how many such records, and whether the segment was written by an earlier
    /// run. Those records are the oldest not yet handed out in that stream. Also counted through <see cref="OnDrop"/>.
    /// </summary>
    public Action<int, int, bool>? OnUnreadEvicted { get; init; }
}
