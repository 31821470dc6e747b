using LogFlux.Sinks.Sharing;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;

namespace Serilog.Sinks.LogFlux;

/// <summary>
/// The <c>WriteTo.LogFlux</c> sink: hands each event to the LogFlux client's queue (the only buffer; batching,
/// encryption and sending happen on the client's workers). Each event is captured as a record that the core writes
/// on the sender (Serilog events are immutable once emitted). Never blocks and never throws.
/// </summary>
internal sealed class LogFluxSink(AdapterClientBinding connection, LogEventConverter converter) : ILogEventSink, IDisposable, IAsyncDisposable
{
    private readonly AdapterClientBinding _connection = connection;

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
            client.Enqueue(converter.ToRecord(logEvent));
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
