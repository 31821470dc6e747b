using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using LogFlux.Sinks.Context;
using LogFlux.Sinks.Pipeline;
using LogFlux.Sinks.Protocol;
using LogFlux.Sinks.Records;

namespace LogFlux.Sinks;

public sealed partial class LogFluxClient
{
    /// <summary>How an entry entered the client; decides breadcrumbs and sampling.</summary>
    private enum Origin
    {
        /// <summary>A send method or <see cref="Enqueue(LogFluxEntry)"/>.</summary>
        Call,
        /// <summary>An adapter's entry whose trace context was captured where it was logged.</summary>
        CapturedCall,
        /// <summary>An error capture: no automatic breadcrumb of its own.</summary>
        ErrorCapture,
        /// <summary>A span whose trace was already sampled in.</summary>
        SampledSpan,
    }

    /// <summary>
    /// Queues a ready-made entry — the entry point of the framework adapters. On the calling thread it adds
    /// the current scope's attributes (the entry's own attributes win), the current trace and span id to
    /// logs, events and audit records that have none, validates, samples (audit never; spans per trace),
    /// runs the before-send hooks, records the automatic breadcrumb and attaches the breadcrumb snapshot to a
    /// log entry with <see cref="LogEntry.Error"/> set. The entry must not be changed afterwards.
    /// </summary>
    /// <param name="entry">The entry.</param>
    /// <returns>True when the entry was accepted into the queue.</returns>
    /// <exception cref="InvalidOperationException">Only with <see cref="LogFluxOptions.Failsafe"/> off: the client is closed or the entry is invalid.</exception>
    public bool Enqueue(LogFluxEntry entry) => Submit(entry, CurrentScope, _breadcrumbs, Origin.Call);

    /// <summary>
    /// Queues a ready-made entry like <see cref="Enqueue(LogFluxEntry)"/>, but without adding the calling flow's
    /// trace and span id: for an adapter that captured the trace context (or its absence) where the event was
    /// logged and hands the entry over on another thread, such as behind an asynchronous wrapper.
    /// </summary>
    /// <param name="entry">The entry, carrying the trace context captured where it was logged (if any).</param>
    /// <returns>True when the entry was accepted into the queue.</returns>
    /// <exception cref="InvalidOperationException">Only with <see cref="LogFluxOptions.Failsafe"/> off: the client is closed or the entry is invalid.</exception>
    internal bool EnqueueCaptured(LogFluxEntry entry) => Submit(entry, CurrentScope, _breadcrumbs, Origin.CapturedCall);

    private bool Submit(LogFluxEntry? entry, LogFluxScope? scope, BreadcrumbRing ring, Origin origin)
    {
        string? refusal = null;
        try
        {
            if (entry is null)
            {
                refusal = "The entry is null.";
                _pipeline.CountDrop(DropReasons.ValidationError);
                _diagnostics.Warn("Dropped a null entry");
            }
            else if (IsClosed)
            {
                refusal = "The LogFlux client is closed.";
                _pipeline.CountDrop(DropReasons.Closed);
            }
            else
            {
                var accepted = SubmitCore(entry, scope, ring, origin, out refusal);
                if (refusal is null) return accepted;
            }
        }
        catch (Exception ex)
        {
            _pipeline.CountDrop(DropReasons.ValidationError);
            _diagnostics.Error("Could not queue an entry", ex);
        }
        if (refusal is not null && !_options.Failsafe) throw new InvalidOperationException(refusal);
        return false;
    }

