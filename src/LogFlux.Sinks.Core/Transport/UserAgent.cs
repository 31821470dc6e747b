using System.Reflection;

namespace LogFlux.Sinks.Transport;

/// <summary>The <c>User-Agent</c> sent on every request: <c>logflux-dotnet-sdk/&lt;package version&gt;</c>.</summary>
internal static class UserAgent
{
    public static string Value { get; } = Build();

    private static string Build()
    {
        var assembly = typeof(UserAgent).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
        var plus = version.IndexOf('+');
        if (plus >= 0) version = version[..plus];
        return "logflux-dotnet-sdk/" + version;
    }
}
