using LogFlux.Sinks;
using LogFlux.Sinks.Adapters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LogFlux.Extensions.Logging.Internal;

/// <summary>
/// Writes the provider's own messages (configuration problems, client diagnostics) through the host's logging,
/// under the category <see cref="LogFluxLoggerProvider.DiagnosticsCategory"/>, which the LogFlux loggers never
/// send; while such a message is being written, the LogFlux loggers on that thread send nothing at all, so a
/// diagnostic can never come back through the provider. Without a host (a provider created in code), or once the
/// host's services are gone, warnings and errors go to standard error.
/// </summary>
internal sealed class HostLog
{
    private static readonly DiagnosticOnceFilter s_once = new();

    [ThreadStatic]
    private static bool t_writing;

    private readonly IServiceProvider? _services;
    private ILogger? _logger;
    private readonly System.Collections.Concurrent.ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> _pending = new();
    private int _resolveFailed;
    private int _draining;

    public HostLog(IServiceProvider? services)
    {
        _services = services;
        // Resolve the host's logger while the host is alive (a diagnostic written while it shuts down could no longer
        // resolve it). On the pool: this runs while the host's logger factory is being built.
        if (services is not null) ThreadPool.UnsafeQueueUserWorkItem(static log => log.Logger(), this, preferLocal: false);
    }

    /// <summary>True on a thread that is writing a provider message right now.</summary>
    public static bool IsWriting => t_writing;

    /// <summary>Forwards a client diagnostic (each instance once, however many providers share the client).</summary>
    public void Forward(LogFluxDiagnostic diagnostic)
    {
        if (!s_once.TryClaim(diagnostic)) return;
        var level = diagnostic.Level switch
        {
            LogFluxDiagnosticLevel.Debug => LogLevel.Debug,
            LogFluxDiagnosticLevel.Info => LogLevel.Information,
            LogFluxDiagnosticLevel.Warning => LogLevel.Warning,
            _ => LogLevel.Error,
        };
        Write(level, diagnostic.Message, diagnostic.Exception);
    }

    /// <summary>
    /// Writes one message of the provider itself. Until the host's logger factory has been resolved, messages are
    /// queued and written in order from a pool thread: providers are created while that factory is being built, so
    /// resolving it on the creating thread would re-enter its construction.
    /// </summary>
    public void Write(LogLevel level, string message, Exception? exception = null)
    {
        if (t_writing) return;
        if (_services is not null && Volatile.Read(ref _logger) is null && Volatile.Read(ref _resolveFailed) == 0)
        {
            _pending.Enqueue((level, message, exception));
            if (Interlocked.Exchange(ref _draining, 1) == 0) ThreadPool.UnsafeQueueUserWorkItem(static log => log.Drain(), this, preferLocal: false);
            return;
        }
        WriteNow(level, message, exception);
    }

    private void Drain()
    {
        while (true)
        {
            while (_pending.TryDequeue(out var item)) WriteNow(item.Level, item.Message, item.Exception);
            Volatile.Write(ref _draining, 0);
            if (_pending.IsEmpty || Interlocked.Exchange(ref _draining, 1) != 0) return;
        }
    }

    private void WriteNow(LogLevel level, string message, Exception? exception)
    {
        t_writing = true;
        try
        {
            if (Logger() is { } logger) logger.Log(level, exception, "{LogFluxMessage}", message);
            else if (level >= LogLevel.Warning) Console.Error.WriteLine(exception is null ? $"[LogFlux {level}] {message}" : $"[LogFlux {level}] {message}: {exception.GetType().Name}: {exception.Message}");
        }
        catch (Exception)
        {
            // The host's logging is being torn down, or a provider of it failed: nothing else to tell.
        }
        finally
        {
            t_writing = false;
        }
    }

    private ILogger? Logger()
    {
        if (_logger is { } logger) return logger;
        if (_services is null || Volatile.Read(ref _resolveFailed) != 0) return null;
        try
        {
            logger = _services.GetService<ILoggerFactory>()?.CreateLogger(LogFluxLoggerProvider.DiagnosticsCategory);
            Volatile.Write(ref _logger, logger);
            return logger;
        }
        catch (Exception)
        {
            // Disposed service provider: fall back to standard error from now on.
            Volatile.Write(ref _resolveFailed, 1);
            return null;
        }
    }
}
