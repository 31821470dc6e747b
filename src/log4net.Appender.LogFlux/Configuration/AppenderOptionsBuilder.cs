using LogFlux.Sinks;

namespace log4net.Appender.LogFlux.Configuration;

/// <summary>
/// Turns the appender's configured strings into <see cref="LogFluxOptions"/>. Only configured values are set,
/// so the options' explicit-set tracking stays right and the <c>LOGFLUX_*</c> environment fills the rest.
/// </summary>
internal static class AppenderOptionsBuilder
{
    public static LogFluxOptions Build(LogFluxAppender a, OptionValueParser p)
    {
        var o = new LogFluxOptions();
        if (!OptionValueParser.IsUnset(a.ApiKey)) o.ApiKey = a.ApiKey!.Trim();
        if (!OptionValueParser.IsUnset(a.Source)) o.Source = a.Source;
        if (!OptionValueParser.IsUnset(a.Environment)) o.Environment = a.Environment;
        if (!OptionValueParser.IsUnset(a.Release)) o.Release = a.Release;
        if (!OptionValueParser.IsUnset(a.Node)) o.Node = a.Node;
        if (!OptionValueParser.IsUnset(a.LogGroup)) o.LogGroup = a.LogGroup;
        if (!OptionValueParser.IsUnset(a.CustomEndpointUrl)) o.CustomEndpointUrl = a.CustomEndpointUrl!.Trim();
        if (!OptionValueParser.IsUnset(a.Zone)) o.Zone = a.Zone!.Trim();
        if (!OptionValueParser.IsUnset(a.KeyPersistencePath)) o.KeyPersistencePath = a.KeyPersistencePath;
        if (!OptionValueParser.IsUnset(a.ServerKeyFingerprint)) o.ServerKeyFingerprint = a.ServerKeyFingerprint!.Trim();
        if (!OptionValueParser.IsUnset(a.ProxyAddress)) o.ProxyAddress = a.ProxyAddress!.Trim();
        if (!OptionValueParser.IsUnset(a.BufferPath)) o.BufferPath = a.BufferPath;

        if (p.TryInt(nameof(a.QueueSize), a.QueueSize, 1, out var queueSize)) o.QueueSize = queueSize;
        if (p.TryLong(nameof(a.QueueMaxBytes), a.QueueMaxBytes, 1, out var queueBytes)) o.QueueMaxBytes = queueBytes;
        if (p.TryInt(nameof(a.BatchSize), a.BatchSize, 1, out var batchSize)) o.BatchSize = batchSize;
        if (p.TryDuration(nameof(a.FlushInterval), a.FlushInterval, out var flushInterval)) o.FlushInterval = flushInterval;
        if (p.TryInt(nameof(a.WorkerCount), a.WorkerCount, 1, out var workers)) o.WorkerCount = workers;
        if (p.TryInt(nameof(a.MaxRetries), a.MaxRetries, 0, out var retries)) o.MaxRetries = retries;
        if (p.TryDuration(nameof(a.InitialDelay), a.InitialDelay, out var initialDelay)) o.InitialDelay = initialDelay;
        if (p.TryDuration(nameof(a.MaxDelay), a.MaxDelay, out var maxDelay)) o.MaxDelay = maxDelay;
        if (p.TryDouble(nameof(a.BackoffFactor), a.BackoffFactor, out var factor)) o.BackoffFactor = factor;
        if (p.TryDuration(nameof(a.HttpTimeout), a.HttpTimeout, out var httpTimeout)) o.HttpTimeout = httpTimeout;
        if (p.TryBool(nameof(a.Failsafe), a.Failsafe, out var failsafe)) o.Failsafe = failsafe;
        if (p.TryBool(nameof(a.EnableCompression), a.EnableCompression, out var compression)) o.EnableCompression = compression;
        if (p.TryDouble(nameof(a.SampleRate), a.SampleRate, out var sampleRate)) o.SampleRate = sampleRate;
        if (p.TryInt(nameof(a.MaxBreadcrumbs), a.MaxBreadcrumbs, 0, out var breadcrumbs)) o.MaxBreadcrumbs = breadcrumbs;
        if (p.TryLevel(nameof(a.MinimumBreadcrumbLevel), a.MinimumBreadcrumbLevel, out var breadcrumbLevel)) o.MinimumBreadcrumbLevel = breadcrumbLevel;
        if (p.TryBool(nameof(a.Debug), a.Debug, out var debug)) o.Debug = debug;
        if (p.TryBool(nameof(a.KeyPersistence), a.KeyPersistence, out var persistence)) o.KeyPersistence = persistence;
        if (p.TryInt(nameof(a.KeyRotationDays), a.KeyRotationDays, 0, out var rotation)) o.KeyRotationDays = rotation;
        if (p.TryDuration(nameof(a.ShutdownTimeout), a.ShutdownTimeout, out var shutdown)) o.ShutdownTimeout = shutdown;
        if (p.TryBool(nameof(a.AllowInsecureTransport), a.AllowInsecureTransport, out var insecure)) o.AllowInsecureTransport = insecure;
        if (p.TryDuration(nameof(a.DiagnosticsInterval), a.DiagnosticsInterval, out var diagnostics)) o.DiagnosticsInterval = diagnostics;
        if (p.TryLong(nameof(a.BufferMaxBytes), a.BufferMaxBytes, 1, out var bufferBytes)) o.BufferMaxBytes = bufferBytes;
        return o;
    }
}
