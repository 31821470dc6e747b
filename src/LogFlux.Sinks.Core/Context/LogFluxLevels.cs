using System.Globalization;

namespace LogFlux.Sinks;

/// <summary>The LogFlux level scale (1 emergency … 8 debug): validity, breadcrumb levels and the text forms adapters read (docs/protocol.md#levels and docs/protocol.md#breadcrumbs).</summary>
internal static class LogFluxLevels
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

    /// <summary>The accepted spellings of a LogFlux level, for configuration problem texts.</summary>
    public const string AcceptedForms = "Emergency, Alert, Critical, Error, Warning, Notice, Info, Debug or a number from 1 to 8";

    /// <summary>
    /// Reads a LogFlux level from configuration text: a name in any case (<c>Info</c>, <c>warning</c>; also the
    /// aliases <c>emerg</c>, <c>crit</c>, <c>err</c>, <c>warn</c>, <c>information</c>, <c>trace</c>, <c>verbose</c>)
    /// or its number 1–8.
    /// </summary>
    /// <param name="text">The text; surrounding white space is ignored.</param>
    /// <param name="level">The level, or 0 when the text names none.</param>
    /// <returns>True when the text names a level.</returns>
    public static bool TryParse(string? text, out LogFluxLevel level)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (int.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            level = number is >= 1 and <= 8 ? (LogFluxLevel)number : 0;
            return level != 0;
        }
        level = trimmed.ToLowerInvariant() switch
        {
            "emergency" or "emerg" => LogFluxLevel.Emergency,
            "alert" => LogFluxLevel.Alert,
            "critical" or "crit" => LogFluxLevel.Critical,
            "error" or "err" => LogFluxLevel.Error,
            "warning" or "warn" => LogFluxLevel.Warning,
            "notice" => LogFluxLevel.Notice,
            "info" or "information" => LogFluxLevel.Info,
            "debug" or "trace" or "verbose" => LogFluxLevel.Debug,
            _ => 0,
        };
        return level != 0;
    }

    /// <summary>
    /// Splits a level-mapping text such as <c>Fatal=Emergency; Info=6</c> into (framework level text, LogFlux level)
    /// pairs. Pairs are separated by <c>;</c> or <c>,</c>; white space around names is ignored; the right side is
    /// read with <see cref="TryParse"/>. The framework side is returned as written for the adapter to resolve.
    /// </summary>
    /// <param name="text">The mapping text; null or blank yields no pairs.</param>
    /// <param name="framework">The framework's name for the problem text, e.g. <c>NLog</c>.</param>
    /// <param name="pairs">The pairs in the order written.</param>
    /// <param name="error">What is wrong with the first bad pair, or null.</param>
    /// <returns>True when every pair is well formed and names a LogFlux level.</returns>
    public static bool TryParseMapping(string? text, string framework, out IReadOnlyList<KeyValuePair<string, LogFluxLevel>> pairs, out string? error)
    {
        var result = new List<KeyValuePair<string, LogFluxLevel>>();
        pairs = result;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;

        foreach (var item in text.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0)
            {
                error = $"'{item}' is not of the form {framework}Level=LogFluxLevel ({framework} level, '=', LogFlux level)";
                pairs = [];
                return false;
            }
            if (!TryParse(parts[1], out var level))
            {
                error = $"'{item}': '{parts[1]}' is not a LogFlux level; use {AcceptedForms}";
                pairs = [];
                return false;
            }
            result.Add(new(parts[0], level));
        }
        return true;
    }
}
