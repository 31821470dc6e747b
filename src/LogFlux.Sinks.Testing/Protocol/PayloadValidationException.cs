namespace LogFlux.Sinks.Testing.Protocol;

/// <summary>An entry payload breaks the v2 schema; the message names the field.</summary>
internal sealed class PayloadValidationException(string reason) : Exception(reason);
