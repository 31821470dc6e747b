using System.Collections.Concurrent;
using Serilog.Debugging;

namespace Serilog.Sinks.LogFlux.Tests.Support;

/// <summary>Captures SelfLog lines for the duration of a test.</summary>
internal sealed class SelfLogCollector : IDisposable
{
    private readonly ConcurrentQueue<string> _lines = new();

    public SelfLogCollector() => SelfLog.Enable(line => _lines.Enqueue(line));

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public string Text => string.Join(Environment.NewLine, _lines);

    public void Dispose() => SelfLog.Disable();
}
