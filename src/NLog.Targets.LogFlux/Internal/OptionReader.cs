using LogFlux.Sinks;
using NLog.Layouts;

namespace NLog.Targets.LogFlux.Internal;

/// <summary>
/// Renders target settings once (against an empty event, so <c>${environment:...}</c> and other
/// context-free layouts work) and parses them. A setting that is not configured, or renders to an empty
/// string, stays unset so that the <c>LOGFLUX_*</c> environment variable or the default applies. Every
/// invalid value is collected; the caller reports them together.
/// </summary>
internal sealed class OptionReader
{
    private delegate bool Parser<T>(string text, out T value, out string error);

    private readonly Func<Layout, string> _render;
    private readonly List<string> _errors = new();
    private readonly List<string> _applied = new();

    public OptionReader(Func<Layout, string> render) => _render = render;

    public IReadOnlyList<string> Errors => _errors;

    /// <summary>Names of the settings that were configured and applied.</summary>
    public IReadOnlyList<string> Applied => _applied;

    public void Text(Layout? layout, string name, Action<string> apply)
    {
        var text = Render(layout, name);
        if (text is null) return;
        apply(text);
        _applied.Add(name);
    }

    public void Int(Layout? layout, string name, Action<int> apply) => Parse<int>(layout, name, OptionText.TryParseInt, apply);

    public void Long(Layout? layout, string name, Action<long> apply) => Parse<long>(layout, name, OptionText.TryParseLong, apply);

    public void Double(Layout? layout, string name, Action<double> apply) => Parse<double>(layout, name, OptionText.TryParseDouble, apply);

    public void Bool(Layout? layout, string name, Action<bool> apply) => Parse<bool>(layout, name, OptionText.TryParseBool, apply);

    public void Duration(Layout? layout, string name, Action<TimeSpan> apply) => Parse<TimeSpan>(layout, name, OptionText.TryParseDuration, apply);

    public void Level(Layout? layout, string name, Action<LogFluxLevel> apply) => Parse<LogFluxLevel>(layout, name, OptionText.TryParseLevel, apply);

    public void AddError(string name, string message) => _errors.Add($"{name}: {message}");

    public string? Render(Layout? layout, string name)
    {
        if (layout is null) return null;
        try
        {
            var text = _render(layout).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (Exception ex)
        {
            _errors.Add($"{name}: the layout could not be rendered ({ex.GetType().Name})");
            return null;
        }
    }

    private void Parse<T>(Layout? layout, string name, Parser<T> parser, Action<T> apply)
    {
        var text = Render(layout, name);
        if (text is null) return;
        if (parser(text, out var value, out var error))
        {
            apply(value);
            _applied.Add(name);
        }
        else
        {
            _errors.Add($"{name}='{text}': {error}");
        }
    }
}
