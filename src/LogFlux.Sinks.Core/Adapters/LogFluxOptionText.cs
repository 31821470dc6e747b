namespace LogFlux.Sinks.Adapters;

/// <summary>
/// Sets <see cref="LogFluxOptions"/> from configuration text, the same way in every adapter whose framework
/// configures it with strings (NLog.config, log4net XML): options are known by their property name (any case),
/// numbers use the invariant culture, sizes accept <c>KB</c>/<c>MB</c>/<c>GB</c>, booleans <c>true/false</c>,
/// <c>1/0</c>, <c>yes/no</c>, <c>on/off</c>, durations <c>250ms</c>, <c>5s</c>, <c>2m</c>, <c>1h</c>,
/// <c>00:00:05</c> or plain seconds, levels a name or 1–8. Only the form is checked here; ranges are checked
/// by <see cref="LogFluxOptions.Validate"/>.
/// </summary>
public static partial class LogFluxOptionText
{
    private static readonly OptionSlot[] Slots =
    [
        Text(nameof(LogFluxOptions.ApiKey), (o, v) => o.ApiKey = v),
        Text(nameof(LogFluxOptions.Source), (o, v) => o.Source = v),
        Text(nameof(LogFluxOptions.Environment), (o, v) => o.Environment = v),
        Text(nameof(LogFluxOptions.Release), (o, v) => o.Release = v),
        Text(nameof(LogFluxOptions.Node), (o, v) => o.Node = v),
        Text(nameof(LogFluxOptions.LogGroup), (o, v) => o.LogGroup = v),
        Text(nameof(LogFluxOptions.CustomEndpointUrl), (o, v) => o.CustomEndpointUrl = v),
        Text(nameof(LogFluxOptions.Zone), (o, v) => o.Zone = v),
        Int(nameof(LogFluxOptions.QueueSize), (o, v) => o.QueueSize = v),
        Size(nameof(LogFluxOptions.QueueMaxBytes), (o, v) => o.QueueMaxBytes = v),
        Int(nameof(LogFluxOptions.BatchSize), (o, v) => o.BatchSize = v),
        Duration(nameof(LogFluxOptions.FlushInterval), (o, v) => o.FlushInterval = v),
        Int(nameof(LogFluxOptions.WorkerCount), (o, v) => o.WorkerCount = v),
        Int(nameof(LogFluxOptions.MaxRetries), (o, v) => o.MaxRetries = v),
        Duration(nameof(LogFluxOptions.InitialDelay), (o, v) => o.InitialDelay = v),
        Duration(nameof(LogFluxOptions.MaxDelay), (o, v) => o.MaxDelay = v),
        Number(nameof(LogFluxOptions.BackoffFactor), (o, v) => o.BackoffFactor = v),
        Duration(nameof(LogFluxOptions.HttpTimeout), (o, v) => o.HttpTimeout = v),
        Flag(nameof(LogFluxOptions.Failsafe), (o, v) => o.Failsafe = v),
        Flag(nameof(LogFluxOptions.EnableCompression), (o, v) => o.EnableCompression = v),
        Number(nameof(LogFluxOptions.SampleRate), (o, v) => o.SampleRate = v),
        Int(nameof(LogFluxOptions.MaxBreadcrumbs), (o, v) => o.MaxBreadcrumbs = v),
        Level(nameof(LogFluxOptions.MinimumBreadcrumbLevel), (o, v) => o.MinimumBreadcrumbLevel = v),
        Flag(nameof(LogFluxOptions.Debug), (o, v) => o.Debug = v),
        Flag(nameof(LogFluxOptions.KeyPersistence), (o, v) => o.KeyPersistence = v),
        Text(nameof(LogFluxOptions.KeyPersistencePath), (o, v) => o.KeyPersistencePath = v),
        Int(nameof(LogFluxOptions.KeyRotationDays), (o, v) => o.KeyRotationDays = v),
        Text(nameof(LogFluxOptions.ServerKeyFingerprint), (o, v) => o.ServerKeyFingerprint = v),
        Duration(nameof(LogFluxOptions.ShutdownTimeout), (o, v) => o.ShutdownTimeout = v),
        Flag(nameof(LogFluxOptions.AllowInsecureTransport), (o, v) => o.AllowInsecureTransport = v),
        Text(nameof(LogFluxOptions.ProxyAddress), (o, v) => o.ProxyAddress = v),
        Duration(nameof(LogFluxOptions.DiagnosticsInterval), (o, v) => o.DiagnosticsInterval = v),
        Text(nameof(LogFluxOptions.BufferPath), (o, v) => o.BufferPath = v),
        Size(nameof(LogFluxOptions.BufferMaxBytes), (o, v) => o.BufferMaxBytes = v),
    ];

    private static readonly Dictionary<string, OptionSlot> ByName = Slots.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The property names of every option that can be set from text, in declaration order.</summary>
    public static IReadOnlyList<string> OptionNames { get; } = Slots.Select(s => s.Name).ToArray();

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
        if (optionName is null || !ByName.TryGetValue(optionName, out var slot))
        {
            problem = $"'{optionName}' is not a LogFlux option; known options: {string.Join(", ", OptionNames)}.";
            return false;
        }
        if (string.IsNullOrWhiteSpace(text)) return true;

        var value = text.Trim();
        if (slot.TryApply(options, value)) return true;
        var shown = string.Equals(slot.Name, nameof(LogFluxOptions.ApiKey), StringComparison.Ordinal) ? "(value not shown)" : $"'{value}'";
        problem = $"{slot.Name}: {shown} {slot.Failure}; expected {slot.Accepted}.";
        return false;
    }

    private sealed record OptionSlot(string Name, string Failure, string Accepted, Func<LogFluxOptions, string, bool> TryApply);

    private static OptionSlot Text(string name, Action<LogFluxOptions, string> set)
        => new(name, "is not valid", "text", (o, t) => { set(o, t); return true; });

    private static OptionSlot Int(string name, Action<LogFluxOptions, int> set)
        => new(name, "is not valid", WholeNumberForms, (o, t) => Apply<int>(TryParseInt(t, out var v), v, o, set));

    private static OptionSlot Size(string name, Action<LogFluxOptions, long> set)
        => new(name, "is not valid", SizeForms, (o, t) => Apply<long>(TryParseSize(t, out var v), v, o, set));

    private static OptionSlot Number(string name, Action<LogFluxOptions, double> set)
        => new(name, "is not valid", NumberForms, (o, t) => Apply<double>(TryParseDouble(t, out var v), v, o, set));

    private static OptionSlot Flag(string name, Action<LogFluxOptions, bool> set)
        => new(name, "is not valid", BooleanForms, (o, t) => Apply<bool>(TryParseBool(t, out var v), v, o, set));

    private static OptionSlot Duration(string name, Action<LogFluxOptions, TimeSpan> set)
        => new(name, "is not a valid duration", DurationForms, (o, t) => Apply<TimeSpan>(TryParseDuration(t, out var v), v, o, set));

    private static OptionSlot Level(string name, Action<LogFluxOptions, LogFluxLevel> set)
        => new(name, "is not a LogFlux level", LogFluxLevels.AcceptedForms, (o, t) => Apply<LogFluxLevel>(LogFluxLevels.TryParse(t, out var v), v, o, set));

    private static bool Apply<T>(bool parsed, T value, LogFluxOptions options, Action<LogFluxOptions, T> set)
    {
        if (parsed) set(options, value);
        return parsed;
    }
}
