using System.IO.Compression;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Xml.Linq;
using LogFlux.Sinks.Packaging.Tests.Support;
using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Packaging.Tests;

/// <summary>
/// Packs every library once, as the README's Install section says (one <c>dotnet pack</c> with a prerelease suffix
/// from the time), into a temporary feed; checks the packages' metadata; then builds, in one
/// restore and one build, a fresh console project that starts the packed receiver and sends through the packed Serilog
/// sink, logging provider, core client and OpenTelemetry exporter, and one fresh app per framework made only of the snippets marked in README.md and docs/*.md
/// (see <see cref="DocSnippet"/>), and runs each against a <see cref="LogFluxTestServer"/>.
/// </summary>
[NonParallelizable]
public sealed class PackagingTests
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan AppTimeout = TimeSpan.FromMinutes(1);
    private static readonly Guid SourceLinkDebugInformation = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");
    private const string FeedVariable = "LOGFLUX_FEED";

    private DirectoryInfo _work = null!;
    private List<string> _projects = null!;
    private string _feed = null!;
    private string _version = null!;
    private string _consumers = null!;
    private ChildProcess.Result _build = null!;
    private IReadOnlyList<DocSnippet> _snippets = null!;

    [OneTimeSetUp]
    public async Task PackAndBuildConsumers()
    {
        var root = RepositoryRoot;
        _projects = Directory.GetDirectories(Path.Combine(root, "src"))
            .Select(dir => Path.Combine(dir, Path.GetFileName(dir) + ".csproj"))
            .Where(File.Exists)
            .ToList();
        _work = Directory.CreateTempSubdirectory("logflux-packaging-");
        _feed = Directory.CreateDirectory(Path.Combine(_work.FullName, "feed")).FullName;
        await PackAsync(_work.FullName, _projects, _feed);
        _version = PackedVersion(_feed);

        _snippets = DocSnippet.ReadAll(root);
        (_consumers, var consumerProjects) = WriteConsumers(_work.FullName, root);
        var environment = BuildEnvironment();
        var solution = await ChildProcess.RunAsync(ChildProcess.DotnetHost, ["new", "sln", "--name", "Consumers", "--format", "sln"], _consumers, RunTimeout, environment);
        Assert.That(solution.ExitCode, Is.EqualTo(0), solution.Output);
        var add = await ChildProcess.RunAsync(ChildProcess.DotnetHost, ["sln", "Consumers.sln", "add", .. consumerProjects], _consumers, RunTimeout, environment);
        Assert.That(add.ExitCode, Is.EqualTo(0), add.Output);
        _build = await ChildProcess.RunAsync(ChildProcess.DotnetHost, ["build", "Consumers.sln", "-c", "Release", "-nodeReuse:false"],
            _consumers, PackTimeout, BuildEnvironment());
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        if (_version is not null) RemoveFromPackageCache(_projects.Select(Path.GetFileNameWithoutExtension)!, _version);
        _work?.Delete(recursive: true);
    }

    [Test]
    public void Every_library_is_packed_with_metadata_symbols_and_a_fresh_prerelease_version()
    {
        Assert.That(_projects.Select(Path.GetFileNameWithoutExtension), Is.SupersetOf(new[]
        {
            "LogFlux.Sinks.Core", "LogFlux.Sinks.Testing", "Serilog.Sinks.LogFlux", "NLog.Targets.LogFlux", "log4net.Appender.LogFlux",
            "LogFlux.Extensions.Logging",
            "LogFlux.OpenTelemetry",
        }));
        Assert.That(_version, Does.Match(@"^\d+\.\d+\.\d+-dev\.\d{14}$"), "every pack stamps a newer prerelease version");
        foreach (var project in _projects) AssertPackage(_feed, Path.GetFileNameWithoutExtension(project), _version);
    }

    [Test]
    [CancelAfter(5 * 60 * 1000)]
    public async Task Packed_libraries_install_into_a_fresh_app_that_delivers_through_them()
    {
        var app = Path.Combine(_consumers, "app");
        var run = await ChildProcess.RunAsync(ChildProcess.DotnetHost, [BuiltAssembly(app, "ConsumerApp")], app, RunTimeout, ChildProcess.DotnetEnvironment());
        Assert.That(run.ExitCode, Is.EqualTo(0), "The consumer app failed:\n" + run.Output);
        Assert.That(run.Output, Does.Contain("PACKAGES-DELIVERED"), run.Output);
    }

    [Test]
    public void Every_marked_snippet_belongs_to_a_consumer_and_every_consumer_has_a_program()
    {
        var names = SnippetConsumer.All.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        Assert.That(_snippets.Where(s => s.Consumer != "*" && !names.Contains(s.Consumer)).Select(s => s.Location), Is.Empty, "markers naming no known consumer");
        foreach (var consumer in SnippetConsumer.All)
            Assert.That(_snippets.Count(s => s.Consumer == consumer.Name && s.File == "Program.cs"), Is.EqualTo(1), $"{consumer.Name}: one marked Program.cs");
    }

    [TestCaseSource(typeof(SnippetConsumer), nameof(SnippetConsumer.All))]
    [CancelAfter(3 * 60 * 1000)]
    public async Task The_documented_quick_start_compiles_and_delivers(SnippetConsumer consumer)
    {
        var folder = Path.Combine(_consumers, consumer.Name);
        var assembly = BuiltAssembly(folder, $"Consumer.{consumer.Name}");
        Assert.That(assembly, Does.Exist, $"{consumer.Name} did not build from the documented snippets ({string.Join(", ", SnippetsOf(consumer).Select(s => s.Location))}):\n{BuildErrors(consumer)}");

        await using var server = await LogFluxTestServer.StartAsync();
        var apiKey = $"eu-lf_snippet{Guid.NewGuid():N}";
        var environment = ChildProcess.DotnetEnvironment();
        environment["LOGFLUX_API_KEY"] = apiKey;
        environment["LOGFLUX_CUSTOM_ENDPOINT_URL"] = server.BaseUrl;
        environment["LOGFLUX_KEY_PERSISTENCE"] = "false";

        string output;
        if (consumer.Web)
        {
            output = await RunWebAppAsync(assembly, folder, environment,
                () => server.WaitForEntryAsync(e => e.ApiKey == apiKey && consumer.Delivered(e), TimeSpan.FromSeconds(30)));
        }
        else
        {
            var run = await ChildProcess.RunAsync(ChildProcess.DotnetHost, [assembly], folder, AppTimeout, environment);
            output = run.Output;
            Assert.That(run.ExitCode, Is.EqualTo(0), $"{consumer.Name} failed:\n{output}");
        }

        var delivered = server.Entries.Where(e => e.ApiKey == apiKey).ToList();
        if (!delivered.Any(consumer.Delivered))
        {
            // The web app sends its span in the background; give it a bounded moment.
            try { await server.WaitForEntryAsync(e => e.ApiKey == apiKey && consumer.Delivered(e), TimeSpan.FromSeconds(20)); }
            catch (TimeoutException) { }
            delivered = server.Entries.Where(e => e.ApiKey == apiKey).ToList();
        }
        Assert.That(delivered, Has.Some.Matches<ReceivedEntry>(e => consumer.Delivered(e)),
            $"{consumer.Name}: the expected entry did not arrive; received {delivered.Count}:\n{string.Join("\n", delivered)}\noutput:\n{output}");
    }

    private IEnumerable<DocSnippet> SnippetsOf(SnippetConsumer consumer) => _snippets.Where(s => s.Consumer == consumer.Name || s.Consumer == "*");

    private string BuildErrors(SnippetConsumer consumer)
    {
        var project = $"Consumer.{consumer.Name}.csproj";
        var lines = _build.Output.Split('\n').Where(l => l.Contains(project, StringComparison.Ordinal) && (l.Contains("error", StringComparison.OrdinalIgnoreCase))).Distinct().ToList();
        return lines.Count > 0 ? string.Join("\n", lines) : _build.Output;
    }

    /// <summary>Writes the consumer projects; returns their folder and project files.</summary>
    private (string Folder, List<string> Projects) WriteConsumers(string work, string root)
    {
        var folder = Directory.CreateDirectory(Path.Combine(work, "consumers")).FullName;
        // Stop MSBuild and NuGet from picking up build or package settings from folders above the temp folder.
        File.WriteAllText(Path.Combine(work, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(work, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(work, "Directory.Packages.props"), "<Project />");
        // The README's nuget.config, as written there; the build sets LOGFLUX_FEED to the feed.
        foreach (var snippet in _snippets.Where(s => s.Consumer == "*" && s.File == "nuget.config"))
            File.WriteAllText(Path.Combine(folder, snippet.File), snippet.Content);

        var projects = new List<string> { WriteConsumerApp(folder, _feed, _version) };
        var central = ConsumerProject.CentralVersions(root);
        var packed = _projects.Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.OrdinalIgnoreCase);
        string VersionOf(string id) => packed.Contains(id) ? _version : central.TryGetValue(id, out var v) ? v : throw new InvalidOperationException($"No version for package {id} in Directory.Packages.props.");
        foreach (var consumer in SnippetConsumer.All)
        {
            var own = _snippets.Where(s => s.Consumer == consumer.Name).ToList();
            projects.Add(ConsumerProject.Write(folder, consumer, own, VersionOf));
        }
        return (folder, projects);
    }

    /// <summary>Starts the web app, sends it one request, and keeps it running until <paramref name="delivered"/> completes (or times out).</summary>
    private static async Task<string> RunWebAppAsync(string assembly, string folder, Dictionary<string, string?> environment, Func<Task> delivered)
    {
        var port = FreePort();
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        using var app = RunningApp.Start(ChildProcess.DotnetHost, [assembly], folder, environment);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + AppTimeout;
        while (true)
        {
            Assert.That(app.HasExited, Is.False, $"the web app ended early:\n{app.Output}");
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{port}{SnippetConsumer.WebRequestPath}");
                if (response.IsSuccessStatusCode) break;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline) Assert.Fail($"the web app did not answer within {AppTimeout.TotalSeconds:0} s:\n{app.Output}");
            await Task.Delay(200);
        }
        try
        {
            await delivered();
        }
        catch (TimeoutException)
        {
            // Asserted by the caller, with what did arrive.
        }
        return app.Output;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Dictionary<string, string?> BuildEnvironment()
    {
        var environment = ChildProcess.DotnetEnvironment();
        environment[FeedVariable] = _feed;
        return environment;
    }

    private static string BuiltAssembly(string projectFolder, string name) => Path.Combine(projectFolder, "bin", "Release", "net10.0", name + ".dll");

    /// <summary>The version of the packages in the feed (all share it: one pack).</summary>
    private static string PackedVersion(string feed)
    {
        const string prefix = "LogFlux.Sinks.Core.";
        var core = Directory.GetFiles(feed, prefix + "*.nupkg").Select(Path.GetFileNameWithoutExtension).Single()!;
        return core[prefix.Length..];
    }

    /// <summary>One pack of all libraries through a temporary solution, built in its own artifacts folder so it never touches the tree's bin/obj; with one prerelease suffix from the time, as the README's Install section does.</summary>
    private static async Task PackAsync(string work, IReadOnlyList<string> projects, string feed)
    {
        var environment = ChildProcess.DotnetEnvironment();
        var dotnet = ChildProcess.DotnetHost;
        var solution = await ChildProcess.RunAsync(dotnet, ["new", "sln", "--name", "Pack", "--format", "sln"], work, RunTimeout, environment);
        Assert.That(solution.ExitCode, Is.EqualTo(0), solution.Output);
        var add = await ChildProcess.RunAsync(dotnet, ["sln", "Pack.sln", "add", .. projects], work, RunTimeout, environment);
        Assert.That(add.ExitCode, Is.EqualTo(0), add.Output);

        var pack = await ChildProcess.RunAsync(dotnet,
            ["pack", "Pack.sln", "-c", "Release", "-o", feed, "--artifacts-path", Path.Combine(work, "artifacts"), "--version-suffix", $"dev.{DateTime.UtcNow:yyyyMMddHHmmss}", "-nodeReuse:false"],
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

    /// <summary>The hand-written consumer app (templates in ConsumerApp/); returns its project file.</summary>
    private static string WriteConsumerApp(string consumers, string feed, string version)
    {
        var app = Directory.CreateDirectory(Path.Combine(consumers, "app")).FullName;
        var templates = Path.Combine(AppContext.BaseDirectory, "ConsumerApp");
        var project = Path.Combine(app, "ConsumerApp.csproj");
        File.WriteAllText(project, File.ReadAllText(Path.Combine(templates, "ConsumerApp.csproj.template")).Replace("{{VERSION}}", version));
        File.WriteAllText(Path.Combine(app, "Program.cs"), File.ReadAllText(Path.Combine(templates, "Program.cs.template")));
        // The feed by its absolute path, besides the README's nuget.config one folder up.
        new XDocument(new XElement("configuration",
            new XElement("packageSources", new XElement("add", new XAttribute("key", "logflux-packed"), new XAttribute("value", feed))))).Save(Path.Combine(app, "nuget.config"));
        return project;
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
