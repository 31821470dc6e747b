using System.Security.Cryptography;
using LogFlux.Sinks.Transport;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Core.Tests.Pipeline;

/// <summary>One ingest request seen by <see cref="ScriptedTransport"/>.</summary>
/// <param name="TimersBefore">Timers created on the clock before this request; timers the pipeline creates afterwards have this index or higher.</param>
internal sealed record SendCall(int Index, long[] Sequences, SessionKey Session, DateTimeOffset Time, int TimersBefore, CancellationToken Token);

/// <summary>
/// A scripted <see cref="IIngestTransport"/>: sessions on demand (or from a script), ingest answers from
/// <see cref="Respond"/> (default 202), and signals a test can await instead of sleeping.
/// </summary>
internal sealed class ScriptedTransport : IIngestTransport
{
    private static readonly TimeSpan s_testTimeout = TimeSpan.FromSeconds(10);

    private readonly ObservedClock _time;
    private readonly List<SendCall> _calls = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SessionKey _session;
    private long _generation = 1;
    private int _sessionRequests;
    private int _renewals;
    private long _handshakes = 1;

    public ScriptedTransport(ObservedClock time, ServerLimits limits = default)
    {
        _time = time;
        Limits = limits;
        _session = NewSession(1);
    }

    public ServerLimits Limits { get; set; }

    /// <summary>Answers an ingest request; the default accepts everything.</summary>
    public Func<SendCall, Task<IngestResult>> Respond { get; set; } = _ => Task.FromResult(Status(202));

    /// <summary>Runs for every <see cref="GetSessionAsync"/> call (1-based count); may throw or wait. Null returns the current key.</summary>
    public Func<int, CancellationToken, Task>? BeforeSession { get; set; }

    /// <summary>Runs for every renewal (1-based count); may throw. Null renews successfully.</summary>
    public Func<int, Task>? BeforeRenew { get; set; }

    public SessionKey CurrentSession => Volatile.Read(ref _session);

    public int SessionRequests => Volatile.Read(ref _sessionRequests);

    public int Renewals => Volatile.Read(ref _renewals);

    public TransportState State => new(true, Interlocked.Read(ref _handshakes), "handshake", "SHA256:" + new string('a', 64), null);

    public IReadOnlyList<SendCall> Calls
    {
        get { lock (_calls) return _calls.ToArray(); }
    }

    public long[] AllSentSequences => Calls.SelectMany(c => c.Sequences).ToArray();

    public static IngestResult Status(int status, TimeSpan? retryAfter = null, string? error = null, RateLimitInfo rateLimit = default) =>
        new(status, retryAfter, error ?? (status is >= 200 and < 300 ? null : $"status {status}"), rateLimit);

    /// <summary>A network error before the request reached the server (e.g. connection refused).</summary>
    public static IngestResult Refused() => IngestResult.NotSent("connection refused");

    /// <summary>
    /// Test-case shorthand: -1 is a refused connection, 0 a lost response (the server may have stored the
    /// entries), anything else an HTTP status.
    /// </summary>
    public static IngestResult Outcome(int code) => code == -1 ? Refused() : Status(code);

    public async ValueTask<SessionKey> GetSessionAsync(CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _sessionRequests);
        Signal();
        if (BeforeSession is { } before) await before(n, cancellationToken);
        return CurrentSession;
    }

    public async ValueTask<SessionKey> RenewSessionAsync(SessionKey rejected, CancellationToken cancellationToken)
    {
        if (!ReferenceEquals(rejected, CurrentSession)) return CurrentSession;
        var n = Interlocked.Increment(ref _renewals);
        Signal();
        if (BeforeRenew is { } before) await before(n);
        var fresh = NewSession(Interlocked.Increment(ref _generation));
        Volatile.Write(ref _session, fresh);
        Interlocked.Increment(ref _handshakes);
        return fresh;
    }

    public Task<IngestResult> SendAsync(SessionKey session, ReadOnlyMemory<byte> body, string boundary, CancellationToken cancellationToken)
    {
        SendCall call;
        lock (_calls)
        {
            call = new SendCall(_calls.Count + 1, ScriptedEncoder.Decode(body), session, _time.GetUtcNow(), _time.TimerCount, cancellationToken);
            _calls.Add(call);
        }
        Signal();
        return Respond(call);
    }

    /// <summary>Waits (bounded by real time) until at least <paramref name="count"/> ingest requests were made.</summary>
    public Task WaitForCallsAsync(int count) => WaitUntilAsync(() => Calls.Count >= count, $"{count} ingest requests");

    public Task WaitForSessionRequestsAsync(int count) => WaitUntilAsync(() => SessionRequests >= count, $"{count} session requests");

    public Task WaitForRenewalsAsync(int count) => WaitUntilAsync(() => Renewals >= count, $"{count} renewals");

    public async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(s_testTimeout);
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            if (condition()) return;
            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out waiting for {what}; saw {Calls.Count} requests, {SessionRequests} session requests, {Renewals} renewals.");
            }
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void Signal() => Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private SessionKey NewSession(long generation) =>
        new(RandomNumberGenerator.GetBytes(32), $"key-{generation}", "http://127.0.0.1", Limits, null, "handshake", generation);
}
