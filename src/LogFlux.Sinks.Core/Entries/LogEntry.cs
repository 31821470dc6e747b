namespace LogFlux.Sinks;

/// <summary>A log line (entry type 1). With <see cref="Error"/> set it is an error capture.</summary>
public sealed class LogEntry : LogFluxEntry
{
    /// <summary>Creates a log entry.</summary>
    /// <param name="level">Severity.</param>
    /// <param name="message">The rendered message.</param>
    /// <param name="timestamp">When the event happened.</param>
    public LogEntry(LogFluxLevel level, string message, DateTimeOffset timestamp)
        : base(LogFluxEntryType.Log, level, timestamp)
    {
        Message = message;
    }

    /// <summary>The rendered message.</summary>
    public string Message { get; set; }

    /// <summary>The logger or category name (Serilog SourceContext, NLog/log4net logger name).</summary>
    public string? Logger { get; set; }

    /// <summary>Error details when the entry captures an exception.</summary>
    public ErrorDetails? Error { get; set; }
}
