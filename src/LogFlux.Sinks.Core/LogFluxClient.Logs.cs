namespace LogFlux.Sinks;

public sealed partial class LogFluxClient
{
    /// <summary>Sends a debug log (level 8).</summary>
    /// <param name="message">The message.</param>
    /// <param name="attributes">Optional attributes; they win over scope attributes.</param>
    public void Debug(string message, IReadOnlyDictionary<string, string>? attributes = null) => Log(LogFluxLevel.Debug, message, attributes);

    /// <summary>Sends an info log (level 7).</summary>
    /// <param name="message">The message.</param>
    /// <param name="attributes">Optional attributes; they win over scope attributes.</param>
    public void Info(string message, IReadOnlyDictionary<string, string>? attributes = null) => Log(LogFluxLevel.Info, message, attributes);

    /// <summary>Sends a notice log (level 6).</summary>
    /// <param name="message">The message.</param>
    /// <param name="attributes">Optional attributes; they win over scope attributes.</param>
    public void Notice(string message, IReadOnlyDictionary<string, string>? attributes = null) => Log(LogFluxLevel.Notice, message, attributes);

    /// <summary>Sends a warning log (level 5).</summary>
    /// <param name="message">The message.</param>
    /// <param name="attributes">Optional attributes; they win over scope attributes.</param>
    public void Warn(string message, IReadOnlyDictionary<string, string>? attributes = null) => Log(LogFluxLevel.Warning, message, attributes);

    /// <summary>Sends an error log (level 4). To send an exception use <see cref="CaptureError"/>.</summary>
    /// <param name="message">The message.</param>
    /// <param name="attributes">Optional attributes; they win over scope attributes.</param>
    public void Error(string message, IReadOnlyDictionary<string, string>? attributes = null) => Log(LogFluxLevel.Error, message, attributes);

    /// <summary>Sends a critical log (level 3).</summary>
    /// <param name="message">The message.</param>
    /// <param name="attributes">Optional attributes; they win over scope attributes.</param>
    public void Critical(string message, IReadOnlyDictionary<string, string>? attributes = null) => Log(LogFluxLevel.Critical, message, attributes);

    /// <summary>Sends a log at <paramref name="level"/>. Logs at levels 1–7 (within <see cref="LogFluxOptions.MinimumBreadcrumbLevel"/>) also become breadcrumbs.</summary>
    /// <param name="level">The level (1–8).</param>
    /// <param name="message">The message.</param>
    /// <param name="attributes">Optional attributes; they win over scope attributes.</param>
    public void Log(LogFluxLevel level, string message, IReadOnlyDictionary<string, string>? attributes = null)
        => Submit(NewLog(level, message, attributes), CurrentScope, _breadcrumbs, Origin.Call);

    internal void SendFromScope(LogFluxScope scope, LogFluxLevel level, string message, IReadOnlyDictionary<string, string>? attributes)
        => Submit(NewLog(level, message, attributes), scope, scope.Breadcrumbs, Origin.Call);

    private LogEntry NewLog(LogFluxLevel level, string? message, IReadOnlyDictionary<string, string>? attributes)
        => new(level, message ?? string.Empty, TimeProvider.GetUtcNow()) { Attributes = CopyOrNull(attributes) };
}
