namespace LogFlux.Sinks.Pipeline;

/// <summary>
/// The books of accepted entries. Every entry accepted into the queue (or recovered from the durable buffer)
/// ends in exactly one outcome: delivered (a 2xx), dropped for one reason, delivery unknown (its batch ended
/// without a 2xx after a response was lost, so the server may have stored it), or kept in the durable buffer
/// for the next run. Until then it is waiting or in flight. Once nothing moves,
/// accepted + recovered = delivered + dropped + unknown + kept + waiting + in flight.
/// </summary>
/// <remarks>
/// Stats, the <c>LogFlux.Sinks</c> meter and the drop summaries all read these figures. Each figure is read
/// atomically; while senders work, an entry may be seen between two of them for a moment.
/// </remarks>
internal sealed class DeliveryLedger
{
    private long _delivered;
    private long _bytesDelivered;
    private long _lastDeliveryTicks;
    private long _droppedAfterQueued;
    private long _unknown;
    private long _kept;
    private long _inFlight;

    public DeliveryLedger(DropCounters drops) => Drops = drops;

    /// <summary>Drops by reason, refused-at-the-door ones included, and their summaries.</summary>
    public DropCounters Drops { get; }

    public long Delivered => Interlocked.Read(ref _delivered);

    public long BytesDelivered => Interlocked.Read(ref _bytesDelivered);

    public long DroppedAfterQueued => Interlocked.Read(ref _droppedAfterQueued);

    public long DeliveryUnknown => Interlocked.Read(ref _unknown);

    public long KeptForNextRun => Interlocked.Read(ref _kept);

    public long InFlight => Interlocked.Read(ref _inFlight);

    public DateTimeOffset? LastDelivery
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastDeliveryTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>Entries taken from the queue or the buffer into a batch.</summary>
    public void TakeForSending(int entries) => Interlocked.Add(ref _inFlight, entries);

    /// <summary>A batch was acknowledged with a 2xx.</summary>
    public void Deliver(int entries, long bytes, DateTimeOffset now)
    {
        Interlocked.Add(ref _delivered, entries);
        Interlocked.Add(ref _bytesDelivered, bytes);
        Interlocked.Exchange(ref _lastDeliveryTicks, now.UtcTicks);
        Interlocked.Add(ref _inFlight, -entries);
    }

    /// <summary>Accepted entries that were certainly not stored: counted once, under <paramref name="reason"/>.</summary>
    public void Drop(int entries, string reason, bool inFlight)
    {
        Interlocked.Add(ref _droppedAfterQueued, entries);
        if (inFlight) Interlocked.Add(ref _inFlight, -entries);
        Drops.Count(reason, entries);
    }

    /// <summary>In-flight entries whose batch gave up after a lost response: neither delivered nor dropped.</summary>
    public void MarkDeliveryUnknown(int entries)
    {
        Interlocked.Add(ref _unknown, entries);
        Interlocked.Add(ref _inFlight, -entries);
        Drops.CountDeliveryUnknown(entries);
    }

    /// <summary>In-flight entries left unacknowledged in the durable buffer at close: the next run sends them.</summary>
    public void KeepForNextRun(int entries)
    {
        Interlocked.Add(ref _kept, entries);
        Interlocked.Add(ref _inFlight, -entries);
    }
}
