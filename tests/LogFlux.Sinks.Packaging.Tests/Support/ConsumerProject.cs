using System.Security;
using System.Xml.Linq;

namespace LogFlux.Sinks.Packaging.Tests.Support;

/// <summary>Writes a <see cref="SnippetConsumer"/>'s project: its marked files, and a project file referencing its packages.</summary>
internal static class ConsumerProject
{
    /// <summary>Writes the project under <paramref name="parent"/>; returns the project file's path.</summary>
    /// <param name="parent">The folder the consumer's own folder is created in.</param>
    /// <param name="consumer">The consumer.</param>
    /// <param name="snippets">Its marked snippets (from the docs).</param>
    /// <param name="versionOf">The version to reference for a package id.</param>
    public static string Write(string parent, SnippetConsumer consumer, IReadOnlyList<DocSnippet> snippets, Func<string, string> versionOf)
    {
        var folder = Directory.CreateDirectory(Path.Combine(parent, consumer.Name)).FullName;
        var items = new List<string>();
        foreach (var snippet in snippets)
        {
            if (snippet.File == DocSnippet.ProjectItems) items.Add(snippet.Content);
            else File.WriteAllText(Path.Combine(folder, snippet.File), snippet.Content);
        }
        var references = string.Concat(consumer.Packages.Select(id =>
            $"""
                <PackageReference Include="{SecurityElement.Escape(id)}" Version="{SecurityElement.Escape(versionOf(id))}" />

            """));
        var project = $"""
            <Project Sdk="{(consumer.Web ? "Microsoft.NET.Sdk.Web" : "Microsoft.NET.Sdk")}">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
            {references}  </ItemGroup>
            {string.Concat(items)}</Project>
            """;
        // Parse to fail early, with the snippet's text, when a marked project fragment is not well-formed XML.
        XDocument.Parse(project);
        var path = Path.Combine(folder, $"Consumer.{consumer.Name}.csproj");
        File.WriteAllText(path, project);
        return path;
    }

    /// <summary>The versions in the repository's Directory.Packages.props, by package id.</summary>
    public static IReadOnlyDictionary<string, string> CentralVersions(string root) =>
        XDocument.Load(Path.Combine(root, "Directory.Packages.props")).Descendants()
            .Where(e => e.Name.LocalName == "PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
}
