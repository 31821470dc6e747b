using System.Text.Json;
using LogFlux.Sinks.Throughput.Measurement;

namespace LogFlux.Sinks.Throughput;

/// <summary>The child side: runs one peer in one mode and prints one <c>RESULT {json}</c> line.</summary>
internal static class ChildProgram
{
    public const string ResultPrefix = "RESULT ";

    public static async Task<int> RunAsync(string[] argv)
    {
        var args = ChildArguments.Parse(argv);
        using var control = new ControlClient(args.ControlUrl);
        try
        {
            object result = args.Mode == "outage"
                ? await OutageRun.RunAsync(args, control).ConfigureAwait(false)
                : await ChildRun.RunAsync(args, control).ConfigureAwait(false);
            Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result, result.GetType()));
            return 0;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"child {args.Peer} {args.Mode} failed: {ex}");
            return 1;
        }
    }
}
