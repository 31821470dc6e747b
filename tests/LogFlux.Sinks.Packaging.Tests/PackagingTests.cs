using System.IO.Compression;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Xml.Linq;
using LogFlux.Sinks.Packaging.Tests.Support;

namespace LogFlux.Sinks.Packaging.Tests;

/// <summary>
/// Packs every library with a unique prerelease version into a temporary feed, checks the packages' metadata,
/// then installs them into a fresh console project (nuget.config: that feed plus the usual sources) and runs
/// it: the app starts the packed receiver and sends through the packed Serilog sink, logging provider and core client.
/// </summary>
public sealed class PackagingTests
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);
    private static readonly Guid SourceLinkDebugInformation = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    [Test]
    [CancelAfter(13 * 60 * 1000)]
    public async Task Packed_libraries_install_into_a_fresh_app_that_delivers_through_them()
    {
        var root = RepositoryRoot;
        var projects = Directory.GetDirectories(Path.Combine(root, "src"))
            .Select(dir => Path.Combine(dir, Path.GetFileName(dir) + ".csproj"))
            .Where(File.Exists)
            .ToList();
        Assert.That(projects.Select(Path.GetFileNameWithoutExtension), Is.SupersetOf(new[]
        {
            "LogFlux.Sinks.Core", "LogFlux.Sinks.Testing", "Serilog.Sinks.LogFlux", "NLog.Targets.LogFlux", "log4net.Appender.LogFlux",
            "LogFlux.Extensions.Logging",
            "LogFlux.OpenTelemetry",
        }));

        var version = $"1.0.0-packtest.{DateTime.UtcNow:yyyyMMddHHmmss}.{Random.Shared.Next(1, 1_000_000)}";
        var work = Directory.CreateTempSubdirectory("logflux-packaging-");
        try
        {
            var feed = Directory.CreateDirectory(Path.Combine(work.FullName, "feed")).FullName;
            await PackAsync(work.FullName, projects, feed, version);
            foreach (var project in projects) AssertPackage(feed, Path.GetFileNameWithoutExtension(project), version);

            var app = WriteConsumerApp(work.FullName, feed, version);
            var run = await ChildProcess.RunAsync(ChildProcess.DotnetHost, ["run", "-c", "Release"], app, RunTimeout, ChildProcess.DotnetEnvironment());
            Assert.That(run.ExitCode, Is.EqualTo(0), "The consumer app failed:\n" + run.Output);
            Assert.That(run.Output, Does.Contain("PACKAGES-DELIVERED"), run.Output);
        }
        finally
        {
            RemoveFromPackageCache(projects.Select(Path.GetFileNameWithoutExtension)!, version);
            work.Delete(recursive: true);
        }
    }

    /// <summary>One pack of all libraries through a temporary solution, built in its own artifacts folder so it never touches the tree's bin/obj.</summary>
    private static async Task PackAsync(string work, IReadOnlyList<string> projects, string feed, string version)
    {
        var environment = ChildProcess.DotnetEnvironment();
        var dotnet = ChildProcess.DotnetHost;
        var solution = await ChildProcess.RunAsync(dotnet, ["new", "sln", "--name", "Pack", "--format", "sln"], work, RunTimeout, environment);
        Assert.That(solution.ExitCode, Is.EqualTo(0), solution.Output);
        var add = await ChildProcess.RunAsync(dotnet, ["sln", "Pack.sln", "add", .. projects], work, RunTimeout, environment);
        Assert.That(add.ExitCode, Is.EqualTo(0), add.Output);

        var pack = await ChildProcess.RunAsync(dotnet,
            ["pack", "Pack.sln", "-c", "Release", "-o", feed, "--artifacts-path", Path.Combine(work, "artifacts"), $"-p:Version={version}", "-nodeReuse:false"],
            work, PackTimeout, environment);
        Assert.That(pack.ExitCode, Is.EqualTo(0), "dotnet pack failed:\n" + pack.Output);
    }

    private static void AssertPackage(string feed, string id, string version)
    {
        var package = Path.Combine(feed, $"{id}.{version}.nupkg");
        Assert.That(package, Does.Exist, $"package {id}");
        var symbolPackage = Path.Combine(feed, $"{id}.{version}.snupkg");
        Assert.That(symbolPackage, Does.Exist, $"symbol package {id}");

        using var zip = ZipFile.OpenRead(package);
        var nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var nuspecStream = nuspecEntry.Open();
        var metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
        var repository = metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "repository");
        var license = metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "license");

        Assert.Multiple(() =>
        {
            Assert.That(Field("id"), Is.EqualTo(id));
            Assert.That(Field("version"), Is.EqualTo(version));
            Assert.That(Field("description"), Is.Not.Empty, $"{id} description");
            Assert.That(Field("readme"), Is.EqualTo("README.md"), $"{id} readme");
            Assert.That(zip.GetEntry("README.md"), Is.Not.Null, $"{id} README.md in the package");
            Assert.That(license?.Attribute("type")?.Value, Is.EqualTo("expression"), $"{id} license");
            Assert.That(license?.Value, Is.Not.Empty, $"{id} license");
            Assert.That(repository?.Attribute("url")?.Value, Does.StartWith("https://"), $"{id} repository url");
            Assert.That(zip.Entries.Select(e => e.FullName), Has.Some.EqualTo($"lib/net8.0/{id}.dll").And.Some.EqualTo($"lib/net10.0/{id}.dll"));
            Assert.That(zip.Entries.Select(e => e.FullName), Has.Some.EqualTo($"lib/net10.0/{id}.xml"), $"{id} XML documentation");
            Assert.That(IsDeterministic(zip, $"lib/net10.0/{id}.dll"), Is.True, $"{id} built deterministically");
            Assert.That(SourceLinkJson(symbolPackage, $"lib/net10.0/{id}.pdb"), Does.Contain("\"documents\"").And.Contain("https://"), $"{id} SourceLink");
        });
    }

    /// <summary>A deterministic compilation marks the assembly with a Reproducible debug directory entry.</summary>
    private static bool IsDeterministic(ZipArchive package, string assemblyPath)
    {
        using var pe = new PEReader(Read(package, assemblyPath));
        return pe.ReadDebugDirectory().Any(entry => entry.Type == DebugDirectoryEntryType.Reproducible);
    }

    /// <summary>The SourceLink map embedded in the portable PDB of the symbol package, or null.</summary>
    private static string? SourceLinkJson(string symbolPackage, string pdbPath)
    {
        using var symbols = ZipFile.OpenRead(symbolPackage);
        using var provider = MetadataReaderProvider.FromPortablePdbStream(Read(symbols, pdbPath));
        var reader = provider.GetMetadataReader();
        foreach (var handle in reader.CustomDebugInformation)
        {
            var information = reader.GetCustomDebugInformation(handle);
            if (reader.GetGuid(information.Kind) == SourceLinkDebugInformation) return Encoding.UTF8.GetString(reader.GetBlobBytes(information.Value));
        }
        return null;
    }

    private static MemoryStream Read(ZipArchive archive, string path)
    {
        var entry = archive.GetEntry(path) ?? throw new AssertionException($"{path} is not in the package");
        var copy = new MemoryStream();
        using (var stream = entry.Open()) stream.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    private static string WriteConsumerApp(string work, string feed, string version)
    {
        var app = Directory.CreateDirectory(Path.Combine(work, "app")).FullName;
        var templates = Path.Combine(AppContext.BaseDirectory, "ConsumerApp");
        File.WriteAllText(Path.Combine(app, "ConsumerApp.csproj"), File.ReadAllText(Path.Combine(templates, "ConsumerApp.csproj.template")).Replace("{{VERSION}}", version));
        File.WriteAllText(Path.Combine(app, "Program.cs"), File.ReadAllText(Path.Combine(templates, "Program.cs.template")));
        // Stop MSBuild and NuGet from picking up build or package settings from folders above the temp folder.
        File.WriteAllText(Path.Combine(work, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(work, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(work, "Directory.Packages.props"), "<Project />");
        // The feed comes first; the usual sources of this machine (user and machine nuget.config) stay in place.
        new XDocument(new XElement("configuration",
            new XElement("packageSources", new XElement("add", new XAttribute("key", "logflux-packed"), new XAttribute("value", feed))))).Save(Path.Combine(app, "nuget.config"));
        return app;
    }

    /// <summary>The unique test version is never needed again; keep it out of the shared package cache.</summary>
    private static void RemoveFromPackageCache(IEnumerable<string> ids, string version)
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in ids)
        {
            var idFolder = Path.Combine(cache, id.ToLowerInvariant());
            var folder = Path.Combine(idFolder, version);
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            if (Directory.Exists(idFolder) && !Directory.EnumerateFileSystemEntries(idFolder).Any()) Directory.Delete(idFolder);
        }
    }

    private static string RepositoryRoot =>
        typeof(PackagingTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
}
