using LogFlux.Sinks.Options;
using Serilog.Events;

namespace Serilog.Sinks.LogFlux;

/// <summary>
/// Turns the option arguments of <c>WriteTo.LogFlux</c> / <c>AuditTo.LogFlux</c>, given in the order of
/// <see cref="OptionTable.All"/> (the order of the parameters), into sink options. Null arguments stay unset.
/// </summary>
internal static class SinkArguments
{
    /// <summary>Typed arguments of code calls: values of the options' own types, a breadcrumb level as a Serilog level.</summary>
    public static LogFluxSinkOptions Build(bool includeMessageTemplate, string? levelMapping, object?[] optionArguments)
    {
        var options = new LogFluxSinkOptions { IncludeMessageTemplate = includeMessageTemplate, LevelMapping = levelMapping };
        var mapping = BreadcrumbMapping(levelMapping);
        for (var i = 0; i < optionArguments.Length; i++)
        {
            switch (optionArguments[i])
            {
                case null: break;
                case LogEventLevel level: OptionTable.All[i].Set(options.Client, mapping.Map(level)); break;
                case { } value: OptionTable.All[i].Set(options.Client, value); break;
            }
        }
        return options;
    }

    /// <summary>
    /// Text arguments of configuration bindings, read with the option grammar of every other text form; a text of
    /// the wrong form becomes a problem of the options, so the sink reports it and drops events.
    /// </summary>
    public static LogFluxSinkOptions BuildFromText(bool includeMessageTemplate, string? levelMapping, string?[] optionTexts)
    {
        var options = new LogFluxSinkOptions { IncludeMessageTemplate = includeMessageTemplate, LevelMapping = levelMapping };
        var mapping = BreadcrumbMapping(levelMapping);
        for (var i = 0; i < optionTexts.Length; i++)
        {
            var option = OptionTable.All[i];
            var text = optionTexts[i]?.Trim();
            if (option.Kind == OptionKind.Level && Enum.TryParse<LogEventLevel>(text, ignoreCase: true, out var level) && !char.IsDigit(text![0]))
            {
                option.Set(options.Client, mapping.Map(level));
            }
            else if (!LogFluxOptionText.TrySet(options.Client, option.Name, text, out var problem))
            {
                options.Problems.Add(problem!);
            }
        }
        return options;
    }

    /// <summary>Reads the audit delivery timeout from text with the grammar of the other durations (a plain number is seconds).</summary>
    public static void SetAuditDeliveryTimeout(LogFluxSinkOptions options, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        var unit = TimeSpan.FromSeconds(1);
        if (LogFluxOptionText.TryParseDuration(text, unit, out var timeout)) options.AuditDeliveryTimeout = timeout;
        else options.Problems.Add($"AuditDeliveryTimeout: '{text.Trim()}' is not a valid duration; expected {LogFluxOptionText.DurationForms(unit)}.");
    }

    // The breadcrumb threshold is a Serilog level here, so it goes through the (possibly overridden) mapping;
    // an invalid mapping text is reported when the sink is created.
    private static LevelMapping BreadcrumbMapping(string? levelMapping)
    {
        LevelMapping.TryParse(levelMapping, out var mapping, out _);
        return mapping;
    }
}
