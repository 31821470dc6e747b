namespace LogFlux.Sinks.Pipeline;

/// <summary>The options the pipeline uses, with out-of-range values replaced by their defaults so that a bad value can never stall or spin it.</summary>
internal sealed record PipelineSettings(
    int QueueSize,
    long QueueMaxBytes,
    int BatchSize,
    TimeSpan FlushInterval,
    int WorkerCount,
    int MaxRetries,
    TimeSpan InitialDelay,
    TimeSpan MaxDelay,
    double BackoffFactor,
    TimeSpan DiagnosticsInterval,
    TimeSpan ShutdownTimeout)
{
    public static PipelineSettings From(LogFluxOptions options) => new(
        QueueSize: Math.Max(1, options.QueueSize),
        QueueMaxBytes: Math.Max(1, options.QueueMaxBytes),
        BatchSize: Math.Max(1, options.BatchSize),
        FlushInterval: Positive(options.FlushInterval, TimeSpan.FromSeconds(5)),
        WorkerCount: Math.Clamp(options.WorkerCount, 1, 64),
        MaxRetries: Math.Max(0, options.MaxRetries),
        InitialDelay: Positive(options.InitialDelay, TimeSpan.FromSeconds(1)),
        MaxDelay: Positive(options.MaxDelay, TimeSpan.FromSeconds(30)),
        BackoffFactor: options.BackoffFactor > 1 && double.IsFinite(options.BackoffFactor) ? options.BackoffFactor : 2.0,
        DiagnosticsInterval: Positive(options.DiagnosticsInterval, TimeSpan.FromSeconds(10)),
        ShutdownTimeout: Positive(options.ShutdownTimeout, TimeSpan.FromSeconds(10)));

    /// <summary>Longest single wait; keeps every timer within what <see cref="Task.Delay(TimeSpan)"/> accepts.</summary>
    private static readonly TimeSpan s_longest = TimeSpan.FromDays(1);

    private static TimeSpan Positive(TimeSpan value, TimeSpan fallback) =>
        value <= TimeSpan.Zero ? fallback : value > s_longest ? s_longest : value;
}
