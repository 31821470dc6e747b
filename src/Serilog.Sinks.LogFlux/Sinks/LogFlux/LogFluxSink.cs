using LogFlux.Sinks.Sharing;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;

namespace Serilog.Sinks.LogFlux;

/// <summary>
/// The <c>WriteTo.LogFlux</c> sink: hands each event to the LogFlux client's queue (the only buffer; batching,
/// encryption and sending happen on the client's workers). Plain events are queued as they are and written on the
/// sender (Serilog events are immutable once emitted); events with an exception or written by a helper method are
/// converted on the logging thread. Never blocks and never throws.
/// </summary>
internal sealed class LogFluxSink : ILogEventSink, IDisposable, IAsyncDisposable
{
    private readonly AdapterClientBinding _connection;
    private readonly LogEventConverter _converter;

    public LogFluxSink(AdapterClientBinding connection, LogEventConverter converter)
    {
        _connection = connection;
        _converter = converter;
    }

    public void Emit(LogEvent logEvent)
    {
        try
        {
            var client = _connection.Client;
            if (client is null)
            {
                _connection.CountNoClient();
                return;
            }
            // A refused entry is counted by the client under its drop reason.
            if (LogEventConverter.CanDefer(logEvent)) client.Enqueue(_converter.Defer(logEvent));
            else client.Enqueue(_converter.Convert(logEvent));
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("[LogFlux Error] Serilog sink could not hand over an event: {0}", ex.GetType().Name + ": " + ex.Message);
        }
    }

    /// <summary>Releases the client; the last user of a shared client closes it, which sends what is queued within its shutdown timeout.</summary>
    public void Dispose() => _connection.Close();

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync() => new(_connection.CloseAsync());
}
