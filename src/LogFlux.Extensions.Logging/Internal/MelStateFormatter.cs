using LogFlux.Sinks.Records;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Extensions.Logging.Internal;

/// <summary>Reads a captured <c>ILogger</c> state and writes the <c>BeginScope</c> states (<see cref="ScopeSnapshot"/>).</summary>
internal sealed class MelStateFormatter : TemplateStateFormatter
{
    public static new readonly MelStateFormatter Instance = new();

    public override void WriteScopes(object scopes, LogFluxAttributeWriter attributes)
    {
        try
        {
            ScopeSnapshot.Write((object?[])scopes, attributes);
        }
        catch (Exception)
        {
            // A scope whose enumeration fails keeps the attributes written so far.
        }
    }
}
