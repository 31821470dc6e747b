using LogFlux.Sinks.Adapters;
using LogFlux.Sinks.Context;
using LogFlux.Sinks.Pipeline;

namespace LogFlux.Sinks;

public sealed partial class LogFluxClient
{
    /// <summary>
    /// Queues a log entry that is converted on the sender instead of the calling thread — the fast path of the
    /// framework adapters. On the calling thread it only samples, captures the current scope's attributes and
    /// (unless the entry has its own) the trace context, records the automatic breadcrumb (rendered only if a
    /// snapshot is ever taken) and queues. When a before-send hook applies to logs or the durable buffer is on,
    /// the entry is converted at once and takes the path of <see cref="Enqueue(LogFluxEntry)"/>.
    /// </summary>
    /// <param name="entry">The entry.</param>
    /// <returns>True when the entry was accepted into the queue.</returns>
    /// <exception cref="InvalidOperationException">Only with <see cref="LogFluxOptions.Failsafe"/> off: the client is closed.</exception>
    public bool Enqueue(DeferredLogEntry entry)
    {
        if (entry is null || _hooks.AppliesToLogs || _pipeline.StoresEntries) return Submit(Materialize(entry), CurrentScope, _breadcrumbs, Origin.Call);
        try
        {
            if (IsClosed)
            {
                _pipeline.CountDrop(DropReasons.Closed);
                if (!_options.Failsafe) throw new InvalidOperationException("The LogFlux client is closed.");
                return false;
            }
            if (!Sampler.ShouldSample(LogFluxEntryType.Log))
            {
                _pipeline.CountSampledOut();
                return false;
            }
            var trace = entry.HasTraceContext ? default : CapturedTrace.Current();
            if (!_queue(new PendingEntry(entry, CurrentScope?.SnapshotAttributes(), trace))) return false;
            if (LogFluxLevels.RecordsBreadcrumb(entry.Level, _options.MinimumBreadcrumbLevel)) _breadcrumbs.Add(entry);
            return true;
        }
        catch (Exception ex) when (ex is not InvalidOperationException || _options.Failsafe)
        {
            _pipeline.CountDrop(DropReasons.ValidationError);
            _diagnostics.Error("Could not queue an entry", ex);
            return false;
        }
    }

    private LogEntry? Materialize(DeferredLogEntry? entry)
    {
        if (entry is null) return null;
        try
        {
            return entry.ToLogEntry();
        }
        catch (Exception ex)
        {
            _diagnostics.Error("Could not convert a log event", ex);
            return null;
        }
    }
}
