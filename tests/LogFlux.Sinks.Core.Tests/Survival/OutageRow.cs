using System.Globalization;

namespace LogFlux.Sinks.Core.Tests.Survival;

/// <summary>One child's figures after the outage, as a row of the report table.</summary>
internal sealed record OutageRow(string Mode, bool Buffered, int Logged, int Delivered, int Duplicated, ChildStats? Stats)
{
    public const string Header = "mode      buffer  logged delivered dropped duplicated uncounted  peak/bound bytes        dropped by reason";

    public static OutageRow Of(string mode, bool buffered, ChildRun run, DeliveredMessages delivered) =>
        new(mode, buffered, run.Written, delivered.Count, delivered.Duplicated, run.Stats);

    private long Dropped => Stats?.Dropped ?? -1;

    private long DeliveryUnknown => Math.Max(0, Stats?.DeliveryUnknown ?? 0);

    /// <summary>Entries that did not arrive and are counted neither as dropped nor as delivery unknown.</summary>
    public long Uncounted => Math.Max(0, Logged - Delivered - Math.Max(0, Dropped) - DeliveryUnknown);

    /// <summary>Entries both delivered and counted as dropped (a dropped entry must never have been stored).</summary>
    public long Overcounted => Math.Max(0, Delivered + Math.Max(0, Dropped) - Logged);

    public string Line
    {
        get
        {
            var c = CultureInfo.InvariantCulture;
            var buffer = Stats is null ? "(no stats)" : Stats.BufferCapacityBytes <= 0 ? "-" : $"{Stats.BufferPeakBytes}/{Stats.BufferCapacityBytes}";
            var reasons = Stats is null ? "(no stats)" : Stats.Reasons.Length == 0 ? "-" : Stats.Reasons;
            return string.Create(c,
                $"{Mode,-9} {(Buffered ? "on" : "off"),-6} {Logged,7} {Delivered,9} {Dropped,7} {Duplicated,10} {Uncounted,9}  {buffer,-22} {reasons}");
        }
    }
}
