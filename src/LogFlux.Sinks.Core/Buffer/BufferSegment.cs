namespace LogFlux.Sinks.Buffer;

/// <summary>What the buffer knows about one segment file of a priority stream.</summary>
internal sealed class BufferSegment(ulong sequence, string path, bool recovered)
{
    public ulong Sequence => sequence;
    public string Path => path;

    /// <summary>True for a segment found at open (written by an earlier instance).</summary>
    public bool Recovered => recovered;

    /// <summary>Bytes the file occupies (counted against the byte bound), including any skipped tail.</summary>
    public long FileLength { get; set; }

    /// <summary>Where reading stops: the end of the last complete frame.</summary>
    public long ReadLimit { get; set; }

    /// <summary>Frames with a valid CRC (for a recovered segment) or frames written (for a new one).</summary>
    public int Records { get; set; }

    /// <summary>Of <see cref="Records"/>, those already behind the read cursor (read, skipped or acknowledged before open).</summary>
    public int Passed { get; set; }

    /// <summary>No more records will be appended (every recovered segment, and a rolled one).</summary>
    public bool Sealed { get; set; }

    /// <summary>Where reading starts: after the header, or after the last record the checkpoint covers.</summary>
    public long ResumeOffset { get; set; } = SegmentFormat.HeaderSize;

    public int Unread => Records - Passed;
}
