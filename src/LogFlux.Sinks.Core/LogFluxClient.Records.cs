using LogFlux.Sinks.Context;
using LogFlux.Sinks.Pipeline;
using LogFlux.Sinks.Records;

namespace LogFlux.Sinks;

public sealed partial class LogFluxClient
{
    /// <summary>
    /// Queues a log call captured by an adapter — the one entry point of the framework adapters. On the calling
    /// thread it captures the trace context (unless the adapter did), samples, attaches the current scope's
    /// attributes, records the automatic breadcrumb (rendered only if a snapshot is ever taken) and queues the
    /// record; the sender writes it. A record with an exception or helper markers, or any record while a
    /// before-send hook applies to logs or the durable buffer is on, becomes an entry at once and takes the path
    /// of <see cref="Enqueue(LogFluxEntry)"/>.
    /// </summary>
    /// <param name="record">The record.</param>
    /// <returns>True when the record was accepted into the queue.</returns>
    /// <exception cref="InvalidOperationException">Only with <see cref="LogFluxOptions.Failsafe"/> off: the client is closed.</exception>
    internal bool Enqueue(CapturedRecord record)
    {
        record?.CaptureTraceIfMissing();
        if (record is null || record.Exception is not null || _hooks.AppliesToLogs || _pipeline.StoresEntries || record.HelperKind is not null)
        {
            return Submit(Materialize(record), CurrentScope, _breadcrumbs, Origin.CapturedCall);
        }
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
            record.AttachScope(CurrentScope?.SnapshotAttributes());
            if (!_queue(new PendingEntry(record))) return false;
            if (LogFluxLevels.RecordsBreadcrumb(record.Level, _options.MinimumBreadcrumbLevel)) _breadcrumbs.Add(record);
            return true;
        }
        catch (Exception ex) when (ex is not InvalidOperationException || _options.Failsafe)
        {
            _pipeline.CountDrop(DropReasons.ValidationError);
            _diagnostics.Error("Could not queue an entry", ex);
            return false;
        }
    }

    private LogFluxEntry? Materialize(CapturedRecord? record)
    {
        if (record is null) return null;
        try
        {
            return RecordAttributes.ToEntry(record);
        }
        catch (Exception ex)
        {
            _diagnostics.Error("Could not convert a log event", ex);
            return null;
        }
    }
}
