using System.Buffers;
using LogFlux.Sinks.Diagnostics;
using LogFlux.Sinks.Storage;

namespace LogFlux.Sinks.Buffer;

/// <summary>
/// A durable, encrypted, byte-bounded store of serialised entries in one directory, used as the send pipeline's
/// overflow and persistence store. Entries are appended already encrypted, read back in order (highest priority
/// stream first), and deleted only after the caller acknowledges them; after a restart every unacknowledged
/// record is handed out again.
/// </summary>
/// <remarks>
/// <para>Layout of the directory (0700; every file 0600, written with those permissions at creation):</para>
/// <code>
/// buffer.lock   held open with FileShare.None while the buffer is open (one process per directory)
/// buffer.pid    pid of the holder, for the "in use" message
/// buffer.key    the 32-byte buffer key in clear (see BufferKeyFile for why that is acceptable)
/// high/ normal/ low/        one priority stream each (lanes of QueueLanes: audit and error-or-worse,
///                           warning/notice and non-log types, info/debug)
///   seg-&lt;16 hex&gt;.lfb   append-only segments (format on SegmentReader)
///   ack.lfc              checkpoint (BufferCheckpoint)
/// </code>
/// <para>Records are sealed with AES-256-GCM under the buffer key, which is generated on first use and is
/// independent of the server handshake: the pipeline re-encrypts each entry under the session key when it
/// sends it. Nothing is written in plaintext and the key never sits beside the records it protects.</para>
/// <para>Durability: each record is one write call on an unbuffered file, so once <see cref="Append"/> returns the
/// record survives the process being killed (the page cache belongs to the kernel). Only power loss or a kernel
/// crash can lose records that were not flushed to the device; set
/// <see cref="DurableBufferOptions.FlushToDiskOnWrite"/> to fsync every record and checkpoint. A process killed
/// in the middle of a write leaves at most that one record incomplete; it is skipped when the buffer is reopened.</para>
/// <para>Bound: the sum of the segment files stays within <see cref="DurableBufferOptions.MaxBytes"/>. To make
/// room, whole oldest segments are evicted from the lowest-priority stream first, and never from a stream of a
/// higher priority than the record being appended (that record is refused instead). Evicted and corrupt records
/// are counted and reported through <see cref="DurableBufferOptions.OnDrop"/>.</para>
/// <para>Delivery is at least once: records handed out but not acknowledged before a crash are handed out again
/// (<see cref="BufferedRecord.Replayed"/>, <see cref="DurableBufferStats.ReplayedRecords"/>), so the server may
/// see such a record twice. Acknowledge every record once it is delivered or definitively dropped.</para>
/// <para>After <see cref="Open"/> no method throws: I/O failures are reported to the diagnostics; a write failure
/// degrades the buffer (appends are refused, so the caller keeps entries in memory only). Thread safe.</para>
/// </remarks>
internal sealed class DurableBuffer : IDisposable
{
    private static readonly string[] s_laneDirectories = ["high", "normal", "low"];

    private readonly object _gate = new();
    private readonly DurableBufferOptions _options;
    private readonly SelfDiagnostics? _diagnostics;
    private readonly BufferDirectoryLock _lock;
    private readonly BufferKey _key;
    private readonly RecordCipher _cipher;
    private readonly BufferLane[] _lanes;
    private readonly BufferCounters _counters;
    private bool _degraded;
    private bool _disposed;

    private DurableBuffer(string directory, DurableBufferOptions options, BufferDirectoryLock directoryLock, BufferKey key, RecordCipher cipher, BufferLane[] lanes, BufferCounters counters)
    {
        DirectoryPath = directory;
        _options = options;
        _diagnostics = options.Diagnostics;
        _lock = directoryLock;
        _key = key;
        _cipher = cipher;
        _lanes = lanes;
        _counters = counters;
    }

    /// <summary>The full path of the buffer directory.</summary>
    public string DirectoryPath { get; }

    /// <summary>
    /// Opens (creating when needed) the buffer directory, takes its lock, loads or creates the key and scans the
    /// existing segments. Throws <see cref="BufferInUseException"/> when another process (or instance) holds the
    /// directory, and other <see cref="IOException"/>s, <see cref="UnauthorizedAccessException"/> or
    /// <see cref="ArgumentException"/> when the directory cannot be used; the caller then runs memory-only.
    /// </summary>
    public static DurableBuffer Open(DurableBufferOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxBytes < SegmentFormat.HeaderSize + SegmentFormat.FrameOverhead + RecordPlaintext.HeaderSize)
            throw new ArgumentException("MaxBytes is too small to hold a record.", nameof(options));
        var directory = Path.GetFullPath(options.Directory);
        OwnerOnlyFiles.CreateDirectory(directory);
        WarnIfShared(directory, options.Diagnostics);

