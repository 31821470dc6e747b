namespace LogFlux.Sinks.Options;

internal static partial class LogFluxOptionText
{
    /// <summary>
    /// The known name closest to a misspelled one (case-insensitive edit distance), for "did you mean" hints in
    /// configuration problem texts; null when no known name is close enough to be a likely typo.
    /// </summary>
    /// <param name="name">The unknown name as written.</param>
    /// <param name="known">The valid names.</param>
    /// <returns>The closest valid name, or null.</returns>
    public static string? ClosestName(string name, IEnumerable<string> known)
    {
        if (string.IsNullOrEmpty(name) || known is null) return null;
        var lowered = name.ToLowerInvariant();
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            if (string.IsNullOrEmpty(candidate)) continue;
            var distance = EditDistance(lowered, candidate.ToLowerInvariant());
            if (distance >= bestDistance) continue;
            best = candidate;
            bestDistance = distance;
        }
        return best is not null && bestDistance <= Math.Max(2, name.Length / 4) ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