    private bool SubmitCore(LogFluxEntry entry, LogFluxScope? scope, BreadcrumbRing ring, Origin origin, out string? refusal)
    {
        refusal = null;
        var eventData = entry is EventEntry ? CopyOrNull(entry.Attributes) : null;
        scope?.ApplyTo(entry);
        if (origin != Origin.CapturedCall && entry.EntryType is LogFluxEntryType.Log or LogFluxEntryType.Event or LogFluxEntryType.Audit)
        {
            AddTraceIds(entry);
        }

        var invalid = EntryValidator.Validate(entry);
        if (invalid is not null)
        {
            refusal = "Invalid LogFlux entry: " + invalid;
            _pipeline.CountDrop(DropReasons.ValidationError);
            _diagnostics.Warn($"Dropped an invalid {entry.EntryType} entry: {invalid}");
            return false;
        }

        if (!IsSampledIn(entry, origin))
        {
            _pipeline.CountSampledOut();
            return false;
        }

        if (entry is LogEntry { Error: { Breadcrumbs.Count: 0 } error }) ring.CopyTo(error.Breadcrumbs);

        PendingEntry pending;
        if (_hooks.AppliesTo(entry))
        {
            var payload = RunHooks(entry);
            if (payload is null) return false;
            pending = payload;
        }
        else
        {
            pending = new PendingEntry(entry, EntrySizeEstimate.Of(entry));
        }

        if (!_queue(pending)) return false;
        if (origin is Origin.Call or Origin.CapturedCall) AddAutomaticBreadcrumb(entry, ring, eventData);
        return true;
    }

    private bool IsSampledIn(LogFluxEntry entry, Origin origin) => origin switch
    {
        Origin.SampledSpan => true,
        _ when entry is SpanEntry span => Sampler.ShouldSampleTrace(span.TraceId),
        _ => Sampler.ShouldSample(entry.EntryType),
    };

    private static void AddTraceIds(LogFluxEntry entry)
    {
        if (entry.Attributes is { } attributes && attributes.ContainsKey(Records.RecordAttributes.TraceId)) return;
        CapturedTrace.Current().ApplyTo(entry);
    }

    private PendingEntry? RunHooks(LogFluxEntry entry)
    {
        var payload = _hooks.Run(entry, EntryJsonWriter.ToJsonObject(entry, _context), out var hookName, out var failure);
        if (payload is null)
        {
            _pipeline.CountDrop(DropReasons.BeforeSend);
            if (failure is not null) _diagnostics.Warn($"The {hookName} hook threw; the {entry.EntryType} entry was dropped", failure);
            else _diagnostics.Debug($"The {hookName} hook dropped a {entry.EntryType} entry");
            return null;
        }
        return new PendingEntry(entry.EntryType, LevelOf(payload, entry.Level), entry.Timestamp, ToUtf8(payload));
    }

    private static LogFluxLevel LevelOf(JsonObject payload, LogFluxLevel fallback)
    {
        if (payload["level"] is JsonValue value && value.TryGetValue(out int level) && level is >= 1 and <= 8)
        {
            return (LogFluxLevel)level;
        }
        return fallback;
    }

    private static byte[] ToUtf8(JsonObject payload)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            payload.WriteTo(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private void AddAutomaticBreadcrumb(LogFluxEntry entry, BreadcrumbRing ring, Dictionary<string, string>? eventData)
    {
        switch (entry)
        {
            case LogEntry log when LogFluxLevels.RecordsBreadcrumb(log.Level, _options.MinimumBreadcrumbLevel):
                ring.Add(new Breadcrumb(log.Timestamp, "log", log.Message, LogFluxLevels.BreadcrumbLevel(log.Level)));
                break;
            case EventEntry e:
                ring.Add(new Breadcrumb(e.Timestamp, "event", e.Name, level: null, eventData));
                break;
        }
    }

    internal static Dictionary<string, string>? CopyOrNull(IEnumerable<KeyValuePair<string, string>>? attributes)
    {
        if (attributes is null) return null;
        Dictionary<string, string>? copy = null;
        try
        {
            foreach (var pair in attributes)
            {
                if (pair.Key is null || pair.Value is null) continue;
                (copy ??= new Dictionary<string, string>(StringComparer.Ordinal))[pair.Key] = pair.Value;
            }
        }
        catch (Exception)
        {
            // A caller's collection that fails while being read keeps what was read.
        }
        return copy;
    }
}
