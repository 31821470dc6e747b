using LogFlux.Sinks.Diagnostics;
using LogFlux.Sinks.Storage;

namespace LogFlux.Sinks.Buffer;

/// <summary>
/// One priority stream of the buffer: its directory of segments (oldest first), the segment being written, the
/// read cursor, the in-flight window and the checkpoint. Not thread safe; <see cref="DurableBuffer"/> serialises
/// every call. Methods that write throw I/O exceptions to the buffer, which degrades; reading never throws for
/// bad or unreadable data (it is skipped and counted).
/// </summary>
internal sealed class BufferLane : IDisposable
{
    private readonly string _directory;
    private readonly string _checkpointPath;
    private readonly BufferKey _key;
    private readonly RecordCipher _cipher;
    private readonly DurableBufferOptions _options;
    private readonly BufferCounters _counters;
    private readonly SelfDiagnostics? _diagnostics;
    private readonly List<BufferSegment> _segments = [];
    private readonly InFlightWindow _window = new();
    private BufferCheckpoint _checkpoint;
    private bool _checkpointDirty;
    private bool _checkpointWarned;
    private ulong _nextSequence = 1;
    private SegmentWriter? _writer;

    private ulong _cursorSequence;
    private long _cursorOffset;
    private BufferSegment? _readSegment;
    private FileStream? _readStream;
    private SegmentReader? _reader;

    public BufferLane(int lane, string directory, BufferKey key, RecordCipher cipher, DurableBufferOptions options, BufferCounters counters)
    {
        Lane = lane;
        _directory = directory;
        _checkpointPath = Path.Combine(directory, BufferCheckpoint.FileName);
        _key = key;
        _cipher = cipher;
        _options = options;
        _counters = counters;
        _diagnostics = options.Diagnostics;
    }

    public int Lane { get; }

    /// <summary>Bytes of this stream's segment files.</summary>
    public long Bytes { get; private set; }

    public int SegmentCount => _segments.Count;

    public long UnreadRecords
    {
        get
        {
            long unread = 0;
            foreach (var segment in _segments) unread += segment.Unread;
            return unread;
        }
    }

    public int InFlightRecords => _window.Outstanding;

