namespace LogFlux.Sinks.Testing.Protocol;

/// <summary>Why one part (or the whole request) was refused, with the HTTP status it maps to.</summary>
internal sealed record PartProblem(int StatusCode, string Reason);
