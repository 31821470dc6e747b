using System.Text.Json;

namespace LogFlux.Sinks.Core.Tests.Security;

/// <summary>Temp directories and file reading shared by the security tests.</summary>
internal static class SecurityFiles
{
    public static string NewDirectory(string prefix) => Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));

    public static void Delete(string directory)
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    public static string[] FilesUnder(string directory) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory, "*", SearchOption.AllDirectories) : [];

    /// <summary>The <c>aes_key</c> of every key file under <paramref name="directory"/>.</summary>
    public static IEnumerable<string> PersistedAesKeys(string directory)
    {
        foreach (var file in FilesUnder(directory).Where(f => f.EndsWith(".json", StringComparison.Ordinal)))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            if (document.RootElement.TryGetProperty("aes_key", out var key) && key.GetString() is { Length: > 0 } text) yield return text;
        }
    }

    /// <summary>Every file's bytes; a file held exclusively by the running client (the lock file) is skipped.</summary>
    public static IEnumerable<(string Path, byte[] Bytes)> ReadAll(string directory)
    {
        foreach (var file in FilesUnder(directory))
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file);
            }
            catch (IOException)
            {
                continue;
            }
            yield return (file, bytes);
        }
    }
}
