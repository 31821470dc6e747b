using F = LogFlux.Sinks.Options.LogFluxOptionText;

namespace LogFlux.Sinks.Options;

internal static partial class OptionTable
{
    private delegate bool Parser<T>(string text, out T value);

    private static OptionDescriptor Text(string name, string env, Func<LogFluxOptions, string?> get, Action<LogFluxOptions, string> set,
        Func<string, bool>? check = null, string? range = null)
        => Row<string>(name, OptionKind.Text, [env], get, set, TakeText, "text", check, range);

    private static OptionDescriptor Url(string name, string[] env, Func<LogFluxOptions, string?> get, Action<LogFluxOptions, string> set,
        Func<string, bool> check, string range)
        => Row<string>(name, OptionKind.Url, env, get, set, TakeText, range, check, range);

    private static OptionDescriptor Whole(string name, string env, Func<LogFluxOptions, int> get, Action<LogFluxOptions, int> set,
        int min = int.MinValue, int max = int.MaxValue)
    {
        string range = max != int.MaxValue ? $"a whole number from {min} to {max}"
            : min != int.MinValue ? $"a whole number of at least {min}" : F.WholeNumberForms;
        return Row(name, OptionKind.WholeNumber, [env], get, set, F.TryParseInt, F.WholeNumberForms, v => v >= min && v <= max, range);
    }

    private static OptionDescriptor Size(string name, string? env, Func<LogFluxOptions, long> get, Action<LogFluxOptions, long> set, long min)
        => Row(name, OptionKind.Size, Variables(env), get, set, F.TryParseSize, F.SizeForms, v => v >= min, $"at least {min} bytes, as {F.SizeForms}");

    private static OptionDescriptor Decimal(string name, string env, Func<LogFluxOptions, double> get, Action<LogFluxOptions, double> set,
        Func<double, bool> check, string range)
        => Row(name, OptionKind.Decimal, [env], get, set, F.TryParseDouble, F.NumberForms, check, range);

    private static OptionDescriptor Flag(string name, string env, Func<LogFluxOptions, bool> get, Action<LogFluxOptions, bool> set)
        => Row(name, OptionKind.Boolean, [env], get, set, F.TryParseBool, F.BooleanForms);

    private static OptionDescriptor Duration(string name, string? env, TimeSpan unit, Func<LogFluxOptions, TimeSpan> get, Action<LogFluxOptions, TimeSpan> set)
    {
        var forms = F.DurationForms(unit);
        return Row(name, OptionKind.Duration, Variables(env), get, set, (string t, out TimeSpan v) => F.TryParseDuration(t, unit, out v),
            forms, v => v > TimeSpan.Zero, "a duration greater than zero: " + forms, unit);
    }

    private static OptionDescriptor Level(string name, Func<LogFluxOptions, LogFluxLevel> get, Action<LogFluxOptions, LogFluxLevel> set)
        => Row(name, OptionKind.Level, [], get, set, LogFluxLevels.TryParse, LogFluxLevels.AcceptedForms);

    private static OptionDescriptor Row<T>(string name, OptionKind kind, string[] env, Func<LogFluxOptions, T?> get, Action<LogFluxOptions, T> set,
        Parser<T> parse, string forms, Func<T, bool>? check = null, string? range = null, TimeSpan unit = default)
        where T : notnull
        => new(name, kind, env, unit, forms, range,
            o => get(o),
            (o, v) => set(o, (T)v),
            t => parse(t, out var v) ? v : null,
            v => check is null || check((T)v));

    private static string[] Variables(string? env) => env is null ? [] : [env];

    private static bool TakeText(string text, out string value)
    {
        value = text;
        return true;
    }
}
