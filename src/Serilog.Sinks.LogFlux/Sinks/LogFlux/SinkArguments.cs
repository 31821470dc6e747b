using LogFlux.Sinks.Options;
using Serilog.Events;

namespace Serilog.Sinks.LogFlux;

/// <summary>
/// Turns the option arguments of <c>WriteTo.LogFlux</c> / <c>AuditTo.LogFlux</c>, given in the order of
/// <see cref="OptionTable.All"/> (the order of the parameters), into sink options. Null arguments stay unset.
/// </summary>
internal static class SinkArguments
{
    public static LogFluxSinkOptions Build(bool includeMessageTemplate, string? levelMapping, object?[] optionArguments)
    {
        var options = new LogFluxSinkOptions { IncludeMessageTemplate = includeMessageTemplate, LevelMapping = levelMapping };
        // The breadcrumb threshold is a Serilog level here, so it goes through the (possibly overridden) mapping;
        // an invalid mapping text is reported when the sink is created.
        LevelMapping.TryParse(levelMapping, out var mapping, out _);
        for (var i = 0; i < optionArguments.Length; i++)
        {
            var option = OptionTable.All[i];
            switch (optionArguments[i])
            {
                case null: break;
                case LogEventLevel level: option.Set(options.Client, mapping.Map(level)); break;
                case TimeSpan duration: option.Set(options.Client, PlainNumberAsUnit(duration, option.PlainNumberUnit)); break;
                case { } value: option.Set(options.Client, value); break;
            }
        }
        return options;
    }

    // Serilog.Settings.Configuration converts "250" with TimeSpan.Parse, which reads it as 250 days; no duration option
    // is meant in whole days, so such a value is the plain number it was written as, counted in the option's unit.
    internal static TimeSpan PlainNumberAsUnit(TimeSpan duration, TimeSpan unit)
        => duration > TimeSpan.Zero && duration.Ticks % TimeSpan.TicksPerDay == 0 ? unit * duration.Days : duration;
}
