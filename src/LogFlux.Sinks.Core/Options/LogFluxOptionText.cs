
namespace LogFlux.Sinks.Options;

/// <summary>
/// Sets <see cref="LogFluxOptions"/> from configuration text, the same way in every adapter whose framework
/// configures it with strings (NLog.config, log4net XML, <c>Logging:LogFlux</c>): options are known by their
/// property name (any case) and read with the grammar of <see cref="OptionTable"/>. Only the form is checked here;
/// ranges are checked by <see cref="LogFluxOptions.Validate"/>.
/// </summary>
internal static partial class LogFluxOptionText
{
    /// <summary>The property names of every option that can be set from text, in declaration order.</summary>
    public static IReadOnlyList<string> OptionNames { get; } = OptionTable.All.Select(o => o.Name).ToArray();

    /// <summary>
    /// The options other than the API key that were set explicitly, e.g. to name the settings that do not apply
    /// when an adapter without an API key uses the client of <c>LogFluxSdk.Init</c>.
    /// </summary>
    /// <param name="options">The options.</param>
    /// <returns>Property names in declaration order.</returns>
    public static IReadOnlyList<string> ExplicitSettingsBesidesApiKey(LogFluxOptions options)
        => OptionNames.Where(n => n != nameof(LogFluxOptions.ApiKey) && options.IsExplicitlySet(n)).ToList();

    /// <summary>
    /// Parses <paramref name="text"/> for the option named <paramref name="optionName"/> and sets it (which marks it
    /// explicitly set). Null, empty or white-space text leaves the option unset, so the <c>LOGFLUX_*</c>
    /// environment or the default applies. Never throws.
    /// </summary>
    /// <param name="options">The options to set.</param>
    /// <param name="optionName">The property name, e.g. <c>BatchSize</c> (any case).</param>
    /// <param name="text">The configured text; surrounding white space is ignored.</param>
    /// <param name="problem">When false is returned: the option, the rejected value (never the API key) and the accepted forms.</param>
    /// <returns>True when the option was set or left unset; false for an unknown option or a value of the wrong form.</returns>
    public static bool TrySet(LogFluxOptions options, string optionName, string? text, out string? problem)
    {
        problem = null;
        if (options is null)
        {
            problem = "no options to set.";
            return false;
        }
        if (!OptionTable.TryFind(optionName, out var option))
        {
            problem = $"'{optionName}' is not a LogFlux option; known options: {string.Join(", ", OptionNames)}.";
            return false;
        }
        if (string.IsNullOrWhiteSpace(text)) return true;

        var trimmed = text.Trim();
        if (option.TryParse(trimmed, out var value))
        {
            option.Set(options, value);
            return true;
        }
        problem = option.Rejection(trimmed);
        return false;
    }
}
