using System.Globalization;
using System.Text.RegularExpressions;

namespace LogFlux.Sinks.Aot.Tests.Support;

/// <summary>
/// The C compiler and linker of the Native AOT publish. The SDK looks for <c>clang</c>, then <c>gcc</c>; where only a
/// versioned clang is installed (Debian's <c>clang-14</c> package without the <c>clang</c> one), the publish is told
/// its name.
/// </summary>
internal static partial class CppCompiler
{
    /// <summary>The value for <c>CppCompilerAndLinker</c>, or null to leave the choice to the SDK.</summary>
    public static string? OverrideForPublish()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(Directory.Exists)
            .ToList();
        if (directories.Any(d => File.Exists(Path.Combine(d, "clang")))) return null;

        return directories
            .SelectMany(d => Directory.EnumerateFiles(d, "clang-*"))
            .Select(path => VersionedClang().Match(Path.GetFileName(path)))
            .Where(m => m.Success)
            .OrderByDescending(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .Select(m => m.Value)
            .FirstOrDefault();
    }

    [GeneratedRegex(@"^clang-(\d+)$")]
    private static partial Regex VersionedClang();
}
