using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using LogFlux.Sinks.Packaging.Tests.Support;

namespace LogFlux.Sinks.Aot.Tests.Support;

/// <summary>samples/Aot.Sample published as a Native AOT binary for linux-x64 into a temporary folder.</summary>
internal sealed partial class NativeSample : IDisposable
{
    // Generous: the ILCompiler packages may still have to be restored, and CI shares two cores with other test assemblies.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(15);

    private readonly DirectoryInfo _work;

    private NativeSample(DirectoryInfo work, ChildProcess.Result publish, TimeSpan publishTime)
    {
        _work = work;
        Publish = publish;
        PublishTime = publishTime;
    }

    /// <summary>The exit code and combined output of <c>dotnet publish</c>.</summary>
    public ChildProcess.Result Publish { get; }

    /// <summary>How long the publish took (reported, never asserted).</summary>
    public TimeSpan PublishTime { get; }

    /// <summary>The native executable.</summary>
    public string Executable => Path.Combine(_work.FullName, "publish", "Aot.Sample");

    /// <summary>Every trim (IL2xxx) and AOT (IL3xxx) warning line of the publish output.</summary>
    public IReadOnlyList<string> TrimAndAotWarnings =>
        Publish.Output.Split('\n').Where(line => TrimOrAotWarning().IsMatch(line)).Select(line => line.TrimEnd()).Distinct().ToList();

    /// <summary>
    /// Publishes the sample. The native intermediate folder is a fresh temporary one, so the compiler always runs and
    /// reports its warnings (an up-to-date native object in the tree's obj folder would skip it, and them).
    /// </summary>
    public static async Task<NativeSample> PublishAsync()
    {
        var work = Directory.CreateTempSubdirectory("logflux-aot-");
        var project = Path.Combine(RepositoryRoot, "samples", "Aot.Sample", "Aot.Sample.csproj");
        var arguments = new List<string>
        {
            "publish", project, "-c", "Release", "-r", "linux-x64",
            "-o", Path.Combine(work.FullName, "publish"),
            $"-p:NativeIntermediateOutputPath={Path.Combine(work.FullName, "native")}{Path.DirectorySeparatorChar}",
            "-nodeReuse:false",
        };
        if (CppCompiler.OverrideForPublish() is { } compiler) arguments.Add($"-p:CppCompilerAndLinker={compiler}");

        var watch = Stopwatch.StartNew();
        var publish = await ChildProcess.RunAsync(ChildProcess.DotnetHost, arguments, RepositoryRoot, PublishTimeout, ChildProcess.DotnetEnvironment());
        return new NativeSample(work, publish, watch.Elapsed);
    }

    public void Dispose() => _work.Delete(recursive: true);

    private static string RepositoryRoot =>
        typeof(NativeSample).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    // "ILC : Trim analysis warning IL2072: ...", "... AOT analysis warning IL3050: ...", "warning IL2104: ...".
    [GeneratedRegex(@"\bwarning\s+IL[23]\d{3}\b")]
    private static partial Regex TrimOrAotWarning();
}
