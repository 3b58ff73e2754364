using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace GoModLens.Infrastructure.Http;

/// <summary>Go's spelling of socket-level errors (syscall.Errno strings, net.OpError layout).</summary>
internal static class NetErrorText
{
    public static string EndPoint(EndPoint? ep) => ep switch
    {
        IPEndPoint { AddressFamily: AddressFamily.InterNetworkV6 } ip => "[" + ip.Address + "]:" + ip.Port.ToString(CultureInfo.InvariantCulture),
        IPEndPoint ip => ip.Address.MapToIPv4() + ":" + ip.Port.ToString(CultureInfo.InvariantCulture),
        null => "",
        _ => ep.ToString() ?? "",
    };

    public static string Errno(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.ConnectionReset => "connection reset by peer",
        SocketError.NetworkUnreachable => "network is unreachable",
        SocketError.HostUnreachable => "no route to host",
        SocketError.TimedOut => "connection timed out",
        SocketError.ConnectionAborted => "software caused connection abort",
        SocketError.Shutdown => "broken pipe",
        SocketError.AddressNotAvailable => "cannot assign requested address",
        _ => error.ToString(),
    };
}
