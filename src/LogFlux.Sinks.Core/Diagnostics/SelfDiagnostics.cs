namespace LogFlux.Sinks.Diagnostics;

/// <summary>
/// Routes self-diagnostic messages to the configured listener and to any adapter that subscribed.
/// Listener exceptions are swallowed, and a message raised while a listener runs on the same thread
/// is discarded, so a listener that logs back into the sink cannot loop.
/// </summary>
internal sealed class SelfDiagnostics
{
    [ThreadStatic] private static bool t_inListener;
    private readonly bool _debug;
    private Action<LogFluxDiagnostic>? _listeners;

    public SelfDiagnostics(Action<LogFluxDiagnostic>? listener, bool debug)
    {
        _listeners = listener;
        _debug = debug;
    }

    public bool IsDebugEnabled => _debug;

    public void Subscribe(Action<LogFluxDiagnostic> listener)
    {
        lock (this) _listeners += listener;
    }

    public void Unsubscribe(Action<LogFluxDiagnostic> listener)
    {
        lock (this) _listeners -= listener;
    }

    public void Debug(string message, Exception? exception = null)
    {
        if (_debug) Report(new LogFluxDiagnostic(LogFluxDiagnosticLevel.Debug, message, exception));
    }

    public void Info(string message) => Report(new LogFluxDiagnostic(LogFluxDiagnosticLevel.Info, message));

    public void Warn(string message, Exception? exception = null) => Report(new LogFluxDiagnostic(LogFluxDiagnosticLevel.Warning, message, exception));

    public void Error(string message, Exception? exception = null) => Report(new LogFluxDiagnostic(LogFluxDiagnosticLevel.Error, message, exception));

    public void Report(LogFluxDiagnostic diagnostic)
    {
        if (t_inListener) return;
        var listeners = Volatile.Read(ref _listeners);
        if (listeners is null) return;
        t_inListener = true;
        try
        {
            foreach (var d in listeners.GetInvocationList())
            {
                try { ((Action<LogFluxDiagnostic>)d)(diagnostic); }
                catch { /* a broken listener must not break logging */ }
            }
        }
        finally
        {
            t_inListener = false;
        }
    }
}
