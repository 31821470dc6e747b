using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace LogFlux.Sinks.Benchmarks;

/// <summary>
/// A short default job (1 launch, 3 warm-up and 7 measured iterations of about 250 ms) so that the whole
/// suite runs in minutes on a 2-core machine; medians and min–max are shown because the machine is shared.
/// In-process runs skip building a generated project (useful when the machine is busy).
/// </summary>
public sealed class ModestConfig : ManualConfig
{
    public ModestConfig(bool inProcess = false)
    {
        var job = Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(7)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
            .WithId(inProcess ? "ModestInProcess" : "Modest");
        if (inProcess) job = job.WithToolchain(InProcessEmitToolchain.Instance);
        AddJob(job);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max);
        AddColumnProvider(DefaultColumnProviders.Instance);
        AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default);
        AddExporter(BenchmarkDotNet.Exporters.MarkdownExporter.GitHub);
        WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend));
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}
