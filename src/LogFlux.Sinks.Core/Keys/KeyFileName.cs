using System.Security.Cryptography;
using System.Text;

namespace LogFlux.Sinks.Keys;

/// <summary>
/// The key file name (docs/protocol.md#key-file-location): lowercase hex SHA-256 of
/// <c>logflux-keyfile-v1 LF &lt;api key&gt; LF &lt;endpoint id&gt;</c>, plus <c>.json</c>. The hash is also the
/// file's <c>binding</c>, so a copied or renamed file is rejected.
/// </summary>
internal static class KeyFileName
{
    public static string Binding(string apiKey, string endpointId)
    {
        var input = Encoding.UTF8.GetBytes("logflux-keyfile-v1\n" + apiKey + "\n" + endpointId);
        try
        {
            return Convert.ToHexString(SHA256.HashData(input)).ToLowerInvariant();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }

    public static string FileName(string apiKey, string endpointId) => Binding(apiKey, endpointId) + ".json";
}
