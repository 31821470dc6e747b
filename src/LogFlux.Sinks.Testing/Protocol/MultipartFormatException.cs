namespace LogFlux.Sinks.Testing.Protocol;

/// <summary>The multipart body breaks the framing rules; the message is the rejection reason.</summary>
internal sealed class MultipartFormatException(string reason) : Exception(reason);
