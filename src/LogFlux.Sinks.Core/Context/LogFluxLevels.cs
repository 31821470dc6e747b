namespace LogFlux.Sinks;

/// <summary>Level helpers shared by the framework adapters (PROTOCOL 7.1 and 6.10).</summary>
public static class LogFluxLevels
{
    /// <summary>The breadcrumb level of a LogFlux level: <c>error</c> for 1–4, <c>warning</c> for 5, <c>info</c> otherwise.</summary>
    /// <param name="level">The level.</param>
    /// <returns><c>error</c>, <c>warning</c> or <c>info</c>.</returns>
    public static string BreadcrumbLevel(LogFluxLevel level) => level switch
    {
        <= LogFluxLevel.Error => "error",
        LogFluxLevel.Warning => "warning",
        _ => "info",
    };

    /// <summary>True for a level that feeds the breadcrumb ring automatically: 1–7 and at least as severe as <paramref name="minimum"/>.</summary>
    /// <param name="level">The entry's level.</param>
    /// <param name="minimum">The configured <see cref="LogFluxOptions.MinimumBreadcrumbLevel"/>.</param>
    /// <returns>Whether a breadcrumb is recorded.</returns>
    public static bool RecordsBreadcrumb(LogFluxLevel level, LogFluxLevel minimum)
        => level is >= LogFluxLevel.Emergency and <= LogFluxLevel.Info && level <= minimum;

    /// <summary>True for a valid level (1–8).</summary>
    /// <param name="level">The level.</param>
    /// <returns>Whether it is valid.</returns>
    public static bool IsValid(LogFluxLevel level) => level is >= LogFluxLevel.Emergency and <= LogFluxLevel.Debug;
}
