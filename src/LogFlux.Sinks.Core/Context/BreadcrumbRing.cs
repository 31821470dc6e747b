using LogFlux.Sinks.Records;

namespace LogFlux.Sinks.Context;

/// <summary>
/// A fixed-size ring of breadcrumbs (docs/protocol.md#breadcrumbs): when full the oldest is overwritten; snapshots are
/// oldest first. Thread-safe. A captured record is kept as it is and rendered into a breadcrumb only when a
/// snapshot is taken, so recording one costs the logging thread no message rendering.
/// </summary>
internal sealed class BreadcrumbRing
{
    public const int DefaultCapacity = 100;

    private readonly object?[] _items;
    private readonly object _lock = new();
    private int _next;
    private int _count;

    /// <param name="capacity">Ring size; zero or less means <see cref="DefaultCapacity"/>.</param>
    public BreadcrumbRing(int capacity)
    {
        _items = new object?[capacity > 0 ? capacity : DefaultCapacity];
    }

    public int Capacity => _items.Length;

    public int Count
    {
        get { lock (_lock) return _count; }
    }

    public void Add(Breadcrumb breadcrumb) => AddItem(breadcrumb);

    /// <summary>Records a captured record; it becomes a <c>log</c> breadcrumb when a snapshot is taken.</summary>
    public void Add(CapturedRecord record) => AddItem(record);

    private void AddItem(object breadcrumb)
    {
        lock (_lock)
        {
            _items[_next] = breadcrumb;
            _next = (_next + 1) % _items.Length;
            if (_count < _items.Length) _count++;
        }
    }

    /// <summary>Copies the ring into <paramref name="into"/>, oldest first.</summary>
    public void CopyTo(List<Breadcrumb> into)
    {
        object?[] items;
        lock (_lock)
        {
            items = new object?[_count];
            var start = (_next - _count + _items.Length) % _items.Length;
            for (var i = 0; i < _count; i++) items[i] = _items[(start + i) % _items.Length];
        }
        foreach (var item in items)
        {
            into.Add(item as Breadcrumb ?? FromRecord((CapturedRecord)item!));
        }
    }

    private static Breadcrumb FromRecord(CapturedRecord record) =>
        new(record.Timestamp, "log", record.RenderMessage(), LogFluxLevels.BreadcrumbLevel(record.Level));

    public List<Breadcrumb> Snapshot()
    {
        var list = new List<Breadcrumb>(Count);
        CopyTo(list);
        return list;
    }

    public void Clear()
    {
        lock (_lock)
        {
            Array.Clear(_items);
            _next = 0;
            _count = 0;
        }
    }
}
