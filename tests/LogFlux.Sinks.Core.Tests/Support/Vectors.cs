using System.Text.Json;

namespace LogFlux.Sinks.Core.Tests.Support;

/// <summary>
/// Loads the known-answer vectors (<c>TestData/protocol-vectors.json</c> in the test output directory)
/// and decodes their hex and base64 fields.
/// </summary>
public static class Vectors
{
    private static readonly Lazy<JsonDocument> s_document = new(Load);

    /// <summary>The whole vector document.</summary>
    public static JsonElement Root => s_document.Value.RootElement;

    /// <summary>A top-level section, e.g. <c>aes_gcm</c> or <c>multipart</c>.</summary>
    public static JsonElement Section(string name) => Root.GetProperty(name);

    /// <summary>The elements of an array section.</summary>
    public static IEnumerable<JsonElement> Cases(string section) => Section(section).EnumerateArray();

    /// <summary>The string property <paramref name="name"/> of <paramref name="element"/>.</summary>
    public static string Text(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    /// <summary>The hex property <paramref name="name"/> decoded.</summary>
    public static byte[] Hex(this JsonElement element, string name) => Convert.FromHexString(element.Text(name));

    /// <summary>The base64 property <paramref name="name"/> decoded.</summary>
    public static byte[] Base64(this JsonElement element, string name) => Convert.FromBase64String(element.Text(name));

    /// <summary>Path of the vector file.</summary>
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "TestData", "protocol-vectors.json");

    private static JsonDocument Load() => JsonDocument.Parse(File.ReadAllBytes(FilePath));
}
