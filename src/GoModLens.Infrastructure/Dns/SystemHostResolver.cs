using System.Net;
using System.Net.Sockets;
using GoModLens.Analysis.Ports;

namespace GoModLens.Infrastructure.Dns;

/// <summary>
/// Resolves with the operating system (getaddrinfo via <see cref="System.Net.Dns"/>), which honours /etc/hosts and
/// nsswitch like a real client; on failure it asks the resolv.conf servers directly to learn which DNS failure it was.
/// </summary>
public sealed class SystemHostResolver(IHostResolver diagnoser) : IHostResolver
{
    public async ValueTask<HostResolution> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return HostResolution.Ok([literal]);
        }

        try
        {
            var addresses = await System.Net.Dns.GetHostAddressesAsync(host, cancellationToken);
            if (addresses.Length > 0)
            {
                return HostResolution.Ok(addresses);
            }
        }
        catch (SocketException) when (!cancellationToken.IsCancellationRequested)
        {
            // Fall through to the diagnosis below.
        }

        var diagnosis = await diagnoser.ResolveAsync(host, cancellationToken);
        return diagnosis.FailureKind != FailureKind.None
            ? diagnosis
            : HostResolution.Failed(FailureKind.DnsNotFound, $"lookup {host}: no such host");
    }
}
