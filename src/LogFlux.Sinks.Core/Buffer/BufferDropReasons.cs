namespace LogFlux.Sinks.Buffer;

/// <summary>
/// Why the durable buffer lost or refused records. <see cref="Evicted"/> and <see cref="Corrupt"/> concern stored
/// records and are passed to <see cref="DurableBufferOptions.OnDrop"/>; <see cref="Full"/> and
/// <see cref="Unavailable"/> concern the record being appended and are only returned by
/// <see cref="DurableBuffer.Append"/> (the caller still holds that entry and decides what to do with it).
/// </summary>
internal static class BufferDropReasons
{
    /// <summary>Stored records evicted (whole oldest segments) to make room for a record of the same or a higher priority.</summary>
    public const string Evicted = "buffer_evicted";

    /// <summary>A stored record failed its checks (torn tail, CRC, GCM tag, written under a lost key, unreadable) and was skipped.</summary>
    public const string Corrupt = "buffer_corrupt";

    /// <summary>The new record does not fit without evicting records of a higher priority, or is larger than the bound.</summary>
    public const string Full = "buffer_full";

    /// <summary>The buffer is closed, or degraded after a write failure.</summary>
    public const string Unavailable = "buffer_unavailable";
}
