using System.Globalization;

namespace LogFlux.Sinks.ChildProcess;

/// <summary>
/// The command line: <c>&lt;core|nlog|serilog|log4net&gt; &lt;receiver-url&gt; &lt;count&gt; [buffer-dir|-] [delay-ms] [prefix] [buffer-max-bytes]</c>.
/// </summary>
internal sealed record ChildArguments(string Mode, string Url, int Count, string? BufferPath, int DelayMs, string Prefix, long? BufferMaxBytes)
{
    public const string Usage = "usage: <core|nlog|serilog|log4net|extensions-logging> <receiver-url> <count> [buffer-dir|-] [delay-ms] [prefix] [buffer-max-bytes]";

    /// <summary>Reads the arguments; null when they are too few or not numbers where numbers belong.</summary>
    public static ChildArguments? TryParse(IReadOnlyList<string> args)
    {
        if (args.Count < 3 || !TryInt(args[2], out var count)) return null;
        var bufferPath = args.Count > 3 && args[3] != "-" ? args[3] : null;
        var delay = 0;
        if (args.Count > 4 && !TryInt(args[4], out delay)) return null;
        var prefix = args.Count > 5 ? args[5] : "child";
        long? bufferMaxBytes = null;
        if (args.Count > 6)
        {
            if (!long.TryParse(args[6], NumberStyles.None, CultureInfo.InvariantCulture, out var maxBytes)) return null;
            bufferMaxBytes = maxBytes;
        }
        return new ChildArguments(args[0], args[1], count, bufferPath, delay, prefix, bufferMaxBytes);
    }

    private static bool TryInt(string text, out int value) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
