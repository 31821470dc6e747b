using System.Globalization;

namespace LogFlux.OpenTelemetry.Mapping;

/// <summary>
/// Reads stack frames from the text of a .NET stack trace (the <c>exception.stacktrace</c> of an exception event,
/// where the exception object itself is gone): lines <c>at Namespace.Type.Method(arguments) in path:line N</c>,
/// most recent call first, at most <see cref="MaxFrames"/>. Lines of another shape are skipped.
/// </summary>
internal static class StackTraceText
{
    public const int MaxFrames = 20;

    private const string LineMarker = ":line ";

    public static void ReadFrames(string? text, List<StackFrameInfo> frames)
    {
        if (string.IsNullOrEmpty(text)) return;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            if (frames.Count >= MaxFrames) return;
            var line = raw.Trim();
            if (!line.StartsWith("at ", StringComparison.Ordinal)) continue;
            line = line[3..];
            var function = line;
            var file = "unknown";
            var lineNumber = 0;
            var inAt = line.IndexOf(" in ", StringComparison.Ordinal);
            if (inAt >= 0)
            {
                function = line[..inAt];
                var location = line[(inAt + 4)..];
                var marker = location.LastIndexOf(LineMarker, StringComparison.Ordinal);
                if (marker >= 0)
                {
                    int.TryParse(location[(marker + LineMarker.Length)..], NumberStyles.None, CultureInfo.InvariantCulture, out lineNumber);
                    location = location[..marker];
                }
                if (!location.IsEmpty) file = location.ToString();
            }
            var arguments = function.IndexOf('(');
            if (arguments > 0) function = function[..arguments];
            frames.Add(new StackFrameInfo(function.ToString(), file, lineNumber));
        }
    }
}
