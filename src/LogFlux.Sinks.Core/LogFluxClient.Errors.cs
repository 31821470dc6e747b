namespace LogFlux.Sinks;

public sealed partial class LogFluxClient
{
    /// <summary>
    /// Captures an exception as an error log (level 4, docs/protocol.md#error-capture) with its type, message, stack frames,
    /// inner-exception chain and the current breadcrumbs. Sampled like logs; routed through
    /// <see cref="LogFluxOptions.BeforeSendError"/>.
    /// </summary>
    /// <param name="exception">The exception.</param>
    /// <param name="attributes">Optional attributes; they win over scope attributes.</param>
    /// <param name="message">Optional custom message; the exception's own message then goes to attribute <c>error</c>.</param>
    public void CaptureError(Exception exception, IReadOnlyDictionary<string, string>? attributes = null, string? message = null)
        => Submit(NewErrorCapture(exception, attributes, message), CurrentScope, _breadcrumbs, Origin.ErrorCapture);

    /// <summary>Adds a breadcrumb to the client's ring (at most <see cref="LogFluxOptions.MaxBreadcrumbs"/>; the oldest is overwritten).</summary>
    /// <param name="category">Category, e.g. <c>http</c>.</param>
    /// <param name="message">Short text.</param>
    /// <param name="data">Optional data.</param>
    /// <param name="level"><c>error</c>, <c>warning</c>, <c>info</c> or null.</param>
    public void AddBreadcrumb(string? category, string message, IReadOnlyDictionary<string, string>? data = null, string? level = null)
        => _breadcrumbs.Add(new Breadcrumb(TimeProvider.GetUtcNow(), category, message ?? string.Empty, level, CopyOrNull(data)));

    /// <summary>Empties the client's breadcrumb ring. Capturing an error does not.</summary>
    public void ClearBreadcrumbs() => _breadcrumbs.Clear();

    /// <summary>A copy of the client's breadcrumbs, oldest first.</summary>
    /// <returns>The breadcrumbs.</returns>
    public IReadOnlyList<Breadcrumb> GetBreadcrumbs() => _breadcrumbs.Snapshot();

    internal void CaptureErrorFromScope(LogFluxScope scope, Exception exception, IReadOnlyDictionary<string, string>? attributes, string? message)
        => Submit(NewErrorCapture(exception, attributes, message), scope, scope.Breadcrumbs, Origin.ErrorCapture);

    private LogEntry NewErrorCapture(Exception? exception, IReadOnlyDictionary<string, string>? attributes, string? message)
    {
        var error = ErrorDetails.FromException(exception!);
        var entry = new LogEntry(LogFluxLevel.Error, message ?? error.Message, TimeProvider.GetUtcNow())
        {
            Error = error,
            Attributes = CopyOrNull(attributes),
        };
        if (message is not null) entry.SetAttribute("error", error.Message);
        return entry;
    }
}
