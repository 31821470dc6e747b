using LogFlux.Sinks.Context;

namespace LogFlux.Sinks;

/// <summary>
/// An isolated context for one unit of work, e.g. a request (docs/protocol.md#scopes). While it is active (until
/// <see cref="Dispose"/>) its attributes apply to every entry the client sends from the same async flow,
/// under the attributes passed to the call. A nested scope inherits its parent's attributes. The scope has
/// its own breadcrumb ring: its send methods record breadcrumbs there, and its <see cref="CaptureError"/>
/// attaches them. No member throws.
/// </summary>
public sealed class LogFluxScope : IDisposable
{
    private readonly LogFluxClient? _client;
    private readonly Dictionary<string, string> _attributes = new(StringComparer.Ordinal);
    private int _disposed;

    internal LogFluxScope(LogFluxClient? client, LogFluxScope? parent, int maxBreadcrumbs)
    {
        _client = client;
        Parent = parent;
        Breadcrumbs = new BreadcrumbRing(maxBreadcrumbs);
    }

    internal LogFluxScope? Parent { get; }

    internal BreadcrumbRing Breadcrumbs { get; }

    /// <summary>True once disposed.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>The effective attributes: the parent's, overridden by this scope's.</summary>
    public IReadOnlyDictionary<string, string> Attributes
    {
        get
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            CopyInto(result);
            return result;
        }
    }

    /// <summary>Sets (or with null removes) a scope attribute.</summary>
    /// <param name="key">The attribute name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This scope.</returns>
    public LogFluxScope SetAttribute(string key, string? value)
    {
        AttributeMap.Set(_attributes, key, value);
        return this;
    }

    /// <summary>Sets several scope attributes.</summary>
    /// <param name="attributes">The attributes.</param>
    /// <returns>This scope.</returns>
    public LogFluxScope SetAttributes(IEnumerable<KeyValuePair<string, string>>? attributes)
    {
        if (attributes is null) return this;
        foreach (var pair in attributes) SetAttribute(pair.Key, pair.Value);
        return this;
    }

    /// <summary>Sets the attribute <c>user.id</c>.</summary>
    /// <param name="id">The user id.</param>
    /// <returns>This scope.</returns>
    public LogFluxScope SetUser(string id) => SetAttribute("user.id", id);

    /// <summary>Sets <c>http.method</c>, <c>http.path</c> and <c>request_id</c> (each only when non-empty).</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The request path.</param>
    /// <param name="requestId">The request id.</param>
    /// <returns>This scope.</returns>
    public LogFluxScope SetRequest(string? method, string? path, string? requestId = null)
    {
        if (!string.IsNullOrEmpty(method)) SetAttribute("http.method", method);
        if (!string.IsNullOrEmpty(path)) SetAttribute("http.path", path);
        if (!string.IsNullOrEmpty(requestId)) SetAttribute("request_id", requestId);
        return this;
    }

    /// <summary>Sets the attributes <c>trace_id</c> and <c>span_id</c>.</summary>
    /// <param name="traceId">The trace id.</param>
    /// <param name="spanId">The span id.</param>
    /// <returns>This scope.</returns>
    public LogFluxScope SetTraceContext(string traceId, string spanId)
    {
        SetAttribute(Records.RecordAttributes.TraceId, traceId);
        SetAttribute(Records.RecordAttributes.SpanId, spanId);
        return this;
    }

    /// <summary>Adds a breadcrumb to this scope's ring.</summary>
    /// <param name="category">Category, e.g. <c>http</c>.</param>
    /// <param name="message">Short text.</param>
    /// <param name="data">Optional data.</param>
    /// <param name="level"><c>error</c>, <c>warning</c>, <c>info</c> or null.</param>
    public void AddBreadcrumb(string? category, string message, IReadOnlyDictionary<string, string>? data = null, string? level = null)
    {
        var now = _client?.TimeProvider.GetUtcNow() ?? DateTimeOffset.UtcNow;
        Breadcrumbs.Add(new Breadcrumb(now, category, message ?? string.Empty, level, LogFluxClient.CopyOrNull(data)));
    }

    /// <summary>Empties this scope's breadcrumb ring.</summary>
    public void ClearBreadcrumbs() => Breadcrumbs.Clear();

    /// <summary>Sends a debug log (level 8) with this scope's context.</summary>
    /// <param name="message">The message.</param>
    /// <param name="attributes">Attributes; they win over scope attributes.</param>
    public void Debug(string message, IReadOnlyDictionary<string, string>? attributes = null) => Log(LogFluxLevel.Debug, message, attributes);

    /// <summary>Sends an info log (level 7) with this scope's context.</summary>
    /// <param name="message">The message.</param>
    /// <param name="attributes">Attributes; they win over scope attributes.</param>
    public void Info(string message, IReadOnlyDictionary<string, string>? attributes = null) => Log(LogFluxLevel.Info, message, attributes);

    /// <summary>Sends a notice log (level 6) with this scope's context.</summary>
    /// <param name="message">The message.</param>
    /// <param name="attributes">Attributes; they win over scope attributes.</param>
    public void Notice(string message, IReadOnlyDictionary<string, string>? attributes = null) => Log(LogFluxLevel.Notice, message, attributes);

    /// <summary>Sends a warning log (level 5) with this scope's context.</summary>
    /// <param name="message">The message.</param>
    /// <param name="attributes">Attributes; they win over scope attributes.</param>
    public void Warn(string message, IReadOnlyDictionary<string, string>? attributes = null) => Log(LogFluxLevel.Warning, message, attributes);

    /// <summary>Sends an error log (level 4) with this scope's context.</summary>
    /// <param name="message">The message.</param>
    /// <param name="attributes">Attributes; they win over scope attributes.</param>
    public void Error(string message, IReadOnlyDictionary<string, string>? attributes = null) => Log(LogFluxLevel.Error, message, attributes);

    /// <summary>Sends a critical log (level 3) with this scope's context.</summary>
    /// <param name="message">The message.</param>
    /// <param name="attributes">Attributes; they win over scope attributes.</param>
    public void Critical(string message, IReadOnlyDictionary<string, string>? attributes = null) => Log(LogFluxLevel.Critical, message, attributes);

    /// <summary>Sends a log at <paramref name="level"/> with this scope's context; it adds a breadcrumb to this scope's ring.</summary>
    /// <param name="level">The level.</param>
    /// <param name="message">The message.</param>
    /// <param name="attributes">Attributes; they win over scope attributes.</param>
    public void Log(LogFluxLevel level, string message, IReadOnlyDictionary<string, string>? attributes = null)
        => _client?.SendFromScope(this, level, message, attributes);

    /// <summary>Sends an event with this scope's context; it adds a breadcrumb to this scope's ring.</summary>
    /// <param name="name">The event name.</param>
    /// <param name="attributes">Attributes; they win over scope attributes.</param>
    public void Event(string name, IReadOnlyDictionary<string, string>? attributes = null)
        => _client?.SendEventFromScope(this, name, attributes);

    /// <summary>Captures an error with this scope's context and this scope's breadcrumbs.</summary>
    /// <param name="exception">The exception.</param>
    /// <param name="attributes">Attributes; they win over scope attributes.</param>
    /// <param name="message">Optional custom message; the exception's own message then goes to attribute <c>error</c>.</param>
    public void CaptureError(Exception exception, IReadOnlyDictionary<string, string>? attributes = null, string? message = null)
        => _client?.CaptureErrorFromScope(this, exception, attributes, message);

    /// <summary>Ends the scope: the previous scope becomes current again in this flow.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _client?.EndScope(this);
    }

    /// <summary>Adds the effective attributes to <paramref name="entry"/> where it has no value for the key.</summary>
    internal void ApplyTo(LogFluxEntry entry)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            lock (scope._attributes)
            {
                if (scope._attributes.Count == 0) continue;
                var target = entry.Attributes ??= new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var pair in scope._attributes) target.TryAdd(pair.Key, pair.Value);
            }
        }
    }

    /// <summary>The effective attributes, innermost scope first (so the first occurrence of a key wins), or null when there are none.</summary>
    internal KeyValuePair<string, string>[]? SnapshotAttributes()
    {
        List<KeyValuePair<string, string>>? snapshot = null;
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            lock (scope._attributes)
            {
                if (scope._attributes.Count == 0) continue;
                (snapshot ??= new List<KeyValuePair<string, string>>(scope._attributes.Count)).AddRange(scope._attributes);
            }
        }
        return snapshot?.ToArray();
    }

    internal bool IsSelfOrAncestorOf(LogFluxScope? scope)
    {
        for (; scope is not null; scope = scope.Parent)
        {
            if (ReferenceEquals(scope, this)) return true;
        }
        return false;
    }

    private void CopyInto(Dictionary<string, string> result)
    {
        Parent?.CopyInto(result);
        lock (_attributes)
        {
            foreach (var pair in _attributes) result[pair.Key] = pair.Value;
        }
    }
}
