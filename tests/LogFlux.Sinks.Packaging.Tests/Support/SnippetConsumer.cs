namespace LogFlux.Sinks.Packaging.Tests.Support;

/// <summary>
/// A fresh application built only from the documentation's marked snippets (see <see cref="DocSnippet"/>) and the
/// packed packages. Adding a package to the snippet test takes one entry in <see cref="All"/> and the markers in its docs.
/// </summary>
/// <param name="Name">The consumer name used in the markers.</param>
/// <param name="Packages">Package ids: the packed ones get the packed version; others the version in Directory.Packages.props.</param>
/// <param name="Delivered">What must arrive at the receiver once the app ran (its own API key is checked by the caller).</param>
/// <param name="Web">True for an ASP.NET Core app: it is started, sent <see cref="WebRequestPath"/>, and stopped.</param>
public sealed record SnippetConsumer(string Name, string[] Packages, Func<LogFlux.Sinks.Testing.ReceivedEntry, bool> Delivered, bool Web = false)
{
    public const string WebRequestPath = "/orders/42";

    public static readonly IReadOnlyList<SnippetConsumer> All =
    [
        new("core", ["LogFlux.Sinks.Core"], e => e.Message == "order placed"),
        new("serilog", ["Serilog.Sinks.LogFlux"], e => e.Message?.Contains("ord_1001", StringComparison.Ordinal) == true),
        new("serilog-json", ["Serilog.Sinks.LogFlux", "Serilog.Settings.Configuration", "Microsoft.Extensions.Configuration.Json"],
            e => e.Message?.Contains("ord_1001", StringComparison.Ordinal) == true),
        new("nlog", ["NLog.Targets.LogFlux"], e => e.Message?.Contains("ord-1001", StringComparison.Ordinal) == true),
        new("log4net", ["log4net.Appender.LogFlux"], e => e.Message == "order placed"),
        new("aspnetcore", ["LogFlux.Sinks.AspNetCore"], e => e.Type == "trace", Web: true),
    ];

    public override string ToString() => Name;
}
