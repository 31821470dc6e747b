using System.Globalization;
using System.Text;
using OpenTelemetry.Metrics;

namespace LogFlux.OpenTelemetry.Mapping;

/// <summary>
/// OpenTelemetry metric points as LogFlux metric entries (entry type 2), one entry per point and export, timestamped
/// at the end of the point's interval, with the instrument's unit and the point's tags as attributes:
/// <list type="bullet">
/// <item>Counter / ObservableCounter (a monotonic sum, delta temporality) → <c>counter</c> with the increase since the
/// previous export, so LogFlux can add the entries up without counting anything twice;</item>
/// <item>UpDownCounter / ObservableUpDownCounter (a non-monotonic sum, always cumulative) and Gauge / ObservableGauge →
/// <c>gauge</c> with the current value;</item>
/// <item>Histogram → <c>distribution</c> (see <see cref="AddHistogram"/>); a point without observations in the
/// interval is not sent.</item>
/// </list>
/// </summary>
internal static class MetricMapper
{
    public const string CountAttribute = "histogram.count";
    public const string SumAttribute = "histogram.sum";
    public const string MinAttribute = "histogram.min";
    public const string MaxAttribute = "histogram.max";
    public const string BucketsAttribute = "histogram.buckets";

    /// <summary>Maps every point of <paramref name="metric"/>, handing each entry to <paramref name="send"/>; returns the number of points that could not be mapped.</summary>
    public static int Map(Metric metric, string? source, Action<MetricEntry> send)
    {
        var failed = 0;
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            try
            {
                if (ToEntry(metric, in point, source) is { } entry) send(entry);
            }
            catch (Exception ex)
            {
                failed++;
                Exporters.ExporterEventSource.Log.ItemFailed("metric", ex);
            }
        }
        return failed;
    }

    public static MetricEntry? ToEntry(Metric metric, in MetricPoint point, string? source)
    {
        MetricEntry entry;
        var time = point.EndTime;
        switch (metric.MetricType)
        {
            case MetricType.LongSum:
                entry = new MetricEntry(metric.Name, point.GetSumLong(), MetricKind.Counter, time);
                break;
            case MetricType.DoubleSum:
                entry = new MetricEntry(metric.Name, point.GetSumDouble(), MetricKind.Counter, time);
                break;
            case MetricType.LongSumNonMonotonic:
                entry = new MetricEntry(metric.Name, point.GetSumLong(), MetricKind.Gauge, time);
                break;
            case MetricType.DoubleSumNonMonotonic:
                entry = new MetricEntry(metric.Name, point.GetSumDouble(), MetricKind.Gauge, time);
                break;
            case MetricType.LongGauge:
                entry = new MetricEntry(metric.Name, point.GetGaugeLastValueLong(), MetricKind.Gauge, time);
                break;
            case MetricType.DoubleGauge:
                entry = new MetricEntry(metric.Name, point.GetGaugeLastValueDouble(), MetricKind.Gauge, time);
                break;
            case MetricType.Histogram:
            case MetricType.ExponentialHistogram:
                var count = point.GetHistogramCount();
                if (count <= 0) return null;
                entry = new MetricEntry(metric.Name, point.GetHistogramSum() / count, MetricKind.Distribution, time);
                entry.Attributes = TagAttributes.NewMap();
                AddHistogram(entry.Attributes, metric.MetricType, in point, count);
                break;
            default:
                return null;
        }
        entry.Source = source;
        entry.Unit = string.IsNullOrEmpty(metric.Unit) ? null : metric.Unit;
        var attributes = entry.Attributes ?? TagAttributes.NewMap();
        foreach (var tag in point.Tags) TagAttributes.Add(attributes, tag.Key, tag.Value);
        entry.Attributes = attributes.Count > 0 ? attributes : null;
        return entry;
    }

    /// <summary>
    /// A LogFlux metric entry holds one number, so a histogram point becomes one <c>distribution</c> entry whose value
    /// is the mean of the interval's observations (sum ÷ count, in the instrument's unit) and whose attributes carry the
    /// rest: <c>histogram.count</c> and <c>histogram.sum</c> (exact totals: add them up across entries for any longer
    /// window), <c>histogram.min</c> and <c>histogram.max</c> (when the SDK records them), and for explicit-bucket
    /// histograms <c>histogram.buckets</c>: the non-empty buckets as <c>upper bound:count</c> pairs joined by commas, the
    /// last bound <c>+Inf</c> (so percentiles can be estimated). Exponential histograms send no buckets.
    /// </summary>
    private static void AddHistogram(Dictionary<string, string> attributes, MetricType type, in MetricPoint point, long count)
    {
        var invariant = CultureInfo.InvariantCulture;
        attributes[CountAttribute] = count.ToString(invariant);
        attributes[SumAttribute] = point.GetHistogramSum().ToString("R", invariant);
        if (point.TryGetHistogramMinMaxValues(out var min, out var max))
        {
            attributes[MinAttribute] = min.ToString("R", invariant);
            attributes[MaxAttribute] = max.ToString("R", invariant);
        }
        if (type != MetricType.Histogram) return;
        var buckets = new StringBuilder();
        foreach (var bucket in point.GetHistogramBuckets())
        {
            if (bucket.BucketCount == 0) continue;
            if (buckets.Length > 0) buckets.Append(',');
            if (double.IsPositiveInfinity(bucket.ExplicitBound)) buckets.Append("+Inf");
            else buckets.Append(bucket.ExplicitBound.ToString("R", invariant));
            buckets.Append(':').Append(bucket.BucketCount.ToString(invariant));
        }
        if (buckets.Length > 0) attributes[BucketsAttribute] = buckets.ToString();
    }
}
