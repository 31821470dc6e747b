namespace LogFlux.Sinks.Buffer;

/// <summary>
/// Positions handed out by one priority stream, in read order, each identified by a consecutive ticket. The
/// acknowledged prefix of the window is what the checkpoint may cover: acknowledgements may arrive in any order
/// (several batches in flight), but the checkpoint only moves past a record once everything before it is
/// acknowledged too.
/// </summary>
internal sealed class InFlightWindow
{
    private readonly List<Slot> _slots = [];
    private int _head;
    private long _headTicket = 1;

    /// <summary>Handed-out positions not yet acknowledged.</summary>
    public int Outstanding { get; private set; }

    /// <summary>Appends a position; returns its ticket. A position added as <paramref name="acknowledged"/> (a skipped record or a segment end) only waits for its predecessors.</summary>
    public long Add(ulong sequence, long end, bool acknowledged)
    {
        _slots.Add(new Slot(sequence, end, acknowledged));
        if (!acknowledged) Outstanding++;
        return _headTicket + (_slots.Count - 1 - _head);
    }

    /// <summary>Marks a ticket acknowledged; false when it is unknown or was acknowledged before.</summary>
    public bool Acknowledge(long ticket)
    {
        var index = ticket - _headTicket;
        if (index < 0 || index >= _slots.Count - _head) return false;
        var i = _head + (int)index;
        var slot = _slots[i];
        if (slot.Acknowledged) return false;
        _slots[i] = slot with { Acknowledged = true };
        Outstanding--;
        return true;
    }

    /// <summary>Removes the acknowledged prefix; returns the position of its last slot, or null when the prefix is empty.</summary>
    public BufferCheckpoint? TakeAcknowledgedPrefix()
    {
        BufferCheckpoint? last = null;
        while (_head < _slots.Count && _slots[_head].Acknowledged)
        {
            last = new BufferCheckpoint(_slots[_head].Sequence, _slots[_head].End);
            _head++;
            _headTicket++;
        }
        if (_head == _slots.Count)
        {
            _slots.Clear();
            _head = 0;
        }
        else if (_head >= 1024 && _head * 2 >= _slots.Count)
        {
            _slots.RemoveRange(0, _head);
            _head = 0;
        }
        return last;
    }

    private readonly record struct Slot(ulong Sequence, long End, bool Acknowledged);
}
