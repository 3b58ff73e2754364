using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;
using GoModLens.Analysis.Ports;

namespace GoModLens.Infrastructure.Dns;

/// <summary>
/// Resolves A/AAAA records by asking the given DNS servers directly (DnsClient), so the answer code is visible:
/// NXDOMAIN → go's <c>no such host</c>, SERVFAIL/REFUSED → <c>server misbehaving</c>, no answer → <c>i/o timeout</c>.
/// </summary>
public sealed class DnsClientHostResolver : IHostResolver
{
    private readonly LookupClient _client;
    private readonly IPEndPoint _reportedServer;

    public DnsClientHostResolver(IReadOnlyList<IPEndPoint> servers, TimeSpan timeout)
    {
        if (servers.Count == 0)
        {
            throw new ArgumentException("at least one DNS server is needed", nameof(servers));
        }

        _reportedServer = servers[0];
        _client = new LookupClient(new LookupClientOptions(servers.ToArray())
        {
            Timeout = timeout,
            Retries = 0,
            UseCache = false,
            ThrowDnsErrors = false,
            ContinueOnDnsError = false,
            ContinueOnEmptyResponse = false,
            UseTcpFallback = true,
        });
    }

    /// <summary>A resolver for the name servers in /etc/resolv.conf (what go's pure resolver reads on Linux).</summary>
    public static DnsClientHostResolver FromSystem(TimeSpan timeout)
    {
        var servers = NameServer.ResolveNameServers(skipIPv6SiteLocal: true, fallbackToGooglePublicDns: false)
            .Select(n => new IPEndPoint(IPAddress.Parse(n.Address), n.Port)).ToList();
        if (servers.Count == 0)
        {
            // go falls back to 127.0.0.1:53 and ::1:53 when resolv.conf lists none.
            servers.Add(new IPEndPoint(IPAddress.Loopback, 53));
        }

        return new DnsClientHostResolver(servers, timeout);
    }

    /// <summary>The server address go would name in its message (<c>on host:port</c>).</summary>
    public string ReportedServer => FormatEndPoint(_reportedServer);

    public async ValueTask<HostResolution> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return HostResolution.Ok([literal]);
        }

        var prefix = $"lookup {host} on {ReportedServer}: ";
        try
        {
            var a = await _client.QueryAsync(host, QueryType.A, QueryClass.IN, cancellationToken);
            var failure = Classify(a, prefix);
            if (failure is not null)
            {
                return failure;
            }

            var addresses = a.Answers.OfType<ARecord>().Select(r => r.Address).ToList();
            if (addresses.Count == 0)
            {
                var aaaa = await _client.QueryAsync(host, QueryType.AAAA, QueryClass.IN, cancellationToken);
                failure = Classify(aaaa, prefix);
                if (failure is not null)
                {
                    return failure;
                }

                addresses.AddRange(aaaa.Answers.OfType<AaaaRecord>().Select(r => r.Address));
            }

            return addresses.Count > 0
                ? HostResolution.Ok(addresses)
                : HostResolution.Failed(FailureKind.DnsNotFound, prefix + "no such host");
        }
        catch (DnsResponseException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return FromException(ex, prefix);
        }
    }

    private static HostResolution? Classify(IDnsQueryResponse response, string prefix)
    {
        return response.Header.ResponseCode switch
        {
            DnsHeaderResponseCode.NoError => null,
            DnsHeaderResponseCode.NotExistentDomain => HostResolution.Failed(FailureKind.DnsNotFound, prefix + "no such host"),
            _ => HostResolution.Failed(FailureKind.DnsServerFailure, prefix + "server misbehaving"),
        };
    }

    private HostResolution FromException(DnsResponseException ex, string prefix)
    {
        // An ICMP port-unreachable surfaces as a SocketException: the resolver is down, not slow.
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.ConnectionReset })
            {
                return HostResolution.Failed(FailureKind.DnsServerFailure, prefix + ReadUdp() + "read: connection refused");
            }
        }

        if (ex.Code == DnsResponseCode.ConnectionTimeout)
        {
            return HostResolution.Failed(FailureKind.DnsTimeout, prefix + ReadUdp() + "i/o timeout");
        }

        return HostResolution.Failed(FailureKind.DnsServerFailure, prefix + "server misbehaving");
    }

    /// <summary>
    /// go's "read udp LOCAL->SERVER: " part. DnsClient does not expose its socket, so LOCAL is the address the OS picks
    /// for a UDP socket to the same server (the interface is exact; the port is ephemeral, as go's is on every query).
    /// </summary>
    private string ReadUdp()
    {
        try
        {
            using var probe = new Socket(_reportedServer.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            probe.Connect(_reportedServer); // UDP connect sends nothing; it only chooses the route and local address
            return $"read udp {FormatEndPoint((IPEndPoint)probe.LocalEndPoint!)}->{ReportedServer}: ";
        }
        catch (SocketException)
        {
            return "";
        }
    }

    private static string FormatEndPoint(IPEndPoint ep) => ep.AddressFamily == AddressFamily.InterNetworkV6
        ? "[" + ep.Address + "]:" + ep.Port.ToString(CultureInfo.InvariantCulture)
        : ep.Address + ":" + ep.Port.ToString(CultureInfo.InvariantCulture);
}
