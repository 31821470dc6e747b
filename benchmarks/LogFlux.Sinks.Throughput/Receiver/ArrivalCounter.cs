using System.Diagnostics;

namespace LogFlux.Sinks.Throughput.Receiver;

/// <summary>Events, requests and wire bytes seen by the receivers, with the first and last arrival (Stopwatch ticks, shared across processes).</summary>
internal sealed class ArrivalCounter
{
    private long _events;
    private long _requests;
    private long _wireBytes;
    private long _wireRequests;
    private long _missedRequests;
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
        Interlocked.Increment(ref _wireRequests);
    }

    /// <summary>Requests known to have happened whose size was not seen (they are extrapolated).</summary>
    public void RecordMissedRequests(long count)
    {
        Interlocked.Add(ref _requests, count);
        Interlocked.Add(ref _missedRequests, count);
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _events, 0);
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _wireBytes, 0);
        Interlocked.Exchange(ref _wireRequests, 0);
        Interlocked.Exchange(ref _missedRequests, 0);
        Interlocked.Exchange(ref _firstArrival, 0);
        Interlocked.Exchange(ref _lastArrival, 0);
    }

    public ReceiverStats Read()
    {
        long requests = Interlocked.Read(ref _requests);
        long wire = Interlocked.Read(ref _wireBytes);
        long seen = Interlocked.Read(ref _wireRequests);
        long missed = Interlocked.Read(ref _missedRequests);
        if (missed > 0 && seen > 0) wire += wire / seen * missed;
        return new ReceiverStats(Interlocked.Read(ref _events), requests, wire, missed,
            Interlocked.Read(ref _firstArrival), Interlocked.Read(ref _lastArrival));
    }
}

/// <summary>A snapshot of <see cref="ArrivalCounter"/>.</summary>
internal sealed record ReceiverStats(long Events, long Requests, long WireBytes, long MissedRequests, long FirstArrival, long LastArrival);
