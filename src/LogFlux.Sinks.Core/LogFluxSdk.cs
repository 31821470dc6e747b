namespace LogFlux.Sinks;

/// <summary>
/// The process-wide client, for applications that want one global entry point: <see cref="Init"/> once at
/// start-up, then call the static methods anywhere, and <see cref="Close"/> (or <see cref="CloseAsync"/>)
/// at shutdown. Before <see cref="Init"/> and after <see cref="Close"/> every method is a no-op that counts
/// nothing and never throws. The global client shares no breadcrumbs, scopes or spans with clients created
/// with <c>new LogFluxClient(...)</c>.
/// </summary>
public static class LogFluxSdk
{
    private static readonly object s_lock = new();
    private static LogFluxClient? s_client;

    /// <summary>True while a global client is active.</summary>
    public static bool IsInitialized => Client is not null;

    /// <summary>The global client, or null before <see cref="Init"/> and after <see cref="Close"/>.</summary>
    public static LogFluxClient? Client
    {
        get
        {
            var client = Volatile.Read(ref s_client);
            return client is { IsClosed: false } ? client : null;
        }
    }

    /// <summary>
    /// Creates the global client. A second call while one is active does not replace it: with
    /// <see cref="LogFluxOptions.Failsafe"/> on (default) it reports a Warning diagnostic (to the active
    /// client's listeners and to the new options' <see cref="LogFluxOptions.DiagnosticListener"/>) and
    /// returns the active client; with failsafe off it throws <see cref="InvalidOperationException"/>.
    /// </summary>
    /// <param name="options">The options.</param>
    /// <returns>The global client.</returns>
    /// <exception cref="LogFluxConfigurationException">The API key or an option is invalid.</exception>
    /// <exception cref="InvalidOperationException">Failsafe is off and a global client is already active.</exception>
    public static LogFluxClient Init(LogFluxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return InitCore(options.Failsafe, options.DiagnosticListener, () => new LogFluxClient(options));
    }

    /// <summary>Creates the global client from the <c>LOGFLUX_*</c> environment variables; see <see cref="Init"/>.</summary>
    /// <param name="node">Node name; wins over <c>LOGFLUX_NODE</c>.</param>
    /// <returns>The global client.</returns>
    /// <exception cref="LogFluxConfigurationException">The API key is missing or invalid, or a value is invalid.</exception>
    public static LogFluxClient InitFromEnvironment(string? node = null)
    {
        var options = LogFluxOptions.FromEnvironment(node);
        return InitCore(options.Failsafe, options.DiagnosticListener, () => new LogFluxClient(options));
    }

    private static LogFluxClient InitCore(bool failsafe, Action<LogFluxDiagnostic>? listener, Func<LogFluxClient> create)
    {
        lock (s_lock)
        {
            if (s_client is { IsClosed: false } active)
            {
                const string text = "LogFluxSdk.Init was called while a global client is active; the active client is kept. Call LogFluxSdk.Close() first to replace it.";
                if (!failsafe) throw new InvalidOperationException(text);
                var diagnostic = new LogFluxDiagnostic(LogFluxDiagnosticLevel.Warning, text);
                active.Diagnostics.Report(diagnostic);
                if (listener is not null && listener != active.Options.DiagnosticListener)
                {
                    try { listener(diagnostic); }
                    catch (Exception) { /* a broken listener must not break Init */ }
                }
                return active;
            }
            var client = create();
            Volatile.Write(ref s_client, client);
            return client;
        }
    }

    /// <summary>Closes the global client (see <see cref="LogFluxClient.Close"/>); <see cref="Init"/> works again afterwards.</summary>
    public static void Close() => Detach()?.Close();

    /// <summary>Closes the global client asynchronously; <see cref="Init"/> works again afterwards.</summary>
    /// <returns>True when nothing was lost (also when there was no client).</returns>
    public static Task<bool> CloseAsync() => Detach()?.CloseAsync() ?? Task.FromResult(true);

    /// <summary>Flushes the global client; true when there is none.</summary>
    /// <param name="timeout">How long to wait; defaults to the client's shutdown timeout.</param>
    /// <returns>Whether everything queued was handled in time.</returns>
    public static Task<bool> FlushAsync(TimeSpan? timeout = null) => Client?.FlushAsync(timeout) ?? Task.FromResult(true);

    /// <summary>The global client's statistics, or null without a client.</summary>
    /// <returns>The statistics.</returns>
    public static LogFluxStats? GetStats() => Client?.GetStats();

    /// <summary>Sends a debug log (level 8).</summary>
    /// <param name="message">The message.</param>
    /// <param name="attributes">Optional attributes.</param>
    public static void Debug(string message, IReadOnlyDictionary<string, string>? attributes = null) => Client?.Debug(message, attributes);

