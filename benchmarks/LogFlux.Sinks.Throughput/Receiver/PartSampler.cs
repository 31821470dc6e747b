namespace LogFlux.Sinks.Throughput.Receiver;

/// <summary>
/// Chooses which parts of a run the lean receiver verifies (the first part of the run and every
/// <see cref="Interval"/>-th after it, across concurrent requests) and keeps the tally: parts counted, verified,
/// failed, the first failure's reason, and ingest requests refused for broken framing. Thread-safe.
/// </summary>
internal sealed class PartSampler
{
    public const int Interval = 1_000;

    private long _parts;
    private long _verified;
    private long _failed;
    private long _malformedRequests;
    private string? _firstFailure;

    /// <summary>
    /// Adds a request's <paramref name="count"/> parts to the run and returns the index (within the request) of the
    /// first part to verify, or -1 when none is due; later ones follow every <see cref="Interval"/> parts.
    /// </summary>
    public int Claim(int count)
    {
        long end = Interlocked.Add(ref _parts, count);
        long first = end - count;
        long remainder = first % Interval;
        long offset = remainder == 0 ? 0 : Interval - remainder;
        return offset < count ? (int)offset : -1;
    }

    public void RecordVerified(string? failure)
    {
        Interlocked.Increment(ref _verified);
        if (failure is null) return;
        Interlocked.Increment(ref _failed);
        Interlocked.CompareExchange(ref _firstFailure, failure, null);
    }

    /// <summary>A request whose multipart framing was broken: it was refused (400) and counts as a failure.</summary>
    public void RecordMalformedRequest(string reason)
    {
        Interlocked.Increment(ref _malformedRequests);
        Interlocked.CompareExchange(ref _firstFailure, "ingest request refused: " + reason, null);
    }

    /// <summary>Starts a new run: the next part counted is the run's first (and is verified).</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _parts, 0);
        Interlocked.Exchange(ref _verified, 0);
        Interlocked.Exchange(ref _failed, 0);
        Interlocked.Exchange(ref _malformedRequests, 0);
        Interlocked.Exchange(ref _firstFailure, null);
    }

    public VerificationStats Read() => new(
        Interlocked.Read(ref _parts), Interlocked.Read(ref _verified), Interlocked.Read(ref _failed),
        Interlocked.Read(ref _malformedRequests), Volatile.Read(ref _firstFailure));
}

/// <summary>A snapshot of <see cref="PartSampler"/> for one run.</summary>
/// <param name="Parts">Parts counted since the run started (warm-up included).</param>
/// <param name="Verified">Parts fully decrypted, gunzipped and parsed.</param>
/// <param name="Failed">Verified parts that did not decode.</param>
/// <param name="MalformedRequests">Ingest requests refused because their multipart framing was broken.</param>
/// <param name="FirstFailure">Why the first failing part or request failed, if any.</param>
internal sealed record VerificationStats(long Parts, long Verified, long Failed, long MalformedRequests, string? FirstFailure)
{
    public bool Ok => Failed == 0 && MalformedRequests == 0;

    /// <summary>One line for the report, e.g. <c>verified 201 of 200,000 parts, 0 failed</c>.</summary>
    public string Describe() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"verified {Verified:N0} of {Parts:N0} parts, {Failed:N0} failed{(MalformedRequests > 0 ? $", {MalformedRequests:N0} malformed requests" : "")}{(FirstFailure is null ? "" : $" (first: {FirstFailure})")}");
}
