using LogFlux.Sinks.Options;
using Serilog.Debugging;

namespace Serilog.Sinks.LogFlux;

/// <summary>
/// Finds misspelled or unknown arguments of <c>"Name": "LogFlux"</c> entries in Serilog configuration
/// (appsettings.json). Serilog.Settings.Configuration ignores argument names that match no parameter, so a
/// typo such as <c>"batchSise"</c> would otherwise be dropped without a trace. Call it once at start-up with
/// <c>configuration.AsEnumerable()</c>; it takes plain key/value pairs, so this library needs no dependency on
/// Microsoft.Extensions.Configuration.
/// </summary>
public static class LogFluxConfigurationCheck
{
    private static readonly string[] WriteToArguments =
        [.. OptionTable.All.Select(o => o.CamelCaseName), "restrictedToMinimumLevel", "levelSwitch", "includeMessageTemplate", "levelMapping"];

    private static readonly string[] AuditToArguments = [.. WriteToArguments, "auditDeliveryTimeout"];

    /// <summary>The argument names <c>WriteTo.LogFlux</c> accepts in configuration.</summary>
    public static IReadOnlyList<string> WriteToArgumentNames => WriteToArguments;

    /// <summary>The argument names <c>AuditTo.LogFlux</c> accepts in configuration.</summary>
    public static IReadOnlyList<string> AuditToArgumentNames => AuditToArguments;

    /// <summary>
    /// Reports every unknown argument of a LogFlux sink entry through <see cref="SelfLog"/> (with the closest
    /// valid name) and returns the same texts.
    /// </summary>
    /// <param name="configuration">All configuration keys and values, e.g. <c>configuration.AsEnumerable()</c>.</param>
    /// <param name="sectionName">The Serilog section. Default <c>Serilog</c>.</param>
    /// <returns>One text per problem; empty when every argument is known.</returns>
    public static IReadOnlyList<string> ReportUnknownArguments(IEnumerable<KeyValuePair<string, string?>> configuration, string sectionName = "Serilog")
    {
        var problems = new List<string>();
        if (configuration is null) return problems;
        try
        {
            var entries = configuration.Where(e => e.Key is not null).ToList();
            var prefix = sectionName + ":";
            var sinkPaths = entries
                .Where(e => e.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                            && e.Key.EndsWith(":Name", StringComparison.OrdinalIgnoreCase)
                            && string.Equals(e.Value?.Trim(), "LogFlux", StringComparison.OrdinalIgnoreCase))
                .Select(e => e.Key[..^":Name".Length])
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();

            foreach (var path in sinkPaths)
            {
                var audit = path.Contains(":AuditTo", StringComparison.OrdinalIgnoreCase);
                var known = audit ? AuditToArguments : WriteToArguments;
                var argsPrefix = path + ":Args:";
                var reported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var entry in entries)
                {
                    string? problem = null;
                    if (entry.Key.StartsWith(argsPrefix, StringComparison.OrdinalIgnoreCase))
                    {
                        var name = FirstSegment(entry.Key[argsPrefix.Length..]);
                        if (!known.Contains(name, StringComparer.OrdinalIgnoreCase) && reported.Add(name))
                        {
                            problem = $"LogFlux sink configuration: unknown argument '{name}' at {path}:Args{Suggestion(name, known)}; Serilog.Settings.Configuration ignores it, so the option keeps its default.";
                        }
                    }
                    else if (entry.Key.StartsWith(path + ":", StringComparison.OrdinalIgnoreCase))
                    {
                        var name = FirstSegment(entry.Key[(path.Length + 1)..]);
                        if (!name.Equals("Name", StringComparison.OrdinalIgnoreCase) && !name.Equals("Args", StringComparison.OrdinalIgnoreCase) && reported.Add(":" + name))
                        {
                            problem = $"LogFlux sink configuration: unknown key '{name}' at {path}; sink arguments belong under \"Args\".";
                        }
                    }
                    if (problem is null) continue;
                    problems.Add(problem);
                    SelfLog.WriteLine("{0}", problem);
                }
            }
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("LogFlux sink configuration check failed: {0}", ex.GetType().Name + ": " + ex.Message);
        }
        return problems;
    }

    private static string FirstSegment(string key)
    {
        var colon = key.IndexOf(':');
        return colon < 0 ? key : key[..colon];
    }

    private static string Suggestion(string name, IEnumerable<string> known)
        => LogFluxOptionText.ClosestName(name, known) is { } closest ? $" (did you mean '{closest}'?)" : string.Empty;
}
