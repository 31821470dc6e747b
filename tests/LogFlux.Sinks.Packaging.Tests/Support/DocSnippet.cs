using System.Text.RegularExpressions;

namespace LogFlux.Sinks.Packaging.Tests.Support;

/// <summary>
/// A code block of README.md or docs/*.md marked as a file of a consumer app: the line
/// <c>&lt;!-- consumer: NAME FILE --&gt;</c> right before a fenced block. <c>NAME</c> <c>*</c> means every consumer; the
/// file <c>items.csproj</c> is an <c>&lt;ItemGroup&gt;</c> added to the consumer's project file.
/// </summary>
internal sealed partial record DocSnippet(string Consumer, string File, string Content, string Location)
{
    public const string ProjectItems = "items.csproj";

    /// <summary>Every marked block of README.md and docs/*.md under <paramref name="root"/>.</summary>
    public static IReadOnlyList<DocSnippet> ReadAll(string root)
    {
        var files = new List<string> { Path.Combine(root, "README.md") };
        var docs = Path.Combine(root, "docs");
        if (Directory.Exists(docs)) files.AddRange(Directory.GetFiles(docs, "*.md").Order(StringComparer.Ordinal));
        return files.SelectMany(file => Read(file, Path.GetRelativePath(root, file))).ToList();
    }

    private static IEnumerable<DocSnippet> Read(string path, string name)
    {
        var lines = System.IO.File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var marker = Marker().Match(lines[i]);
            if (!marker.Success) continue;
            var location = $"{name}:{i + 1}";
            if (i + 1 >= lines.Length || !lines[i + 1].StartsWith("```", StringComparison.Ordinal))
                throw new FormatException($"{location}: a consumer marker must be followed directly by a fenced code block.");
            var end = Array.FindIndex(lines, i + 2, l => l.StartsWith("```", StringComparison.Ordinal));
            if (end < 0) throw new FormatException($"{location}: the code block is not closed.");
            var content = string.Join('\n', lines[(i + 2)..end]) + "\n";
            yield return new DocSnippet(marker.Groups["consumer"].Value, marker.Groups["file"].Value, content, location);
            i = end;
        }
    }

    [GeneratedRegex(@"^<!-- consumer: (?<consumer>[\w*-]+) (?<file>[\w.-]+) -->$")]
    private static partial Regex Marker();
}
