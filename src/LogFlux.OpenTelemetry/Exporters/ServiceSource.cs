using OpenTelemetry;

namespace LogFlux.OpenTelemetry.Exporters;

/// <summary>
/// The <c>source</c> of an exporter's entries: <c>service.name</c> of its provider's resource, read once the exporter is
/// attached to a provider; null (the client's configured source applies) when turned off, unset, or OpenTelemetry's
/// placeholder <c>unknown_service…</c>.
/// </summary>
internal sealed class ServiceSource(bool enabled)
{
    private const string ServiceNameAttribute = "service.name";
    private const string UnknownServicePrefix = "unknown_service";
    private string? _source;
    private bool _resolved;

    public string? Get(BaseProvider? provider)
    {
        if (!enabled || _resolved) return _source;
        if (provider is null) return null;
        try
        {
            foreach (var attribute in provider.GetResource().Attributes)
            {
                if (attribute.Key == ServiceNameAttribute && attribute.Value is string name && name.Length > 0 &&
                    !name.StartsWith(UnknownServicePrefix, StringComparison.Ordinal))
                {
                    _source = name;
                }
            }
        }
        catch (Exception ex)
        {
            ExporterEventSource.Log.ItemFailed("resource", ex);
        }
        _resolved = true;
        return _source;
    }
}
