using System.Threading.Channels;

namespace LogFlux.Sinks.Testing.WebView;

/// <summary>
/// What the web view shows: a ring of the latest entries and requests (as JSON lines, oldest first) and the live
/// subscribers that receive each new one. Memory stays bounded by the ring's capacity, also per slow subscriber.
/// </summary>
internal sealed class WebViewFeed(int capacity)
{
    private readonly object _gate = new();
    private readonly Queue<FeedItem> _ring = new();
    private readonly List<Channel<FeedItem>> _subscribers = [];
    private long _sequence;

    public int Capacity { get; } = capacity;

    public void Publish(IReadOnlyList<ReceivedEntry> entries, ReceivedRequest request)
    {
        lock (_gate)
        {
            // The request first: the view shows an entry's request number and can look the request up.
            Append(new FeedItem(FeedItemKind.Request, FeedJson.Request(++_sequence, request)));
            foreach (var entry in entries)
            {
                Append(new FeedItem(FeedItemKind.Entry, FeedJson.Entry(++_sequence, entry), entry));
            }
        }
    }

    /// <summary>The current ring plus a reader of everything published after it (no gap, no duplicate).</summary>
    public (IReadOnlyList<FeedItem> Snapshot, ChannelReader<FeedItem> Live, Action Unsubscribe) Subscribe()
    {
        var channel = Channel.CreateBounded<FeedItem>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate)
        {
            _subscribers.Add(channel);
            return (_ring.ToArray(), channel.Reader, () => Unsubscribe(channel));
        }
    }

    /// <summary>The entries currently in the ring, oldest first.</summary>
    public IReadOnlyList<ReceivedEntry> Entries()
    {
        lock (_gate)
        {
            return _ring.Where(i => i.Entry is not null).Select(i => i.Entry!).ToArray();
        }
    }

    /// <summary>Empties the ring; pages already open keep what they show, and a page opened later starts empty.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _ring.Clear();
        }
    }

    private void Append(FeedItem item)
    {
        _ring.Enqueue(item);
        while (_ring.Count > Capacity)
        {
            _ring.Dequeue();
        }

        foreach (var subscriber in _subscribers)
        {
            subscriber.Writer.TryWrite(item);
        }
    }

    private void Unsubscribe(Channel<FeedItem> channel)
    {
        lock (_gate)
        {
            _subscribers.Remove(channel);
        }

        channel.Writer.TryComplete();
    }
}

/// <summary>What a feed item describes.</summary>
internal enum FeedItemKind
{
    Request,
    Entry,
}

/// <summary>One line of the feed: its JSON text (one line, no newline) and, for entries, the entry itself.</summary>
internal sealed record FeedItem(FeedItemKind Kind, string Json, ReceivedEntry? Entry = null);
