using log4net.Util;

namespace log4net.Appender.LogFlux.Tests.Support;

/// <summary>Collects log4net internal messages (errors and warnings are always raised) while alive.</summary>
internal sealed class LogLogCapture : IDisposable
{
    private readonly List<LogLog> _items = new();
    private readonly LogLog.LogReceivedAdapter _adapter;

    public LogLogCapture()
    {
        _adapter = new LogLog.LogReceivedAdapter(_items);
    }

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (((System.Collections.ICollection)_items).SyncRoot)
            {
                return _items.Select(item => item.Prefix + item.Message).ToList();
            }
        }
    }

    public void Dispose() => _adapter.Dispose();
}
