namespace LogFlux.Sinks.Options;

/// <summary>
/// One option of <see cref="LogFluxOptions"/>: its name in configuration text, its environment variables, the form
/// of its value and how it is read from and written to the options. Values are boxed; the table is used at
/// configuration time only.
/// </summary>
internal sealed class OptionDescriptor(
    string name,
    OptionKind kind,
    string[] environmentVariables,
    TimeSpan plainNumberUnit,
    string acceptedForms,
    string? environmentRange,
    Func<LogFluxOptions, object?> get,
    Action<LogFluxOptions, object> set,
    Func<string, object?> parse,
    Func<object, bool> acceptFromEnvironment)
{
    /// <summary>The property name of <see cref="LogFluxOptions"/>, also the name in configuration text (any case).</summary>
    public string Name { get; } = name;

    /// <summary>The form of the value.</summary>
    public OptionKind Kind { get; } = kind;

    /// <summary>The <c>LOGFLUX_*</c> variables that fill the option, in order of precedence; empty when none does.</summary>
    public IReadOnlyList<string> EnvironmentVariables { get; } = environmentVariables;

    /// <summary>What a plain number means for a duration (one second or one millisecond); zero for other kinds.</summary>
    public TimeSpan PlainNumberUnit { get; } = plainNumberUnit;

    /// <summary>The accepted forms, for problem texts (for a duration including what a plain number means).</summary>
    public string AcceptedForms { get; } = acceptedForms;

    /// <summary>What an environment value must be when it must be more than well formed (e.g. "an integer from 1 to 1000").</summary>
    public string? EnvironmentRange { get; } = environmentRange;

    /// <summary>Reads the option's current value.</summary>
    public Func<LogFluxOptions, object?> Get { get; } = get;

    /// <summary>True for the API key, whose value is never shown in problem texts.</summary>
    public bool IsSecret => Name == nameof(LogFluxOptions.ApiKey);

    /// <summary>The name with a lower-case first letter, as Serilog arguments spell it.</summary>
    public string CamelCaseName => char.ToLowerInvariant(Name[0]) + Name[1..];

    /// <summary>Parses configuration text (already trimmed, not empty).</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value when the text has the right form.</param>
    /// <returns>Whether the text has the right form.</returns>
    public bool TryParse(string text, out object value)
    {
        value = parse(text)!;
        return value is not null;
    }

    /// <summary>Whether an environment value is in the range the option takes from the environment.</summary>
    /// <param name="value">A value returned by <see cref="TryParse"/>.</param>
    /// <returns>True when it may be used.</returns>
    public bool AcceptsFromEnvironment(object value) => acceptFromEnvironment(value);

    /// <summary>Sets the option (which marks it explicitly set).</summary>
    /// <param name="options">The options.</param>
    /// <param name="value">A value of the property's type.</param>
    public void Set(LogFluxOptions options, object value) => set(options, value);

    /// <summary>The problem text of configuration text that does not have the right form.</summary>
    /// <param name="text">The rejected text.</param>
    /// <returns>The option, the value (never the API key) and the accepted forms.</returns>
    public string Rejection(string text)
    {
        var shown = IsSecret ? "(value not shown)" : $"'{text}'";
        var failure = Kind switch
        {
            OptionKind.Duration => "is not a valid duration",
            OptionKind.Level => "is not a LogFlux level",
            _ => "is not valid",
        };
        return $"{Name}: {shown} {failure}; expected {AcceptedForms}.";
    }
}
