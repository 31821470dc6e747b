using NLog.Config;
using NLog.Targets.LogFlux;

namespace NLog;

/// <summary>Registration of the LogFlux target without assembly scanning (trimming- and AOT-friendly).</summary>
public static class LogFluxSetupExtensions
{
    /// <summary>
    /// Registers the LogFlux target under its type name <c>LogFlux</c>, so <c>type="LogFlux"</c> works in
    /// NLog.config and appsettings.json: <c>LogManager.Setup().SetupExtensions(e =&gt; e.RegisterLogFlux())</c>.
    /// </summary>
    /// <param name="builder">The extensions builder.</param>
    /// <returns>The same builder.</returns>
    public static ISetupExtensionsBuilder RegisterLogFlux(this ISetupExtensionsBuilder builder)
        => builder.RegisterTarget<LogFluxTarget>("LogFlux");
}
