using System.Text.Json;

namespace LogFlux.Sinks.Testing.Tests.Support;

/// <summary>The shared known-answer vectors (TestData/protocol-vectors.json).</summary>
internal static class Vectors
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "protocol-vectors.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static JsonElement Rsa => Root.GetProperty("rsa_oaep");

    public static JsonElement Multipart(int index) => Root.GetProperty("multipart")[index];

    public static string RsaPrivateKeyPem => Rsa.GetProperty("private_key_pem").GetString()!;

    public static byte[] RsaAesKey => Convert.FromHexString(Rsa.GetProperty("aes_key_hex").GetString()!);

    public static byte[] StandardCiphertext => Convert.FromBase64String(Rsa.GetProperty("ciphertext_b64").GetString()!);

    public static byte[] JavaCiphertext => Convert.FromBase64String(Rsa.GetProperty("java_sdk_variant").GetProperty("ciphertext_b64").GetString()!);

    public static string S(this JsonElement element, string name) => element.GetProperty(name).GetString()!;
}
