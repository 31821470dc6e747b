using System.Reflection;
using PublicApiGenerator;

namespace LogFlux.Sinks.ApiApproval.Tests;

/// <summary>
/// The public API of every package, compared with the approved text committed beside these tests, so that an
/// accidental API change fails the build. An intended change is approved by copying the received file over the
/// approved one.
/// </summary>
public sealed class PublicApiApprovalTests
{
    private static IEnumerable<TestCaseData> Packages()
    {
        yield return Case(typeof(LogFluxClient));
        yield return Case(typeof(global::LogFlux.Sinks.Testing.LogFluxTestServer));
        yield return Case(typeof(global::LogFlux.Sinks.AspNetCore.LogFluxAspNetCoreOptions));
        yield return Case(typeof(global::Serilog.Sinks.LogFlux.LogFluxSinkStatus));
        yield return Case(typeof(global::NLog.Targets.LogFlux.LogFluxTarget));
        yield return Case(typeof(global::log4net.Appender.LogFlux.LogFluxAppender));
        yield return Case(typeof(global::LogFlux.Extensions.Logging.LogFluxLoggerProvider));
        yield return Case(typeof(global::LogFlux.OpenTelemetry.LogFluxExporterOptions));
    }

    // Assembly attributes (InternalsVisibleTo, build metadata) are not API a consumer can call. Microsoft.* namespaces
    // are left out by default; the logging provider's entry point (builder.Logging.AddLogFlux()) lives in one.
    private static readonly ApiGeneratorOptions Options = new() { IncludeAssemblyAttributes = false, AllowNamespacePrefixes = ["Microsoft.Extensions.Logging"] };

    [TestCaseSource(nameof(Packages))]
    public void Public_api_matches_the_approved_file(Assembly assembly)
    {
        var name = assembly.GetName().Name!;
        var received = Normalize(ApiGenerator.GeneratePublicApi(assembly, Options));
        var approvedPath = Path.Combine(ApprovedDirectory, name + ".approved.txt");
        var receivedPath = Path.Combine(ApprovedDirectory, name + ".received.txt");
        var approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : null;

        if (approved == received)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        Assert.Fail(
            (approved is null ? $"No approved public API for {name} yet." : $"The public API of {name} changed.") + Environment.NewLine +
            $"  received: {receivedPath}" + Environment.NewLine +
            $"  approved: {approvedPath}" + Environment.NewLine +
            $"Compare them (e.g. diff -u \"{approvedPath}\" \"{receivedPath}\"). If the change is intended, approve it by " +
            "copying the received file over the approved one and commit it:" + Environment.NewLine +
            $"  cp \"{receivedPath}\" \"{approvedPath}\"" + Environment.NewLine +
            FirstDifference(approved, received));
    }

    private static TestCaseData Case(Type typeInPackage)
    {
        var assembly = typeInPackage.Assembly;
        return new TestCaseData(assembly).SetArgDisplayNames(assembly.GetName().Name!);
    }

    private static string ApprovedDirectory =>
        typeof(PublicApiApprovalTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ApprovedDirectory").Value!;

    private static string Normalize(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";

    private static string FirstDifference(string? approved, string received)
    {
        if (approved is null) return string.Empty;
        var a = approved.Split('\n');
        var r = received.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, r.Length); i++)
        {
            var left = i < a.Length ? a[i] : "(end of file)";
            var right = i < r.Length ? r[i] : "(end of file)";
            if (left != right) return $"First difference at line {i + 1}:{Environment.NewLine}  approved: {left}{Environment.NewLine}  received: {right}";
        }
        return string.Empty;
    }
}
