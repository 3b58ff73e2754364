using GoModLens.Analysis.Ports;
using GoModLens.Analysis.Reports;
using GoModLens.Infrastructure.Http;
using GoModLens.Infrastructure.Mirrors;

namespace GoModLens.Analysis.Tests.Transport;

/// <summary>Mirror probing against loopback fake mirrors only (never the internet).</summary>
public sealed class InfrastructureMirrorTests(FakeProxyFixture fixture) : IClassFixture<FakeProxyFixture>
{
    [Fact]
    public async Task Mirrors_are_ranked_healthy_slow_failing_with_phase_timings()
    {
        var prober = MirrorProber.Create(new HttpTransportOptions { TrustedRoots = [fixture.Proxy.Certificate] }, slowThreshold: TimeSpan.FromMilliseconds(400));
        var healthy = new Uri(fixture.Proxy.Url("ok", https: true));
        var slow = new Uri(fixture.Proxy.Url("sleep/700"));
        var dead = new Uri($"http://127.0.0.1:{TransportFailureClassTests.ClosedPort()}");
        var missing = new Uri(fixture.Proxy.Url("status/404"));

        var reports = await prober.ProbeAsync([dead, slow, missing, healthy], "example.com/foo", "v1.0.0", CancellationToken.None);

        Assert.True(reports.Select(r => r.Health).SequenceEqual([MirrorHealth.Healthy, MirrorHealth.Healthy, MirrorHealth.Slow, MirrorHealth.Failing]),
            string.Join("; ", reports.Select(r => $"{r.Mirror} {r.Health} {r.Kind} {r.Timings?.FirstByte?.TotalMilliseconds}")));
        var h = reports.Single(r => r.Mirror == healthy);
        Assert.True(h.ServesModule);
        Assert.NotNull(h.Timings?.Connect);
        Assert.NotNull(h.Timings?.Tls);
        Assert.NotNull(h.Timings?.FirstByte);
        Assert.False(reports.Single(r => r.Mirror == missing).ServesModule); // reachable, but does not have it
        Assert.Equal(FailureKind.ConnectionRefused, reports[^1].Kind);
        Assert.Equal(slow, reports[2].Mirror);
    }

    [Fact]
    public async Task Reports_are_cached_with_their_timestamp()
    {
        var prober = MirrorProber.Create(cacheFor: TimeSpan.FromMinutes(5));
        var mirror = new Uri(fixture.Proxy.Url("ok"));
        fixture.Proxy.ClearLog();
        var first = await prober.ProbeAsync([mirror], "example.com/bar", "v0.1.0", CancellationToken.None);
        var second = await prober.ProbeAsync([mirror], "example.com/bar", "v0.1.0", CancellationToken.None);
        Assert.Equal(first[0].CheckedAt, second[0].CheckedAt);
        Assert.Single(fixture.Proxy.Requests, r => r.Path.EndsWith("/example.com/bar/@v/v0.1.0.info", StringComparison.Ordinal));
    }

    [Fact]
    public void Built_in_list_is_the_documented_mirrors()
    {
        Assert.Equal(
            ["proxy.golang.org", "goproxy.cn", "goproxy.io", "mirrors.aliyun.com", "mirrors.tencent.com"],
            PublicMirrors.BuiltIn.Select(u => u.Host));
        Assert.All(PublicMirrors.BuiltIn, u => Assert.Equal("https", u.Scheme));
    }
}
