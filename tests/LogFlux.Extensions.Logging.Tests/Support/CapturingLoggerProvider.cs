using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LogFlux.Extensions.Logging.Tests.Support;

/// <summary>A second logging provider of the host: records every message it is given, so a test can see what the host's logging showed.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _messages = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public IReadOnlyList<(string Category, LogLevel Level, string Message)> Messages => _messages.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>Waits until a message matching <paramref name="predicate"/> was logged.</summary>
    public async Task<string> WaitForAsync(Func<(string Category, LogLevel Level, string Message), bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            foreach (var message in _messages)
            {
                if (predicate(message)) return message.Message;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                Assert.Fail("The host's logging did not show the expected message; it showed:\n" + string.Join("\n", _messages.Select(m => $"{m.Category} {m.Level}: {m.Message}")));
            }
        }
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner._messages.Enqueue((category, logLevel, formatter(state, exception)));
            owner._arrived.Release();
        }
    }
}
