namespace LogFlux.Sinks;

/// <summary>
/// Where an integration registered in dependency injection finds the client it sends to. The ASP.NET Core
/// integration (<c>services.AddLogFlux()</c>) registers one, so that the logging provider
/// (<c>builder.Logging.AddLogFlux()</c>) configured without an API key of its own sends through the same client.
/// </summary>
internal interface ILogFluxClientSource
{
    /// <summary>The client, or null when none is configured (or its options are invalid). Never throws.</summary>
    LogFluxClient? Client { get; }
}
