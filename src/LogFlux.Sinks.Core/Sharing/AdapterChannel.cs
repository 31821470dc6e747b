using LogFlux.Sinks.Adapters;

namespace LogFlux.Sinks.Sharing;

/// <summary>
/// What an adapter tells <see cref="AdapterClientBinding"/> about itself: where its self-diagnostics go (SelfLog,
/// InternalLogger, LogLog, the host's logging, an EventSource; never a logger the adapter serves), where its API key is
/// configured and where its no-client drops are counted, so the binding's messages name what the user can change.
/// </summary>
/// <param name="Write">Writes one self-diagnostic through the framework's own channel.</param>
/// <param name="ApiKeySettings">Where the API key is configured, e.g. <c>apiKey setting or LOGFLUX_API_KEY</c>.</param>
/// <param name="DropCounter">The name of the public counter of no-client drops, e.g. <c>NoClientDropCount</c>.</param>
internal sealed record AdapterChannel(Action<LogFluxDiagnostic> Write, string ApiKeySettings, string DropCounter)
{
    /// <summary>
    /// The no-client drops, counted across every binding of this channel: an adapter keeps one channel for its life
    /// (or one for the process when its counter is process-wide), so reconfiguring does not reset the count.
    /// </summary>
    public NoClientDrops Drops { get; init; } = new();

    /// <summary>Whether the client's own diagnostics are written to this channel too (false where they reach the user another way).</summary>
    public bool ForwardsClientDiagnostics { get; init; } = true;

    /// <summary>Writes a diagnostic; a failing channel never reaches the caller.</summary>
    public void Report(LogFluxDiagnosticLevel level, string message, Exception? exception = null)
    {
        try
        {
            Write(new LogFluxDiagnostic(level, message, exception));
        }
        catch (Exception)
        {
            // The adapter's own diagnostic channel failed; there is nowhere left to say so.
        }
    }
}
