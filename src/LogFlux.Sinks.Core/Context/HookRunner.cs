using System.Text.Json.Nodes;

namespace LogFlux.Sinks.Context;

/// <summary>
/// Runs the before-send hooks of docs/protocol.md#before-send-hooks on the JSON object model of a payload: the per-type hook
/// first, then the global one. Either returning null drops the entry.
/// </summary>
internal sealed class HookRunner
{
    private readonly Func<JsonObject, JsonObject?>? _global;
    private readonly Func<JsonObject, JsonObject?>? _log;
    private readonly Func<JsonObject, JsonObject?>? _error;
    private readonly Func<JsonObject, JsonObject?>? _metric;
    private readonly Func<JsonObject, JsonObject?>? _event;
    private readonly Func<JsonObject, JsonObject?>? _audit;
    private readonly Func<JsonObject, JsonObject?>? _trace;
    private readonly Func<JsonObject, JsonObject?>? _telemetry;

    public HookRunner(LogFluxOptions options)
    {
        _global = options.BeforeSend;
        _log = options.BeforeSendLog;
        _error = options.BeforeSendError;
        _metric = options.BeforeSendMetric;
        _event = options.BeforeSendEvent;
        _audit = options.BeforeSendAudit;
        _trace = options.BeforeSendTrace;
        _telemetry = options.BeforeSendTelemetry;
    }

    /// <summary>True when a hook runs for plain (non-error) log entries.</summary>
    public bool AppliesToLogs => _global is not null || _log is not null;

    /// <summary>True when any hook applies to <paramref name="entry"/> (only then is the JSON object built).</summary>
    public bool AppliesTo(LogFluxEntry entry) => _global is not null || PerType(entry) is not null;

    /// <summary>
    /// Runs the hooks. Returns the payload to send, or null to drop. A hook that throws drops the entry:
    /// <paramref name="failure"/> then holds the exception and <paramref name="hookName"/> the hook.
    /// </summary>
    public JsonObject? Run(LogFluxEntry entry, JsonObject payload, out string? hookName, out Exception? failure)
    {
        failure = null;
        hookName = null;
        var perType = PerType(entry);
        JsonObject? current = payload;
        if (perType is not null)
        {
            hookName = PerTypeName(entry);
            if (!TryRun(perType, current, out current, out failure) || current is null) return null;
        }
        if (_global is not null)
        {
            hookName = nameof(LogFluxOptions.BeforeSend);
            if (!TryRun(_global, current, out current, out failure)) return null;
        }
        return current;
    }

    private static bool TryRun(Func<JsonObject, JsonObject?> hook, JsonObject input, out JsonObject? output, out Exception? failure)
    {
        try
        {
            output = hook(input);
            failure = null;
            return true;
        }
        catch (Exception ex)
        {
            output = null;
            failure = ex;
            return false;
        }
    }

    private Func<JsonObject, JsonObject?>? PerType(LogFluxEntry entry) => entry.EntryType switch
    {
        LogFluxEntryType.Log => entry is LogEntry { Error: not null } ? _error : _log,
        LogFluxEntryType.Metric => _metric,
        LogFluxEntryType.Trace => _trace,
        LogFluxEntryType.Event => _event,
        LogFluxEntryType.Audit => _audit,
        LogFluxEntryType.Telemetry or LogFluxEntryType.TelemetryManaged => _telemetry,
        _ => null,
    };

    private static string PerTypeName(LogFluxEntry entry) => entry.EntryType switch
    {
        LogFluxEntryType.Log => entry is LogEntry { Error: not null } ? nameof(LogFluxOptions.BeforeSendError) : nameof(LogFluxOptions.BeforeSendLog),
        LogFluxEntryType.Metric => nameof(LogFluxOptions.BeforeSendMetric),
        LogFluxEntryType.Trace => nameof(LogFluxOptions.BeforeSendTrace),
        LogFluxEntryType.Event => nameof(LogFluxOptions.BeforeSendEvent),
        LogFluxEntryType.Audit => nameof(LogFluxOptions.BeforeSendAudit),
        _ => nameof(LogFluxOptions.BeforeSendTelemetry),
    };
}
