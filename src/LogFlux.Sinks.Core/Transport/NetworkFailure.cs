using System.Net.Http;
using System.Net.Sockets;

namespace LogFlux.Sinks.Transport;

/// <summary>
/// Tells a failed request that never reached the server from one whose response was lost. Only the first kind
/// is certain: the entries of a lost response may have been stored, so they are neither "delivered" nor "dropped".
/// </summary>
internal static class NetworkFailure
{
    /// <summary>
    /// True when <paramref name="failure"/> happened before any byte of the request could reach the server:
    /// no connection (refused, unreachable), no name resolution, or a TLS handshake that failed. Anything else,
    /// timeouts included, may have happened after the server received the request.
    /// </summary>
    public static bool NeverReachedServer(Exception failure)
    {
        if (failure is HttpRequestException http)
        {
            switch (http.HttpRequestError)
            {
                case HttpRequestError.NameResolutionError:
                case HttpRequestError.SecureConnectionError:
                    return true;
                case HttpRequestError.ConnectionError:
                    // Also used for a pooled connection found dead while sending; only a failed connect is certain.
                    return http.InnerException is SocketException socket && IsConnectFailure(socket.SocketErrorCode);
            }
        }
        return false;
    }

    private static bool IsConnectFailure(SocketError error) => error is
        SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable or
        SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData or SocketError.AddressNotAvailable;
}
