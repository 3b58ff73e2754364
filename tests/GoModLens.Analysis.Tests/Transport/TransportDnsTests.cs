using System.Net;
using System.Net.Sockets;
using GoModLens.Analysis.Ports;
using GoModLens.Infrastructure.Dns;
using GoModLens.Infrastructure.Http;

namespace GoModLens.Analysis.Tests.Transport;

/// <summary>DNS failure classes against a real dnsmasq, a blackhole UDP socket and a closed port.</summary>
public sealed class TransportDnsTests(DnsmasqFixture dns, FakeProxyFixture proxy) : IClassFixture<DnsmasqFixture>, IClassFixture<FakeProxyFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMilliseconds(800);

    [SkippableFact]
    public async Task Name_resolves_through_dnsmasq()
    {
        dns.Require();
        var r = await new DnsClientHostResolver([dns.EndPoint], s_timeout).ResolveAsync("goproxy.test", CancellationToken.None);
        Assert.Equal(FailureKind.None, r.FailureKind);
        Assert.Equal(IPAddress.Loopback, r.Addresses.Single());
    }

    [SkippableFact]
    public async Task Nxdomain_is_no_such_host()
    {
        dns.Require();
        var r = await new DnsClientHostResolver([dns.EndPoint], s_timeout).ResolveAsync("nx.test", CancellationToken.None);
        Assert.Equal(FailureKind.DnsNotFound, r.FailureKind);
        Assert.Equal($"lookup nx.test on 127.0.0.1:{dns.Port}: no such host", r.GoError);
    }

    [SkippableFact]
    public async Task Refused_is_server_misbehaving()
    {
        dns.Require();
        var r = await new DnsClientHostResolver([dns.EndPoint], s_timeout).ResolveAsync("refused-name.example", CancellationToken.None);
        Assert.Equal(FailureKind.DnsServerFailure, r.FailureKind);
        Assert.Equal($"lookup refused-name.example on 127.0.0.1:{dns.Port}: server misbehaving", r.GoError);
    }

    [Fact]
    public async Task Blackhole_resolver_is_a_dns_timeout()
    {
        using var blackhole = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        blackhole.Bind(new IPEndPoint(IPAddress.Loopback, 0)); // receives queries, never answers
        var ep = (IPEndPoint)blackhole.LocalEndPoint!;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r = await new DnsClientHostResolver([ep], s_timeout).ResolveAsync("goproxy.test", CancellationToken.None);
        Assert.Equal(FailureKind.DnsTimeout, r.FailureKind);
        Assert.Matches($@"^lookup goproxy\.test on 127\.0\.0\.1:{ep.Port}: read udp 127\.0\.0\.1:\d+->127\.0\.0\.1:{ep.Port}: i/o timeout$", r.GoError);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), sw.Elapsed.ToString());
    }

    [Fact]
    public async Task Closed_resolver_port_is_a_server_failure()
    {
        var port = DnsmasqFixture.FreeUdpPort();
        var r = await new DnsClientHostResolver([new IPEndPoint(IPAddress.Loopback, port)], s_timeout).ResolveAsync("goproxy.test", CancellationToken.None);
        Assert.NotEqual(FailureKind.None, r.FailureKind);
        Assert.True(r.FailureKind is FailureKind.DnsServerFailure or FailureKind.DnsTimeout, r.FailureKind.ToString());
        Assert.Matches($@"^lookup goproxy\.test on 127\.0\.0\.1:{port}: read udp 127\.0\.0\.1:\d+->127\.0\.0\.1:{port}: (read: connection refused|i/o timeout)$", r.GoError);
    }

    [SkippableFact]
    public async Task Transport_resolves_through_dnsmasq_and_reports_dns_failures_like_go()
    {
        dns.Require();
        var resolver = new DnsClientHostResolver([dns.EndPoint], s_timeout);
        using var t = new HttpProxyTransport(new HttpTransportOptions { HostResolver = resolver, MaxRetries = 0, ReuseConnections = false });
        var port = proxy.Proxy.HttpBase.Port;
        var ok = await t.GetAsync(new ProxyRequest(new Uri($"http://goproxy.test:{port}/ok/example.com/foo/@v/list"), ProxyEndpoint.List), CancellationToken.None);
        Assert.Equal(FailureKind.None, ok.Kind);
        Assert.NotNull(ok.Timings?.Dns);
        var nx = new Uri($"http://nx.test:{port}/ok/example.com/foo/@v/list");
        var failed = await t.GetAsync(new ProxyRequest(nx, ProxyEndpoint.List), CancellationToken.None);
        Assert.Equal(FailureKind.DnsNotFound, failed.Kind);
        Assert.Equal($"Get \"{nx}\": dial tcp: lookup nx.test on 127.0.0.1:{dns.Port}: no such host", failed.GoError);
    }

    [SkippableFact]
    public async Task A_burst_of_requests_to_one_host_makes_one_lookup()
    {
        dns.Require();
        // A resolver that takes 300 ms, so every request of the burst asks while the first lookup runs.
        var resolver = new CountingResolver(new DnsClientHostResolver([dns.EndPoint], s_timeout), TimeSpan.FromMilliseconds(300));
        using var t = new HttpProxyTransport(new HttpTransportOptions
        {
            HostResolver = resolver, MaxRetries = 0, ReuseConnections = false,
            BreakerMinimumThroughput = 1000, // the circuit would answer the last request without a lookup
        });
        var port = proxy.Proxy.HttpBase.Port;
        var urls = Enumerable.Range(0, 20).Select(i => new Uri($"http://nx.test:{port}/ok/example.com/m{i}/@v/list")).ToList();

        var results = await Task.WhenAll(urls.Select(u => t.GetAsync(new ProxyRequest(u, ProxyEndpoint.List), CancellationToken.None).AsTask()));

        Assert.Equal(1, resolver.Count);
        Assert.Equal(urls.Select(u => $"Get \"{u}\": dial tcp: lookup nx.test on 127.0.0.1:{dns.Port}: no such host"), results.Select(r => r.GoError));

        // The failure answers the rest of the burst (1 s), then the next request asks again, as go would.
        var burst = await t.GetAsync(new ProxyRequest(urls[0], ProxyEndpoint.List), CancellationToken.None);
        Assert.Equal(FailureKind.DnsNotFound, burst.Kind);
        Assert.Equal(1, resolver.Count);
        await Task.Delay(CoalescingHostResolver.DefaultFailureHold + TimeSpan.FromMilliseconds(100));
        var again = await t.GetAsync(new ProxyRequest(urls[0], ProxyEndpoint.List), CancellationToken.None);
        Assert.Equal(FailureKind.DnsNotFound, again.Kind);
        Assert.Equal(2, resolver.Count);
    }

    /// <summary>Counts lookups, each delayed before it is made.</summary>
    private sealed class CountingResolver(IHostResolver inner, TimeSpan delay) : IHostResolver
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public async ValueTask<HostResolution> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            await Task.Delay(delay, cancellationToken);
            return await inner.ResolveAsync(host, cancellationToken);
        }
    }
}
