namespace LogFlux.Sinks.Context;

/// <summary>
/// A fixed-size ring of breadcrumbs (PROTOCOL 6.10): when full the oldest is overwritten; snapshots are
/// oldest first. Thread-safe.
/// </summary>
internal sealed class BreadcrumbRing
{
    public const int DefaultCapacity = 100;

    private readonly Breadcrumb?[] _items;
    private readonly object _lock = new();
    private int _next;
    private int _count;

    /// <param name="capacity">Ring size; zero or less means <see cref="DefaultCapacity"/>.</param>
    public BreadcrumbRing(int capacity)
    {
        _items = new Breadcrumb?[capacity > 0 ? capacity : DefaultCapacity];
    }

    public int Capacity => _items.Length;

    public int Count
    {
        get { lock (_lock) return _count; }
    }

    public void Add(Breadcrumb breadcrumb)
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
        lock (_lock)
        {
            var start = (_next - _count + _items.Length) % _items.Length;
            for (var i = 0; i < _count; i++) into.Add(_items[(start + i) % _items.Length]!);
        }
    }

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
