using GoModLens.Analysis.Ports;
using GoModLens.Analysis.Reports;
using GoModLens.Infrastructure.Http;
using GoModLens.Infrastructure.Mirrors;
using Microsoft.Extensions.Time.Testing;

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

    // The modules of a go.mod whose proxy is down, as the resolver's suggestions probe them: all at once.
    private static readonly (string Path, string Version, bool Served)[] s_modules =
    [
        ("example.com/foo", "v1.0.0", true), ("example.com/foo", "v1.1.0", true), ("example.com/foo", "v1.2.0", true),
        ("example.com/bar", "v0.1.0", true), ("example.com/bar", "v0.2.0", true), ("example.com/!upper/!case", "v1.0.0", true),
        ("example.com/missing", "v1.0.0", false), ("example.com/foo", "v9.9.9", false),
    ];

    [Fact]
    public async Task A_mirror_is_measured_once_and_asked_about_each_module_over_pooled_connections()
    {
        using var measuring = new CountingTransport(new HttpProxyTransport(new HttpTransportOptions
        {
            TrustedRoots = [fixture.Proxy.Certificate], ReuseConnections = false, MaxRetries = 0,
        }));
        using var pooled = new CountingTransport(new HttpProxyTransport(new HttpTransportOptions { TrustedRoots = [fixture.Proxy.Certificate], MaxRetries = 0 }));
        using var prober = new MirrorProber(measuring, pooled, TimeProvider.System, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10));
        var mirror = new Uri(fixture.Proxy.Url("ok", https: true));
        fixture.Proxy.ClearLog();

        var reports = await Task.WhenAll(s_modules.Select(m => prober.ProbeAsync([mirror], m.Path, m.Version, CancellationToken.None)));

        Assert.Equal(1, measuring.Count);
        Assert.Equal(s_modules.Length - 1, pooled.Count);
        Assert.Equal(s_modules.Select(m => m.Served), reports.Select(r => r.Single().ServesModule));
        Assert.All(reports, r => Assert.Equal(MirrorHealth.Healthy, r.Single().Health));
        Assert.All(reports, r => Assert.NotNull(r.Single().Timings?.Tls)); // every module shows the mirror's handshake
        var logged = fixture.Proxy.Requests;
        Assert.Equal(s_modules.Length, logged.Count);
        Assert.All(logged, r => Assert.Equal("HTTP/2", r.Protocol));
        Assert.Equal(2, logged.Select(r => r.ConnectionId).Distinct().Count()); // the measurement's, then one pooled
    }

    [Fact]
    public async Task An_unreachable_mirror_fails_every_module_from_one_attempt()
    {
        using var measuring = new CountingTransport(new HttpProxyTransport(new HttpTransportOptions { ReuseConnections = false, MaxRetries = 0 }));
        using var pooled = new CountingTransport(new HttpProxyTransport(new HttpTransportOptions { MaxRetries = 0 }));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var prober = new MirrorProber(measuring, pooled, time, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10));
        var port = TransportFailureClassTests.ClosedPort();
        var mirror = new Uri($"http://127.0.0.1:{port}");

        var reports = await Task.WhenAll(s_modules.Select(m => prober.ProbeAsync([mirror], m.Path, m.Version, CancellationToken.None)));

        Assert.Equal(1, measuring.Count);
        Assert.Equal(0, pooled.Count);
        foreach (var (module, report) in s_modules.Zip(reports.Select(r => r.Single())))
        {
            Assert.Equal(MirrorHealth.Failing, report.Health);
            Assert.Equal(FailureKind.ConnectionRefused, report.Kind);
            // go's error names this module's URL (with '!' as %21, as go's url.PathEscape sends it), not the one measured.
            var url = $"http://127.0.0.1:{port}/{module.Path.Replace("!", "%21", StringComparison.Ordinal)}/@v/{module.Version}.info";
            Assert.Equal($"Get \"{url}\": dial tcp 127.0.0.1:{port}: connect: connection refused", report.GoError);
        }

        // A minute later the mirror is measured again: the network may be back.
        time.Advance(TimeSpan.FromSeconds(61));
        var again = await prober.ProbeAsync([mirror], "example.com/other", "v1.0.0", CancellationToken.None);
        Assert.Equal(2, measuring.Count);
        Assert.Equal(FailureKind.ConnectionRefused, again.Single().Kind);
    }

    [Fact]
    public async Task A_caller_that_gives_up_does_not_cancel_the_measurement_others_wait_for()
    {
        using var measuring = new CountingTransport(new HttpProxyTransport(new HttpTransportOptions { ReuseConnections = false, MaxRetries = 0 }));
        using var pooled = new CountingTransport(new HttpProxyTransport(new HttpTransportOptions { MaxRetries = 0 }));
        using var prober = new MirrorProber(measuring, pooled, TimeProvider.System, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10));
        var slow = new Uri(fixture.Proxy.Url("sleep/600"));

        using var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var first = prober.ProbeAsync([slow], "example.com/foo", "v1.0.0", impatient.Token);
        var second = prober.ProbeAsync([slow], "example.com/bar", "v0.1.0", CancellationToken.None);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        var report = Assert.Single(await second);
        Assert.True(report.ServesModule);
        Assert.Equal(1, measuring.Count);
    }

    [Fact]
    public async Task File_mirrors_are_probed_too()
    {
        using var prober = MirrorProber.Create(cacheFor: TimeSpan.Zero);
        var mirror = new Uri(fixture.Proxy.Root);
        var reports = await Task.WhenAll(s_modules.Select(m => prober.ProbeAsync([mirror], m.Path, m.Version, CancellationToken.None)));
        Assert.Equal(s_modules.Select(m => m.Served), reports.Select(r => r.Single().ServesModule));
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

/// <summary>Counts the requests that reach a transport.</summary>
internal sealed class CountingTransport(HttpProxyTransport inner) : IProxyTransport, IDisposable
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public ValueTask<FetchResult> GetAsync(ProxyRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        return inner.GetAsync(request, cancellationToken);
    }

    public void Dispose() => inner.Dispose();
}
