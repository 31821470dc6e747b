using LogFlux.Sinks.Diagnostics;
using LogFlux.Sinks.Transport;

namespace LogFlux.Sinks.Pipeline;

/// <summary>
/// Hands the senders a session key. Attempts are serialised through one gate, so the handshake backoff
/// (1 s doubling to 60 s plus jitter, at least 60 s after the API key itself was refused or a fresh key was
/// rejected) applies to the client as a whole, however many senders wait. Senders never hold entries while
/// they wait here, so entries stay in the bounded queue during a long outage.
/// </summary>
internal sealed class SessionSource
{
    public static readonly TimeSpan AuthenticationBackoff = TimeSpan.FromSeconds(60);

    /// <summary>The URL answered like a web server, not like LogFlux: retrying soon cannot help, the configuration must change.</summary>
    public static readonly TimeSpan NotLogFluxEndpointBackoff = TimeSpan.FromMinutes(5);

    private readonly IIngestTransport _transport;
    private readonly SelfDiagnostics _diagnostics;
    private readonly TimeProvider _time;
    private readonly Func<double> _jitter;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly object _state = new();
    private DateTimeOffset _notBefore = DateTimeOffset.MinValue;
    private int _failures;
    private SessionKey? _rejected;

    public SessionSource(IIngestTransport transport, SelfDiagnostics diagnostics, TimeProvider time, Func<double> jitter)
    {
        _transport = transport;
        _diagnostics = diagnostics;
        _time = time;
        _jitter = jitter;
    }

    /// <summary>Returns the current key, performing (or waiting for) the handshake with backoff. Cancellation throws.</summary>
    public async Task<SessionKey> AcquireAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                await WaitForBackoffAsync(cancellationToken).ConfigureAwait(false);
                var rejected = _rejected;
                try
                {
                    var session = rejected is null
                        ? await _transport.GetSessionAsync(cancellationToken).AsTask().WaitAsync(cancellationToken).ConfigureAwait(false)
                        : await _transport.RenewSessionAsync(rejected, cancellationToken).AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
                    Succeeded();
                    return session;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex)
                {
                    Failed(ex, rejected, minimumBackoff: TimeSpan.Zero);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// After a 401/403 with <paramref name="rejected"/>: one re-handshake (the transport makes it single flight;
    /// if another sender already replaced the key, the new key comes back at once). Returns null when it failed;
    /// the failure is reported and further handshakes back off for at least 60 s.
    /// </summary>
    public async Task<SessionKey?> RenewAsync(SessionKey rejected, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WaitForBackoffAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var session = await _transport.RenewSessionAsync(rejected, cancellationToken).AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
                Succeeded();
                return session;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                Failed(ex, rejected, AuthenticationBackoff);
                return null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A freshly negotiated key was refused too: stop using it and renew only after at least 60 s.</summary>
    public void RejectFreshKey(SessionKey rejected)
    {
        lock (_state)
        {
            _rejected = rejected;
            _failures++;
            var delay = Max(AuthenticationBackoff, Backoff.Handshake(_failures, _jitter()));
            _notBefore = _time.GetUtcNow() + delay;
        }
        _diagnostics.Error($"The server refused a freshly negotiated key (HTTP 401/403). Check the API key; the next handshake is in {Seconds(AuthenticationBackoff)} or later.");
    }

    private async Task WaitForBackoffAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            DateTimeOffset notBefore;
            lock (_state) notBefore = _notBefore;
            var wait = notBefore - _time.GetUtcNow();
            if (wait <= TimeSpan.Zero) return;
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Succeeded()
    {
        bool recovered;
        lock (_state)
        {
            recovered = _failures > 0;
            _failures = 0;
            _rejected = null;
            _notBefore = DateTimeOffset.MinValue;
        }
        if (recovered) _diagnostics.Info("Handshake succeeded; sending resumes.");
    }

    private void Failed(Exception ex, SessionKey? rejected, TimeSpan minimumBackoff)
    {
        var authentication = ex is TransportException { IsAuthenticationFailure: true };
        TimeSpan delay;
        int failures;
        lock (_state)
        {
            if (rejected is not null) _rejected = rejected;
            failures = ++_failures;
            delay = Backoff.Handshake(failures, _jitter());
            if (authentication) delay = Max(delay, AuthenticationBackoff);
            if (ex is TransportException { IsNotLogFluxEndpoint: true }) delay = Max(delay, NotLogFluxEndpointBackoff);
            delay = Max(delay, minimumBackoff);
            _notBefore = _time.GetUtcNow() + delay;
        }
        var text = ex is TransportException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
        if (ex is TransportException { IsNotLogFluxEndpoint: true })
        {
            _diagnostics.Error($"{text} Entries stay queued (bounded) and are dropped when the queue overflows; next attempt in {Seconds(delay)}.");
        }
        else if (authentication)
        {
            _diagnostics.Error($"The API key was refused by the server ({text}). Entries stay queued (bounded) and are dropped when the queue overflows; next attempt in {Seconds(delay)}.");
        }
        else
        {
            _diagnostics.Warn($"Handshake failed (attempt {failures}): {text}. Next attempt in {Seconds(delay)}.");
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds:0.#} s";
}