    /// <summary>
    /// Loads the checkpoint and scans the existing segments: acknowledged ones are deleted, ones that fail the
    /// header check (another key, garbage) are discarded and counted, torn tails and CRC failures are counted.
    /// Existing segments are never appended to. Returns the unacknowledged records found.
    /// </summary>
    public long Recover()
    {
        OwnerOnlyFiles.CreateDirectory(_directory);
        _checkpoint = BufferCheckpoint.Load(_checkpointPath);
        var found = new List<(ulong Sequence, string Path)>();
        foreach (var path in Directory.EnumerateFiles(_directory))
        {
            var name = Path.GetFileName(path);
            if (SegmentFormat.TryParseFileName(name, out var sequence)) found.Add((sequence, path));
            else if (name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal)) OwnerOnlyFiles.TryDelete(path); // left by a killed checkpoint write
        }
        found.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));

        var highest = _checkpoint.Sequence;
        long recovered = 0;
        foreach (var (sequence, path) in found)
        {
            highest = Math.Max(highest, sequence);
            if (sequence < _checkpoint.Sequence)
            {
                OwnerOnlyFiles.TryDelete(path);
                continue;
            }
            if (RecoverSegment(sequence, path) is { } segment)
            {
                _segments.Add(segment);
                Bytes += segment.FileLength;
                recovered += segment.Unread;
            }
        }
        _nextSequence = highest + 1;
        _cursorSequence = _segments.Count > 0 ? _segments[0].Sequence : _nextSequence;
        _cursorOffset = _segments.Count > 0 ? _segments[0].ResumeOffset : SegmentFormat.HeaderSize;
        return recovered;
    }

    /// <summary>True when a record of <paramref name="frameSize"/> bytes would start a new segment (adding a header).</summary>
    public bool NeedsNewSegment(int frameSize) =>
        _writer is null || (_writer.Length + frameSize > _options.SegmentBytes && _segments[^1].Records > 0);

    /// <summary>Seals and appends one record. I/O exceptions propagate (the segment is then sealed).</summary>
    public void Append(ReadOnlySpan<byte> plaintext)
    {
        var frameSize = SegmentWriter.FrameSize(plaintext.Length);
        if (NeedsNewSegment(frameSize)) Roll();
        var segment = _segments[^1];
        try
        {
            _writer!.Append(_cipher, plaintext);
        }
        catch
        {
            SealActive();
            throw;
        }
        segment.Records++;
        segment.ReadLimit = _writer.Length;
        Bytes += _writer.Length - segment.FileLength;
        segment.FileLength = _writer.Length;
    }

    public bool HasSegments => _segments.Count > 0;

    /// <summary>True when the oldest segment was found at open (its records were written by an earlier run).</summary>
    public bool OldestIsRecovered => _segments.Count > 0 && _segments[0].Recovered;

    /// <summary>Deletes the oldest segment; returns how many of its records had not been handed out.</summary>
    public int EvictOldest()
    {
        var segment = _segments[0];
        if (!segment.Sealed) SealWriterOnly();
        if (ReferenceEquals(_readSegment, segment)) CloseReader();
        if (_cursorSequence <= segment.Sequence)
        {
            _cursorSequence = segment.Sequence + 1;
            _cursorOffset = SegmentFormat.HeaderSize;
        }
        var unread = segment.Unread;
        segment.Passed = segment.Records;
        Remove(segment);
        return unread;
    }

    /// <summary>The next readable record, or null when the stream has nothing more to hand out now.</summary>
    public BufferedRecord? TryRead(DurableBuffer owner)
    {
        while (true)
        {
            var segment = CursorSegment();
            if (segment is null) return null;
            if (_cursorOffset >= segment.ReadLimit)
            {
                if (!segment.Sealed) return null;
                LeaveSegment(segment);
                continue;
            }

            FrameStatus status;
            SegmentReader reader;
            try
            {
                reader = ReaderFor(segment);
                status = reader.Next();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _diagnostics?.Warn($"Could not read the buffer segment {segment.Path} ({ex.Message}); its remaining records are skipped.");
                SkipRestOf(segment);
                continue;
            }

            switch (status)
            {
                case FrameStatus.End:
                    SkipRestOf(segment);
                    continue;
                case FrameStatus.Corrupt:
                    if (!segment.Recovered)
                    {
                        segment.Passed++;
                        _counters.Drop(BufferDropReasons.Corrupt, 1);
                    }
                    _cursorOffset = reader.Position;
                    _window.Add(segment.Sequence, _cursorOffset, acknowledged: true);
                    continue;
                default:
                    segment.Passed++;
                    _cursorOffset = reader.Position;
                    if (StoredRecord.TryOpen(_cipher, reader, Lane, segment.Sequence) is { } record)
                    {
                        var ticket = _window.Add(segment.Sequence, _cursorOffset, acknowledged: false);
                        if (segment.Recovered) _counters.Replayed++;
                        return new BufferedRecord(owner, Lane, ticket, record.Type, record.Level, record.Timestamp, record.Json, segment.Recovered);
                    }
                    _counters.Drop(BufferDropReasons.Corrupt, 1);
                    _window.Add(segment.Sequence, _cursorOffset, acknowledged: true);
                    continue;
            }
        }
    }

    /// <summary>Marks a handed-out record acknowledged; false for an unknown or repeated ticket.</summary>
    public bool Acknowledge(long ticket) => _window.Acknowledge(ticket);

    /// <summary>
    /// Moves the checkpoint over the acknowledged prefix, persists it when it moved, and deletes the sealed
    /// segments it now covers. A checkpoint that cannot be written is reported once; the records are then
    /// replayed after a restart rather than lost.
    /// </summary>
    public void Commit()
    {
        if (_window.TakeAcknowledgedPrefix() is { } prefix && prefix != _checkpoint)
        {
            _checkpoint = prefix;
            _checkpointDirty = true;
        }
        if (!_checkpointDirty) return;
        try
        {
            _checkpoint.Save(_checkpointPath, _options.FlushToDiskOnWrite);
            _checkpointDirty = false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (!_checkpointWarned) _diagnostics?.Warn($"Could not write the buffer checkpoint {_checkpointPath} ({ex.Message}); acknowledged records may be sent again after a restart.");
            _checkpointWarned = true;
        }
        while (_segments.Count > 0)
        {
            var oldest = _segments[0];
            if (!oldest.Sealed || oldest.Unread > 0 || !_checkpoint.Covers(oldest.Sequence, oldest.ReadLimit)) break;
            if (ReferenceEquals(_readSegment, oldest)) CloseReader();
            Remove(oldest);
        }
    }

    public void Dispose()
    {
        CloseReader();
        SealWriterOnly();
        if (_checkpointDirty)
        {
            try
            {
                _checkpoint.Save(_checkpointPath, _options.FlushToDiskOnWrite);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _diagnostics?.Warn($"Could not write the buffer checkpoint {_checkpointPath} ({ex.Message}).");
            }
        }
    }

    private BufferSegment? RecoverSegment(ulong sequence, string path)
    {
        var segment = new BufferSegment(sequence, path, recovered: true) { Sealed = true };
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            segment.FileLength = stream.Length;
            if (SegmentReader.CheckHeader(stream, Lane, _key.KeyId, sequence) is { } problem)
            {
                var frames = CountFrames(stream);
                _diagnostics?.Warn($"Discarding the buffer segment {path}: {problem} ({frames} records lost).");
                _counters.Drop(BufferDropReasons.Corrupt, frames);
                _counters.SkippedBytes += segment.FileLength;
                OwnerOnlyFiles.TryDelete(path);
                return null;
            }

            using var reader = new SegmentReader(stream, SegmentFormat.HeaderSize, stream.Length);
            var corrupt = 0;
            FrameStatus status;
            while ((status = reader.Next()) != FrameStatus.End)
            {
                var covered = _checkpoint.Covers(sequence, reader.Position);
                if (covered) segment.ResumeOffset = reader.Position;
                if (status == FrameStatus.Corrupt)
                {
                    if (!covered) corrupt++;
                    continue;
                }
                segment.Records++;
                if (covered) segment.Passed++;
            }
            segment.ReadLimit = reader.Position;
            var tail = segment.FileLength - reader.Position;
            if (tail > 0) _counters.SkippedBytes += tail;
            if (corrupt > 0 || tail > 0)
            {
                var lost = corrupt + (tail > 0 ? 1 : 0);
                _diagnostics?.Warn($"The buffer segment {path} has {corrupt} corrupt records and a torn tail of {tail} bytes; they are skipped.");
                _counters.Drop(BufferDropReasons.Corrupt, lost);
            }
            if (segment.Unread == 0)
            {
                OwnerOnlyFiles.TryDelete(path);
                return null;
            }
            return segment;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _diagnostics?.Warn($"Could not read the buffer segment {path} ({ex.Message}); it is left in place and ignored.");
            return null;
        }
    }

    private static int CountFrames(Stream stream)
    {
        using var reader = new SegmentReader(stream, SegmentFormat.HeaderSize, stream.Length);
        var frames = 0;
        while (reader.Next() == FrameStatus.Frame) frames++;
        return frames;
    }

    private BufferSegment? CursorSegment()
    {
        foreach (var segment in _segments)
        {
            if (segment.Sequence < _cursorSequence) continue;
            if (segment.Sequence > _cursorSequence)
            {
                _cursorSequence = segment.Sequence;
                _cursorOffset = segment.ResumeOffset;
            }
            return segment;
        }
        return null;
    }

    private SegmentReader ReaderFor(BufferSegment segment)
    {
        if (!ReferenceEquals(_readSegment, segment) || _reader is null)
        {
            CloseReader();
            _readStream = new FileStream(segment.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            _reader = new SegmentReader(_readStream, _cursorOffset, segment.ReadLimit);
            _readSegment = segment;
        }
        _reader.Limit = segment.ReadLimit;
        return _reader;
    }

    /// <summary>Nothing more can be framed before the segment's read limit: skip to it (the remaining records are counted when the segment is left).</summary>
    private void SkipRestOf(BufferSegment segment)
    {
        var skipped = segment.ReadLimit - _cursorOffset;
        if (skipped > 0)
        {
            _counters.SkippedBytes += skipped;
            _diagnostics?.Warn($"Skipping {skipped} unreadable bytes of the buffer segment {segment.Path}.");
        }
        _cursorOffset = segment.ReadLimit;
        CloseReader();
        if (segment.Sealed) LeaveSegment(segment);
    }

    private void LeaveSegment(BufferSegment segment)
    {
        if (segment.Unread > 0)
        {
            _counters.Drop(BufferDropReasons.Corrupt, segment.Unread);
            segment.Passed = segment.Records;
        }
        _window.Add(segment.Sequence, segment.ReadLimit, acknowledged: true);
        _cursorSequence = segment.Sequence + 1;
        _cursorOffset = SegmentFormat.HeaderSize;
        CloseReader();
    }

    private void Roll()
    {
        SealActive();
        var sequence = _nextSequence++;
        var path = Path.Combine(_directory, SegmentFormat.FileName(sequence));
        _writer = SegmentWriter.Create(path, Lane, _key.KeyId, sequence, _options.FlushToDiskOnWrite);
        var segment = new BufferSegment(sequence, path, recovered: false) { FileLength = _writer.Length, ReadLimit = _writer.Length };
        _segments.Add(segment);
        Bytes += segment.FileLength;
    }

    private void SealActive()
    {
        if (_writer is null) return;
        SealWriterOnly();
        Commit();
    }

    private void SealWriterOnly()
    {
        if (_writer is null) return;
        try
        {
            _writer.Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _diagnostics?.Warn($"Could not close a buffer segment ({ex.Message}).");
        }
        _writer = null;
        _segments[^1].Sealed = true;
    }

    private void Remove(BufferSegment segment)
    {
        _segments.Remove(segment);
        Bytes -= segment.FileLength;
        if (!OwnerOnlyFiles.TryDelete(segment.Path))
            _diagnostics?.Warn($"Could not delete the buffer segment {segment.Path}; it will be checked again when the buffer is next opened.");
    }

    private void CloseReader()
    {
        _reader?.Dispose();
        _reader = null;
        _readStream?.Dispose();
        _readStream = null;
        _readSegment = null;
    }
}