        var directoryLock = BufferDirectoryLock.Acquire(directory);
        DeleteStaleTemporaryFiles(directory);
        BufferKey? key = null;
        RecordCipher? cipher = null;
        var lanes = new BufferLane[s_laneDirectories.Length];
        try
        {
            key = BufferKeyFile.LoadOrCreate(directory, options.Diagnostics ?? new SelfDiagnostics(null, debug: false));
            cipher = new RecordCipher(key);
            var counters = new BufferCounters(options.OnDrop, options.Diagnostics);
            for (var lane = 0; lane < lanes.Length; lane++)
            {
                lanes[lane] = new BufferLane(lane, Path.Combine(directory, s_laneDirectories[lane]), key, cipher, options, counters);
                counters.Recovered += lanes[lane].Recover();
            }
            var buffer = new DurableBuffer(directory, options, directoryLock, key, cipher, lanes, counters);
            buffer.EvictWhileOverBound();
            if (counters.Recovered > 0)
                options.Diagnostics?.Info($"The durable buffer at {directory} holds {counters.Recovered} unsent records from an earlier run; they will be sent again (some may be duplicates).");
            return buffer;
        }
        catch
        {
            foreach (var lane in lanes) lane?.Dispose();
            cipher?.Dispose();
            key?.Dispose();
            directoryLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stores one entry: its type, level, timestamp and the UTF-8 JSON the entry serialises to. Never throws.
    /// </summary>
    public BufferAppendResult Append(LogFluxEntryType type, LogFluxLevel level, DateTimeOffset timestamp, ReadOnlySpan<byte> json)
    {
        lock (_gate)
        {
            if (_disposed || _degraded) return Refuse(BufferDropReasons.Unavailable, 0);
            var lane = _lanes[(int)QueueLanes.Of(type, level)];
            var plaintextLength = RecordPlaintext.SizeOf(json.Length);
            var frameSize = SegmentWriter.FrameSize(plaintextLength);
            if (json.Length > SegmentFormat.MaxJsonBytes || frameSize + SegmentFormat.HeaderSize > _options.MaxBytes)
                return Refuse(BufferDropReasons.Full, 0);

            var evicted = 0;
            byte[]? plaintext = null;
            try
            {
                while (TotalBytes() + frameSize + (lane.NeedsNewSegment(frameSize) ? SegmentFormat.HeaderSize : 0) > _options.MaxBytes)
                {
                    var victim = LowestWithSegments(lane.Lane);
                    if (victim is null)
                    {
                        _counters.Drop(BufferDropReasons.Evicted, evicted);
                        return Refuse(BufferDropReasons.Full, evicted);
                    }
                    var recovered = victim.OldestIsRecovered;
                    var unread = victim.EvictOldest();
                    evicted += unread;
                    ReportEvicted(victim.Lane, unread, recovered);
                }
                _counters.Drop(BufferDropReasons.Evicted, evicted);

                plaintext = ArrayPool<byte>.Shared.Rent(plaintextLength);
                RecordPlaintext.Write(plaintext, type, level, timestamp, json);
                lane.Append(plaintext.AsSpan(0, plaintextLength));
                _counters.Appended++;
                return new BufferAppendResult(true, evicted, null);
            }
            catch (Exception ex)
            {
                _degraded = true;
                _diagnostics?.Error($"The durable buffer at {DirectoryPath} could not store an entry ({ex.Message}); from now on entries are kept in memory only.", ex);
                return Refuse(BufferDropReasons.Unavailable, evicted);
            }
            finally
            {
                if (plaintext is not null) ArrayPool<byte>.Shared.Return(plaintext, clearArray: true);
            }
        }
    }

    /// <summary>
    /// Adds up to <paramref name="max"/> records to <paramref name="into"/>: the high stream first, then normal,
    /// then low, each in the order written. Returns how many were added. Corrupt records on the way are skipped
    /// and counted. Never throws.
    /// </summary>
    public int TryReadBatch(int max, List<BufferedRecord> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        lock (_gate)
        {
            if (_disposed) return 0;
            var added = 0;
            try
            {
                foreach (var lane in _lanes)
                {
                    while (added < max && lane.TryRead(this) is { } record)
                    {
                        into.Add(record);
                        added++;
                    }
                    lane.Commit();
                }
            }
            catch (Exception ex)
            {
                _diagnostics?.Error($"The durable buffer at {DirectoryPath} failed while reading ({ex.Message}).", ex);
            }
            return added;
        }
    }

    /// <summary>Acknowledges one record (delivered or definitively dropped). Unknown or repeated records are ignored. Never throws.</summary>
    public void Acknowledge(BufferedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Acknowledge([record]);
    }

    /// <summary>Acknowledges records, in any order; the checkpoint of each stream is written once. Never throws.</summary>
    public void Acknowledge(IEnumerable<BufferedRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        lock (_gate)
        {
            if (_disposed) return;
            Span<bool> touched = stackalloc bool[_lanes.Length];
            try
            {
                foreach (var record in records)
                {
                    if (!ReferenceEquals(record.Owner, this) || !_lanes[record.Lane].Acknowledge(record.Ticket)) continue;
                    _counters.Acknowledged++;
                    touched[record.Lane] = true;
                }
                for (var lane = 0; lane < _lanes.Length; lane++)
                {
                    if (touched[lane]) _lanes[lane].Commit();
                }
            }
            catch (Exception ex)
            {
                _diagnostics?.Error($"The durable buffer at {DirectoryPath} failed while acknowledging ({ex.Message}).", ex);
            }
        }
    }

    /// <summary>A snapshot of the buffer's state and counters.</summary>
    public DurableBufferStats Stats
    {
        get
        {
            lock (_gate)
            {
                long unread = 0;
                var inFlight = 0;
                var segments = 0;
                foreach (var lane in _lanes)
                {
                    unread += lane.UnreadRecords;
                    inFlight += lane.InFlightRecords;
                    segments += lane.SegmentCount;
                }
                var c = _counters;
                return new DurableBufferStats(TotalBytes(), _options.MaxBytes, segments, unread, inFlight, c.Recovered, c.Replayed,
                    c.Appended, c.Acknowledged, c.Evicted, c.Refused, c.Corrupt, c.SkippedBytes, _degraded);
            }
        }
    }

    /// <summary>Closes the segments, writes pending checkpoints, zeroes the key and releases the directory lock.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var lane in _lanes)
            {
                try
                {
                    lane.Dispose();
                }
                catch (Exception ex)
                {
                    _diagnostics?.Warn($"Closing the durable buffer at {DirectoryPath} failed ({ex.Message}).", ex);
                }
            }
            _cipher.Dispose();
            _key.Dispose();
            _lock.Dispose();
        }
    }

    public override string ToString() => $"DurableBuffer({DirectoryPath})";

    private BufferAppendResult Refuse(string reason, int evicted)
    {
        _counters.Refused++;
        return new BufferAppendResult(false, evicted, reason);
    }

    private void ReportEvicted(int lane, int unread, bool recovered)
    {
        if (unread <= 0 || _options.OnUnreadEvicted is not { } report) return;
        try
        {
            report(lane, unread, recovered);
        }
        catch (Exception ex)
        {
            _diagnostics?.Warn("The durable buffer's eviction callback threw; the count is kept in its stats.", ex);
        }
    }

    private long TotalBytes()
    {
        long total = 0;
        foreach (var lane in _lanes) total += lane.Bytes;
        return total;
    }

    /// <summary>The lowest-priority stream, not above <paramref name="highestLane"/> in priority, that has a segment to evict.</summary>
    private BufferLane? LowestWithSegments(int highestLane)
    {
        for (var lane = _lanes.Length - 1; lane >= highestLane; lane--)
        {
            if (_lanes[lane].HasSegments) return _lanes[lane];
        }
        return null;
    }

    /// <summary>After open: a smaller bound than before (or foreign files) may leave the buffer over it.</summary>
    private void EvictWhileOverBound()
    {
        var evicted = 0;
        while (TotalBytes() > _options.MaxBytes && LowestWithSegments(0) is { } lane) evicted += lane.EvictOldest();
        if (evicted == 0) return;
        _counters.Drop(BufferDropReasons.Evicted, evicted);
        _diagnostics?.Warn($"The durable buffer at {DirectoryPath} was over its bound of {_options.MaxBytes} bytes; {evicted} of its oldest records were evicted.");
    }

    /// <summary>Temporary files of an atomic write that a killed process left behind (the target file is intact).</summary>
    private static void DeleteStaleTemporaryFiles(string directory)
    {
        foreach (var path in Directory.EnumerateFiles(directory, ".*.tmp")) OwnerOnlyFiles.TryDelete(path);
    }

    private static void WarnIfShared(string directory, SelfDiagnostics? diagnostics)
    {
        if (OperatingSystem.IsWindows()) return;
        if ((File.GetUnixFileMode(directory) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            diagnostics?.Warn($"The buffer directory {directory} is writable by group or others; use a directory only its owner can write (mode 0700).");
    }
}