    /// <summary>Sends an info log (level 7).</summary>
    /// <param name="message">The message.</param>
    /// <param name="attributes">Optional attributes.</param>
    public static void Info(string message, IReadOnlyDictionary<string, string>? attributes = null) => Client?.Info(message, attributes);

    /// <summary>Sends a notice log (level 6).</summary>
    /// <param name="message">The message.</param>
    /// <param name="attributes">Optional attributes.</param>
    public static void Notice(string message, IReadOnlyDictionary<string, string>? attributes = null) => Client?.Notice(message, attributes);

    /// <summary>Sends a warning log (level 5).</summary>
    /// <param name="message">The message.</param>
    /// <param name="attributes">Optional attributes.</param>
    public static void Warn(string message, IReadOnlyDictionary<string, string>? attributes = null) => Client?.Warn(message, attributes);

    /// <summary>Sends an error log (level 4).</summary>
    /// <param name="message">The message.</param>
    /// <param name="attributes">Optional attributes.</param>
    public static void Error(string message, IReadOnlyDictionary<string, string>? attributes = null) => Client?.Error(message, attributes);

    /// <summary>Sends a critical log (level 3).</summary>
    /// <param name="message">The message.</param>
    /// <param name="attributes">Optional attributes.</param>
    public static void Critical(string message, IReadOnlyDictionary<string, string>? attributes = null) => Client?.Critical(message, attributes);

    /// <summary>Sends a log at <paramref name="level"/>.</summary>
    /// <param name="level">The level.</param>
    /// <param name="message">The message.</param>
    /// <param name="attributes">Optional attributes.</param>
    public static void Log(LogFluxLevel level, string message, IReadOnlyDictionary<string, string>? attributes = null) => Client?.Log(level, message, attributes);

    /// <summary>Sends a counter sample.</summary>
    /// <param name="name">Metric name.</param>
    /// <param name="value">The increment.</param>
    /// <param name="attributes">Optional attributes.</param>
    /// <param name="unit">Optional unit.</param>
    public static void Counter(string name, double value = 1, IReadOnlyDictionary<string, string>? attributes = null, string? unit = null) => Client?.Counter(name, value, attributes, unit);

    /// <summary>Sends a gauge sample.</summary>
    /// <param name="name">Metric name.</param>
    /// <param name="value">The value.</param>
    /// <param name="attributes">Optional attributes.</param>
    /// <param name="unit">Optional unit.</param>
    public static void Gauge(string name, double value, IReadOnlyDictionary<string, string>? attributes = null, string? unit = null) => Client?.Gauge(name, value, attributes, unit);

    /// <summary>Sends a distribution observation.</summary>
    /// <param name="name">Metric name.</param>
    /// <param name="value">The value.</param>
    /// <param name="attributes">Optional attributes.</param>
    /// <param name="unit">Optional unit.</param>
    public static void Distribution(string name, double value, IReadOnlyDictionary<string, string>? attributes = null, string? unit = null) => Client?.Distribution(name, value, attributes, unit);

    /// <summary>Sends a named event.</summary>
    /// <param name="name">Event name.</param>
    /// <param name="attributes">Optional attributes.</param>
    public static void Event(string name, IReadOnlyDictionary<string, string>? attributes = null) => Client?.Event(name, attributes);

    /// <summary>Sends an audit record (never sampled).</summary>
    /// <param name="action">What was done.</param>
    /// <param name="actor">Who did it.</param>
    /// <param name="resource">Kind of resource.</param>
    /// <param name="resourceId">Identifier of the resource.</param>
    /// <param name="attributes">Optional attributes.</param>
    /// <param name="outcome">Outcome, <c>success</c> by default.</param>
    public static void Audit(string action, string actor, string resource, string resourceId, IReadOnlyDictionary<string, string>? attributes = null, string outcome = "success")
        => Client?.Audit(action, actor, resource, resourceId, attributes, outcome);

    /// <summary>Sends end-to-end encrypted device telemetry (type 6).</summary>
    /// <param name="deviceId">Device identifier.</param>
    /// <param name="readings">The readings.</param>
    /// <param name="attributes">Optional attributes.</param>
    public static void Telemetry(string deviceId, IEnumerable<TelemetryReading> readings, IReadOnlyDictionary<string, string>? attributes = null) => Client?.Telemetry(deviceId, readings, attributes);

    /// <summary>Sends managed device telemetry (type 7, gzip only).</summary>
    /// <param name="deviceId">Device identifier.</param>
    /// <param name="readings">The readings.</param>
    /// <param name="attributes">Optional attributes.</param>
    public static void TelemetryManaged(string deviceId, IEnumerable<TelemetryReading> readings, IReadOnlyDictionary<string, string>? attributes = null) => Client?.TelemetryManaged(deviceId, readings, attributes);

