using System.Text;
using Microsoft.AspNetCore.Http;

namespace LogFlux.Sinks.Throughput.Receiver;

/// <summary>Bytes of an HTTP/1.1 request on the wire, reconstructed from the parsed request (TCP/IP framing not counted).</summary>
internal static class WireSize
{
    public static long Of(HttpRequest request, long bodyBytes)
    {
        long size = Encoding.ASCII.GetByteCount(request.Method) + 1 + Encoding.UTF8.GetByteCount(request.Path.Value ?? "/")
            + Encoding.UTF8.GetByteCount(request.QueryString.Value ?? "") + 1 + request.Protocol.Length + 2;
        foreach (var header in request.Headers)
        {
            foreach (var value in header.Value)
                size += header.Key.Length + 2 + Encoding.UTF8.GetByteCount(value ?? "") + 2;
        }
        return size + 2 + bodyBytes;
    }
}
