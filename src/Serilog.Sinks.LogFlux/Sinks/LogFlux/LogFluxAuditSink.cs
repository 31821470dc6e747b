using LogFlux.Sinks.Sharing;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;

namespace Serilog.Sinks.LogFlux;

/// <summary>
/// The <c>AuditTo.LogFlux</c> sink: queues the event, flushes the client and waits (bounded) for the outcome.
/// It throws <see cref="LoggingFailedException"/> when there is no client, the entry is refused, delivery does not
/// finish in time, or the client dropped entries while this event was being delivered (reported as a failure
/// even if the dropped entry was another one: an audit caller prefers a false alarm to a silent loss).
/// </summary>
internal sealed class LogFluxAuditSink : ILogEventSink, IDisposable, IAsyncDisposable
{
    private readonly AdapterClientBinding _connection;
    private readonly LogEventConverter _converter;
    private readonly TimeSpan _timeout;

    public LogFluxAuditSink(AdapterClientBinding connection, LogEventConverter converter, TimeSpan timeout)
    {
        _connection = connection;
        _converter = converter;
        _timeout = timeout;
    }

    public void Emit(LogEvent logEvent)
    {
        var client = _connection.Client;
        if (client is null)
        {
            _connection.CountNoClient();
            throw new LoggingFailedException("LogFlux audit sink has no client (no valid API key and no LogFluxSdk.Init); the audit event was not sent.");
        }

        var before = client.GetStats().EntriesDropped;
        if (!client.Enqueue(_converter.ToRecord(logEvent)))
        {
            throw new LoggingFailedException("LogFlux refused the audit event (see SelfLog for the reason); it was not sent.");
        }

        bool flushed;
        try
        {
            // On the pool so that a caller's synchronisation context cannot deadlock the wait.
            flushed = Task.Run(() => client.FlushAsync(_timeout)).GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            throw new LoggingFailedException($"LogFlux audit delivery failed: {ex.GetType().Name}: {ex.Message}");
        }
        if (!flushed)
        {
            throw new LoggingFailedException($"LogFlux could not confirm delivery of the audit event within {_timeout.TotalSeconds:0.###} s.");
        }

        var stats = client.GetStats();
        if (stats.EntriesDropped > before)
        {
            var reasons = string.Join(", ", stats.DropReasons.Where(r => r.Value > 0).Select(r => r.Key));
            SelfLog.WriteLine("[LogFlux Error] Audit event not confirmed: the client dropped entries during delivery ({0}).", reasons);
            throw new LoggingFailedException($"LogFlux dropped entries while delivering the audit event (drop reasons so far: {reasons}); last error: {stats.LastSendError ?? "none"}.");
        }
    }

    public void Dispose() => _connection.Close();

    public ValueTask DisposeAsync() => new(_connection.CloseAsync());
}
