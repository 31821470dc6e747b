using System.Globalization;

namespace LogFlux.Sinks.Core.Tests.Survival;

/// <summary>
/// The child's final line, <c>stats dropped=.. reasons=.. buffer_peak_bytes=.. buffer_capacity_bytes=.. buffered=..
/// sent=.. unknown=.. resent_ambiguous=.. closed=..</c>, printed once its client is closed. Missing numbers read as -1.
/// </summary>
internal sealed record ChildStats(
    long Dropped,
    string Reasons,
    long BufferPeakBytes,
    long BufferCapacityBytes,
    long Sent,
    long DeliveryUnknown,
    long ResentAfterAmbiguousFailure,
    bool Closed)
{
    public static ChildStats? TryParse(string line)
    {
        if (!line.StartsWith("stats ", StringComparison.Ordinal)) return null;
        var fields = line[6..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        long Number(string name) => fields.TryGetValue(name, out var v) && long.TryParse(v, CultureInfo.InvariantCulture, out var n) ? n : -1;
        return new ChildStats(
            Number("dropped"),
            fields.GetValueOrDefault("reasons", ""),
            Number("buffer_peak_bytes"),
            Number("buffer_capacity_bytes"),
            Number("sent"),
            Number("unknown"),
            Number("resent_ambiguous"),
            fields.GetValueOrDefault("closed") == "true");
    }
}
