using System.Collections.Concurrent;
using System.Net;
using GoModLens.Analysis.Ports;
using GoModLens.Infrastructure.Dns;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>
/// Records every host GoModLens tries to reach. Loopback hosts resolve; any other name fails immediately with go's
/// "no such host" so a test can never reach the internet, even when the code under test tries.
/// </summary>
internal sealed class RecordingHostResolver : IHostResolver
{
    private readonly ConcurrentQueue<string> _hosts = new();

    public IReadOnlyList<string> Hosts => [.. _hosts];

    public IReadOnlyList<string> NonLoopbackHosts => [.. _hosts.Where(h => !IsLoopback(h)).Distinct(StringComparer.OrdinalIgnoreCase)];

    public ValueTask<HostResolution> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        _hosts.Enqueue(host);
        if (IPAddress.TryParse(host, out var literal) && IPAddress.IsLoopback(literal))
        {
            return ValueTask.FromResult(HostResolution.Ok([literal]));
        }

        return ValueTask.FromResult(string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            ? HostResolution.Ok([IPAddress.Loopback])
            : HostResolution.Failed(FailureKind.DnsNotFound, $"lookup {host}: no such host"));
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}
