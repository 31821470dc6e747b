using LogFlux.Sinks;
using NLog.Layouts;
using LogFlux.Sinks.Options;

namespace NLog.Targets.LogFlux.Internal;

/// <summary>
/// Renders target settings once (against an empty event, so <c>${environment:...}</c> and other
/// context-free layouts work) and sets the LogFlux options from them with <see cref="LogFluxOptionText"/>.
/// A setting that is not configured, or renders to an empty string, stays unset so that the
/// <c>LOGFLUX_*</c> environment variable or the default applies. Every invalid value is collected; the
/// caller reports them together.
/// </summary>
internal sealed class OptionReader
{
    private readonly Func<Layout, string> _render;
    private readonly List<string> _errors = new();

    public OptionReader(Func<Layout, string> render) => _render = render;

    public IReadOnlyList<string> Errors => _errors;

    /// <summary>Builds options from (option name, layout) pairs; names are <see cref="LogFluxOptions"/> property names.</summary>
    public LogFluxOptions Read(IEnumerable<(string Name, Layout? Layout)> settings)
    {
        var options = new LogFluxOptions();
        foreach (var (name, layout) in settings)
        {
            if (!LogFluxOptionText.TrySet(options, name, Render(layout, name), out var problem)) _errors.Add(problem!);
        }
        return options;
    }

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
}
