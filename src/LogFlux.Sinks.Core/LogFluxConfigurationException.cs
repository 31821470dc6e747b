namespace LogFlux.Sinks;

/// <summary>
/// A configuration error (bad API key, invalid option). Thrown at initialisation; the message names
/// the option and the accepted values and never contains the API key.
/// </summary>
public sealed class LogFluxConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public LogFluxConfigurationException(string message) : base(message) { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public LogFluxConfigurationException(string message, Exception innerException) : base(message, innerException) { }
}
