namespace LogFlux.Sinks.Protocol;

/// <summary>
/// The global context applied to every payload when it is written (docs/protocol.md#global-context): fills an empty
/// <c>source</c>, and adds <c>environment</c>/<c>release</c> to <c>meta</c> without overwriting.
/// </summary>
internal sealed record GlobalContext(string Source, string? Environment, string? Release);
