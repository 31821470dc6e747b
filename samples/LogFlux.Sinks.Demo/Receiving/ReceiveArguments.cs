using System.Globalization;

namespace LogFlux.Sinks.Demo.Receiving;

/// <summary>The options of <c>receive</c>.</summary>
internal sealed record ReceiveArguments(int Port, bool Json, bool Web, bool AcceptMissingCrlf)
{
    public const string Usage = "receive [--port N] [--json] [--web] [--accept-missing-crlf]";

    /// <summary>Parses the arguments after <c>receive</c>; returns null and an error text for a bad one.</summary>
    public static ReceiveArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        var result = new ReceiveArguments(0, false, false, false);
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--port" when i + 1 < args.Count
                    && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535:
                    result = result with { Port = port };
                    i++;
                    break;
                case "--port":
                    error = "--port needs a number from 0 to 65535 (0 picks a free port)";
                    return null;
                case "--json":
                    result = result with { Json = true };
                    break;
                case "--web":
                    result = result with { Web = true };
                    break;
                case "--accept-missing-crlf":
                    result = result with { AcceptMissingCrlf = true };
                    break;
                default:
                    error = $"unknown argument '{args[i]}' (expected: {Usage})";
                    return null;
            }
        }

        error = null;
        return result;
    }
}
