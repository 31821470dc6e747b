using LogFlux.Sinks;
using LogFlux.Sinks.Options;

namespace log4net.Appender.LogFlux.Configuration;

/// <summary>
/// Turns the appender's configured strings (the properties named like the options of <see cref="OptionTable"/>) into <see cref="LogFluxOptions"/> with <see cref="LogFluxOptionText"/>.
/// Only configured values are set (empty and whitespace-only values, e.g. an unset <c>${VARIABLE}</c>, count as
/// not configured), so the options' explicit-set tracking stays right and the <c>LOGFLUX_*</c> environment fills
/// the rest. Every value of the wrong form becomes one problem naming the option.
/// </summary>
internal static class AppenderOptionsBuilder
{
    public static LogFluxOptions Build(LogFluxAppender a, List<string> problems)
    {
        var options = new LogFluxOptions();
        foreach (var option in OptionTable.All)
        {
            var text = typeof(LogFluxAppender).GetProperty(option.Name)?.GetValue(a) as string;
            if (!LogFluxOptionText.TrySet(options, option.Name, text, out var problem)) problems.Add(problem!);
        }
        return options;
    }

    /// <summary>Reads a boolean setting of the appender itself (false when unset).</summary>
    public static bool ReadFlag(string name, string? text, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (LogFluxOptionText.TryParseBool(text, out var value)) return value;
        problems.Add($"{name}: '{text.Trim()}' is not valid; expected {LogFluxOptionText.BooleanForms}.");
        return false;
    }
}
