namespace LogFlux.Sinks;

/// <summary>
/// LogFlux severity levels (syslog scale). A lower number is more severe.
/// </summary>
public enum LogFluxLevel
{
    /// <summary>System is unusable (1).</summary>
    Emergency = 1,
    /// <summary>Action must be taken immediately (2).</summary>
    Alert = 2,
    /// <summary>Critical conditions (3).</summary>
    Critical = 3,
    /// <summary>Error conditions (4).</summary>
    Error = 4,
    /// <summary>Warning conditions (5).</summary>
    Warning = 5,
    /// <summary>Normal but significant condition (6).</summary>
    Notice = 6,
    /// <summary>Informational messages (7).</summary>
    Info = 7,
    /// <summary>Debug-level messages (8).</summary>
    Debug = 8,
}
