using System.Globalization;
using LogFlux.Sinks.Options;

namespace LogFlux.Sinks.Sharing;

/// <summary>
/// Finds the options that a second user of a shared client set explicitly to a value other than the one
/// the shared client runs with. Callbacks (hooks, listeners, handler factories) are not compared.
/// </summary>
internal static class OptionConflicts
{
    // The key, endpoint and zone choose which client is shared, so they never differ from the one in use.
    private static readonly HashSet<string> NotCompared =
        [nameof(LogFluxOptions.ApiKey), nameof(LogFluxOptions.CustomEndpointUrl), nameof(LogFluxOptions.Zone)];

    /// <summary>Describes each conflicting option as <c>Name: requested X, in use Y</c>.</summary>
    public static List<(string Name, string Description)> Find(LogFluxOptions requested, LogFluxOptions inUse)
    {
        var conflicts = new List<(string, string)>();
        foreach (var option in OptionTable.All)
        {
            var name = option.Name;
            if (NotCompared.Contains(name) || !requested.IsExplicitlySet(name)) continue;
            var wanted = option.Get(requested);
            var actual = option.Get(inUse);
            if (Equals(wanted, actual)) continue;
            conflicts.Add((name, $"{name}: requested {Text(wanted)}, in use {Text(actual)}"));
        }
        return conflicts;
    }

    private static string Text(object? value) => value switch
    {
        null => "(unset)",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
