using System.Net;
using GoModLens.Analysis.Ports;

namespace GoModLens.Infrastructure.Dns;

/// <summary>Outcome of resolving one host name: addresses, or a classified failure with go's wording.</summary>
/// <param name="Addresses">Resolved addresses; empty on failure.</param>
/// <param name="FailureKind">DnsNotFound / DnsServerFailure / DnsTimeout, or None.</param>
/// <param name="GoError">go's net error text after <c>dial tcp: </c>, e.g. <c>lookup h on 10.0.0.1:53: no such host</c>.</param>
public sealed record HostResolution(IReadOnlyList<IPAddress> Addresses, FailureKind FailureKind, string? GoError)
{
    public static HostResolution Ok(IReadOnlyList<IPAddress> addresses) => new(addresses, FailureKind.None, null);

    public static HostResolution Failed(FailureKind kind, string goError) => new([], kind, goError);
}
