namespace AotSample;

/// <summary>The names and limits the sample's parts share.</summary>
internal static class SampleSettings
{
    /// <summary>The source of the core client's entries.</summary>
    public const string CoreSource = "aot-sample-core";

    /// <summary>The source of the Serilog and NLog entries (one shared client: same API key and endpoint).</summary>
    public const string FrameworkSource = "aot-sample";

    /// <summary>How long each flush may wait for delivery.</summary>
    public static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(30);

    /// <summary>An exception with a stack trace and an inner exception, as a real failure has.</summary>
    public static Exception Failure(string part)
    {
        try
        {
            throw new InvalidOperationException($"{part}: payment failed", new TimeoutException("no answer within 5 s"));
        }
        catch (InvalidOperationException ex)
        {
            return ex;
        }
    }
}
