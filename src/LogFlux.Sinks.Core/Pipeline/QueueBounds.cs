using System.Globalization;
using LogFlux.Sinks.Context;

namespace LogFlux.Sinks.Pipeline;

/// <summary>
/// Says which of the queue's two bounds (<see cref="LogFluxOptions.QueueSize"/> entries,
/// <see cref="LogFluxOptions.QueueMaxBytes"/> estimated bytes) refused or evicted an entry, and which option raises it.
/// </summary>
internal static class QueueBounds
{
    /// <summary>The estimated size of the smallest log entry (a one-character message, no attributes).</summary>
    public static readonly int SmallestEntryBytes =
        EntrySizeEstimate.Of(new LogEntry(LogFluxLevel.Info, "x", DateTimeOffset.UnixEpoch));

    /// <summary>The diagnostic for a full queue, naming the bound that was reached.</summary>
    /// <param name="count">Entries queued.</param>
    /// <param name="capacity">The entry bound.</param>
    /// <param name="bytes">Estimated bytes queued.</param>
    /// <param name="capacityBytes">The byte bound.</param>
    /// <param name="entryBytes">Estimated size of the entry that did not fit.</param>
    public static string DescribeFull(int count, int capacity, long bytes, long capacityBytes, int entryBytes)
    {
        var c = CultureInfo.InvariantCulture;
        if (entryBytes > capacityBytes)
            return string.Create(c, $"An entry of about {entryBytes} bytes is larger than the whole queue (QueueMaxBytes = {capacityBytes}); it is dropped as queue_overflow. Raise QueueMaxBytes to queue entries this large.");
        if (count + 1 > capacity)
            return string.Create(c, $"The queue is full by count: it holds QueueSize = {capacity} entries ({bytes} of {capacityBytes} bytes used); new entries are dropped as queue_overflow, lower-priority ones first. Raise QueueSize to queue more.");
        return string.Create(c, $"The queue is full by bytes: {count} of QueueSize = {capacity} entries use {bytes} of QueueMaxBytes = {capacityBytes} estimated bytes; new entries are dropped as queue_overflow, lower-priority ones first. Raise QueueMaxBytes to queue more.");
    }

    /// <summary>
    /// A warning when <paramref name="capacity"/> entries cannot fit <paramref name="capacityBytes"/> even if every
    /// entry were the smallest possible one; null when the entry bound can be reached.
    /// </summary>
    public static string? DescribeUnreachable(int capacity, long capacityBytes)
    {
        var needed = (long)capacity * SmallestEntryBytes;
        if (needed <= capacityBytes) return null;
        var fits = capacityBytes / SmallestEntryBytes;
        return string.Create(CultureInfo.InvariantCulture,
            $"QueueSize = {capacity} cannot be reached: QueueMaxBytes = {capacityBytes} holds at most about {fits} entries " +
            $"(about {SmallestEntryBytes} estimated bytes for even the shortest log line, more for real ones), so the byte bound " +
            $"drops entries first. Raise QueueMaxBytes to at least {needed} (more for larger entries) or lower QueueSize.");
    }
}