    /// <summary>Captures an exception as an error log.</summary>
    /// <param name="exception">The exception.</param>
    /// <param name="attributes">Optional attributes.</param>
    /// <param name="message">Optional custom message.</param>
    public static void CaptureError(Exception exception, IReadOnlyDictionary<string, string>? attributes = null, string? message = null) => Client?.CaptureError(exception, attributes, message);

    /// <summary>Adds a breadcrumb to the global client's ring.</summary>
    /// <param name="category">Category.</param>
    /// <param name="message">Short text.</param>
    /// <param name="data">Optional data.</param>
    /// <param name="level"><c>error</c>, <c>warning</c>, <c>info</c> or null.</param>
    public static void AddBreadcrumb(string? category, string message, IReadOnlyDictionary<string, string>? data = null, string? level = null) => Client?.AddBreadcrumb(category, message, data, level);

    /// <summary>Empties the global client's breadcrumb ring.</summary>
    public static void ClearBreadcrumbs() => Client?.ClearBreadcrumbs();

    /// <summary>Queues a ready-made entry (see <see cref="LogFluxClient.Enqueue(LogFluxEntry)"/>); false without a client.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>Whether it was accepted.</returns>
    public static bool Enqueue(LogFluxEntry entry) => Client?.Enqueue(entry) ?? false;

    /// <summary>Starts a span (see <see cref="LogFluxClient.StartSpan"/>). Without a client the span is inert: it has ids but sends nothing.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="name">The human description.</param>
    /// <param name="attributes">Optional attributes.</param>
    /// <returns>The span.</returns>
    public static LogFluxSpan StartSpan(string operation, string name, IReadOnlyDictionary<string, string>? attributes = null)
        => Client?.StartSpan(operation, name, attributes) ?? LogFluxSpan.Detached(operation, name);

    /// <summary>Continues an incoming trace (see <see cref="LogFluxClient.ContinueFromHeaders(Func{string, string?}, string, string)"/>).</summary>
    /// <param name="getHeader">Returns a request header by name.</param>
    /// <param name="operation">The operation.</param>
    /// <param name="name">The human description.</param>
    /// <returns>The span.</returns>
    public static LogFluxSpan ContinueFromHeaders(Func<string, string?> getHeader, string operation, string name)
        => Client?.ContinueFromHeaders(getHeader, operation, name) ?? LogFluxSpan.Detached(operation, name);

    /// <summary>Continues an incoming trace, header names matched case-insensitively.</summary>
    /// <param name="headers">The request headers.</param>
    /// <param name="operation">The operation.</param>
    /// <param name="name">The human description.</param>
    /// <returns>The span.</returns>
    public static LogFluxSpan ContinueFromHeaders(IEnumerable<KeyValuePair<string, string>> headers, string operation, string name)
        => Client?.ContinueFromHeaders(headers, operation, name) ?? LogFluxSpan.Detached(operation, name);

    /// <summary>The global client's current span in this flow, or null.</summary>
    public static LogFluxSpan? CurrentSpan => Client?.CurrentSpan;

    /// <summary>The <c>X-LogFlux-Trace</c> value for an outgoing request, or null.</summary>
    public static string? CurrentTraceHeader => LogFluxTraceContext.CurrentTraceHeader;

    /// <summary>Starts a scope (see <see cref="LogFluxClient.BeginScope"/>). Without a client the scope is inert.</summary>
    /// <returns>The scope.</returns>
    public static LogFluxScope BeginScope() => Client?.BeginScope() ?? new LogFluxScope(null, null, 1);

    /// <summary>Runs <paramref name="action"/> in a new scope.</summary>
    /// <param name="action">The work.</param>
    public static void WithScope(Action<LogFluxScope> action)
    {
        if (Client is { } client) client.WithScope(action);
        else action?.Invoke(new LogFluxScope(null, null, 1));
    }

    /// <summary>Runs <paramref name="action"/> in a new scope.</summary>
    /// <param name="action">The work.</param>
    /// <returns>The task of the work.</returns>
    public static Task WithScopeAsync(Func<LogFluxScope, Task> action)
    {
        if (Client is { } client) return client.WithScopeAsync(action);
        return action?.Invoke(new LogFluxScope(null, null, 1)) ?? Task.CompletedTask;
    }

    private static LogFluxClient? Detach()
    {
        lock (s_lock)
        {
            var client = s_client;
            Volatile.Write(ref s_client, null);
            return client;
        }
    }
}
