using System.Diagnostics;

namespace LogFlux.Sinks.Throughput.Receiver;

/// <summary>Events, requests and wire bytes seen by the receivers, with the first and last arrival (Stopwatch ticks, shared across processes).</summary>
internal sealed class ArrivalCounter
{
    private long _events;
    private long _requests;
    private long _wireBytes;
    private long _firstArrival;
    private long _lastArrival;

    public void RecordEvents(long events)
    {
        if (events <= 0) return;
        long now = Stopwatch.GetTimestamp();
        Interlocked.Add(ref _events, events);
        Interlocked.CompareExchange(ref _firstArrival, now, 0);
        long last;
        while ((last = Volatile.Read(ref _lastArrival)) < now && Interlocked.CompareExchange(ref _lastArrival, now, last) != last)
        {
        }
    }

    /// <summary>Counts one request's bytes on the wire (request line, headers and body).</summary>
    public void RecordRequest(long wireBytes)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _wireBytes, wireBytes);
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _events, 0);
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _wireBytes, 0);
        Interlocked.Exchange(ref _firstArrival, 0);
        Interlocked.Exchange(ref _lastArrival, 0);
    }

    public ReceiverStats Read() => new(
        Interlocked.Read(ref _events), Interlocked.Read(ref _requests), Interlocked.Read(ref _wireBytes),
        Interlocked.Read(ref _firstArrival), Interlocked.Read(ref _lastArrival));
}

/// <summary>A snapshot of <see cref="ArrivalCounter"/>.</summary>
internal sealed record ReceiverStats(long Events, long Requests, long WireBytes, long FirstArrival, long LastArrival);
