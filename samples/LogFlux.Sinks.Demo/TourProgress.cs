using System.Diagnostics;

namespace LogFlux.Sinks.Demo;

/// <summary>Numbered phases with their duration, and a status line while a long wait runs.</summary>
internal sealed class TourProgress(int phases)
{
    private static readonly TimeSpan StatusInterval = TimeSpan.FromMilliseconds(500);
    private int _phase;

    /// <summary>Runs a phase that sends entries, then prints how many and how long it took.</summary>
    public async Task<int> SendPhaseAsync(string title, Func<Task<int>> phase)
    {
        var watch = Begin(title);
        var sent = await phase();
        Console.WriteLine($"      sent {sent} entries in {watch.ElapsedMilliseconds} ms");
        return sent;
    }

    /// <summary>Runs a phase, printing <paramref name="status"/> every half second until it completes.</summary>
    public async Task<T> WaitPhaseAsync<T>(string title, Task<T> phase, Func<string> status)
    {
        var watch = Begin(title);
        while (await Task.WhenAny(phase, Task.Delay(StatusInterval)) != phase)
        {
            Console.WriteLine($"      ... {status()} ({watch.Elapsed.TotalSeconds:0.0} s)");
        }
        var result = await phase;
        Console.WriteLine($"      {status()} after {watch.ElapsedMilliseconds} ms");
        return result;
    }

    private Stopwatch Begin(string title)
    {
        Console.WriteLine($"[{++_phase}/{phases}] {title}");
        return Stopwatch.StartNew();
    }
}
