using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Demo.Receiving;

/// <summary>Writes a refused request (or one accepted only thanks to a leniency option) for the console.</summary>
internal static class RequestConsoleView
{
    /// <summary>Whether the request deserves a console line: refused, aborted, or accepted with warnings.</summary>
    public static bool IsNotable(ReceivedRequest request) => !request.Succeeded || request.Warnings.Count > 0;

    public static string Format(ReceivedRequest request)
    {
        string outcome = request.ConnectionAborted ? "aborted" : request.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var lines = new List<string>
        {
            request.Succeeded
                ? $"WARNING request #{request.Number} {request.Method} {request.Path} -> {outcome} ({request.PartCount} part(s)) accepted leniently"
                : $"REFUSED request #{request.Number} {request.Method} {request.Path} -> {outcome}" + (request.PartCount > 0 ? $" ({request.PartCount} part(s))" : string.Empty),
        };
        if (request.PartErrors.Count > 0)
        {
            lines.AddRange(request.PartErrors.Select(e => "    " + ConsoleText.OneLine(e)));
        }
        else if (request.RejectionReason is { } reason)
        {
            lines.Add("    " + ConsoleText.OneLine(reason));
        }

        lines.AddRange(request.Warnings.Select(w => "    warning: " + ConsoleText.OneLine(w)));
        return string.Join(Environment.NewLine, lines);
    }
}
