using System.Text.RegularExpressions;

namespace LogFlux.Sinks.Aot.Tests.Support;

/// <summary>
/// The C compiler and linker Native AOT needs. The SDK runs <c>clang</c>; where only a versioned binary is installed
/// (Debian's <c>clang-14</c> package without the <c>clang</c> one), the publish is told its name.
/// </summary>
internal static partial class CppCompiler
{
    /// <summary>The value for <c>CppCompilerAndLinker</c>, or null when <c>clang</c> itself is on PATH (the SDK's default).</summary>
    /// <exception cref="AssertionException">No clang is installed.</exception>
    public static string? OverrideForPublish()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(Directory.Exists)
            .ToList();
        if (directories.Any(d => File.Exists(Path.Combine(d, "clang")))) return null;

        var versioned = directories
            .SelectMany(d => Directory.EnumerateFiles(d, "clang-*"))
            .Select(Path.GetFileName)
            .Select(name => VersionedClang().Match(name!))
            .Where(m => m.Success)
            .OrderByDescending(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Select(m => m.Value)
            .FirstOrDefault();
        return versioned ?? throw new AssertionException(
            "Native AOT publishing needs clang and none is on PATH (on Debian/Ubuntu: apt-get install clang zlib1g-dev; .ci/run installs it).");
    }

    [GeneratedRegex(@"^clang-(\d+)$")]
    private static partial Regex VersionedClang();
}
