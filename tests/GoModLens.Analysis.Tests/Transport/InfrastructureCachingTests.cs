using GoModLens.Analysis.Ports;
using GoModLens.Infrastructure.Caching;
using GoModLens.Infrastructure.Http;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.FakeProxy;
using Microsoft.Extensions.Time.Testing;

namespace GoModLens.Analysis.Tests.Transport;

public sealed class InfrastructureCachingTests(FakeProxyFixture fixture) : IClassFixture<FakeProxyFixture>
{
    [Fact]
    public async Task Concurrent_gets_of_one_url_share_one_request()
    {
        using var http = new HttpProxyTransport();
        var cache = new CachingTransport(http, new CacheOptions { Directory = null });
        var url = new Uri(fixture.Proxy.Url("sleep/300") + "/example.com/bar/@v/v0.1.0.info");
        fixture.Proxy.ClearLog();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => cache.GetAsync(new ProxyRequest(url, ProxyEndpoint.Info), CancellationToken.None).AsTask()));
        Assert.All(results, r => Assert.Equal(FailureKind.None, r.Kind));
        Assert.Single(fixture.Proxy.Requests, r => r.Path.EndsWith("v0.1.0.info", StringComparison.Ordinal));
    }

    /// <summary>
    /// A version's .info kept forever said "resolves" after the proxy began refusing it (go, without it in its module
    /// cache, fails): after VersionTtl the proxy is asked again; its 403 is the answer, while a proxy that cannot be
    /// reached gets the old body with its age.
    /// </summary>
    [Fact]
    public async Task A_version_s_info_is_asked_again_after_its_ttl_and_a_refusal_is_not_hidden_by_the_old_copy()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var dir = GoOracle.NewScratchDir("cache-refused");
        using var http = new HttpProxyTransport(new HttpTransportOptions { MaxRetries = 0 });
        var options = new CacheOptions { Directory = dir, TimeProvider = time };
        var request = new ProxyRequest(new Uri(fixture.Proxy.Url("switch") + "/example.com/foo/v2/@v/v2.0.0.info"), ProxyEndpoint.Info);
        fixture.Proxy.SwitchStatus = null;
        using (var writer = new CachingTransport(http, options))
        {
            Assert.Equal(FailureKind.None, (await writer.GetAsync(request, CancellationToken.None)).Kind);
        }

        fixture.Proxy.SwitchStatus = 403;
        time.Advance(TimeSpan.FromMinutes(30));
        using var cache = new CachingTransport(http, options);
        var withinTtl = await cache.GetAsync(request, CancellationToken.None);
        Assert.Equal(FailureKind.None, withinTtl.Kind);
        Assert.NotNull(withinTtl.CachedAt);

        time.Advance(TimeSpan.FromMinutes(31));
        var refused = await cache.GetAsync(request, CancellationToken.None);
        Assert.Equal(FailureKind.Forbidden, refused.Kind);
        Assert.Null(refused.Body);

        fixture.Proxy.SwitchStatus = 503;
        var stale = await cache.GetAsync(request, CancellationToken.None);
        Assert.Equal(FailureKind.None, stale.Kind);
        Assert.StartsWith("stale: live fetch failed (", stale.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ttl_expires_but_version_info_is_kept_for_its_own_ttl()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var http = new HttpProxyTransport();
        var cache = new CachingTransport(http, new CacheOptions { Directory = null, ListTtl = TimeSpan.FromMinutes(5), TimeProvider = time });
        var list = new ProxyRequest(new Uri(fixture.Proxy.Url("ok") + "/example.com/foo/v2/@v/list"), ProxyEndpoint.List);
        var info = new ProxyRequest(new Uri(fixture.Proxy.Url("ok") + "/example.com/foo/v2/@v/v2.0.0.info"), ProxyEndpoint.Info);
        fixture.Proxy.ClearLog();
        await cache.GetAsync(list, CancellationToken.None);
        await cache.GetAsync(info, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(4));
        var fresh = await cache.GetAsync(list, CancellationToken.None);
        Assert.NotNull(fresh.CachedAt);
        Assert.Single(fixture.Proxy.Requests, r => r.Path.EndsWith("/v2/@v/list", StringComparison.Ordinal));
        time.Advance(TimeSpan.FromMinutes(50));
        var refetched = await cache.GetAsync(list, CancellationToken.None);
        Assert.Null(refetched.CachedAt);
        Assert.Equal(2, fixture.Proxy.Requests.Count(r => r.Path.EndsWith("/v2/@v/list", StringComparison.Ordinal)));
        var stillCached = await cache.GetAsync(info, CancellationToken.None);
        Assert.NotNull(stillCached.CachedAt);
        Assert.Single(fixture.Proxy.Requests, r => r.Path.EndsWith("v2.0.0.info", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stale_body_is_served_with_its_age_when_the_proxy_dies_and_survives_on_disk()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var dir = GoOracle.NewScratchDir("cache");
        var proxy = await FakeModuleProxy.StartAsync();
        var request = new ProxyRequest(new Uri(proxy.Url("ok") + "/example.com/foo/@v/list"), ProxyEndpoint.List);
        using var http = new HttpProxyTransport(new HttpTransportOptions { MaxRetries = 0 });
        var options = new CacheOptions { Directory = dir, ListTtl = TimeSpan.FromMinutes(1), TimeProvider = time };
        FetchResult first;
        using (var writer = new CachingTransport(http, options))
        {
            first = await writer.GetAsync(request, CancellationToken.None);
            // The disk write is queued in the background; disposing waits for it.
        }

        Assert.Equal(FailureKind.None, first.Kind);
        await proxy.DisposeAsync();
        time.Advance(TimeSpan.FromMinutes(10));

        // A new decorator instance: the body comes back from disk.
        var stale = await new CachingTransport(http, options).GetAsync(request, CancellationToken.None);
        Assert.Equal(FailureKind.None, stale.Kind);
        Assert.Equal(first.Body, stale.Body);
        Assert.Equal(time.GetUtcNow() - TimeSpan.FromMinutes(10), stale.CachedAt);
        Assert.StartsWith("stale: live fetch failed (ConnectionRefused): Get ", stale.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_found_is_reused_for_a_minute_then_asked_again()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var http = new HttpProxyTransport(new HttpTransportOptions { MaxRetries = 0 });
        using var cache = new CachingTransport(http, new CacheOptions { Directory = null, TimeProvider = time });
        var request = new ProxyRequest(new Uri(fixture.Proxy.Url("ok") + "/example.com/nosuch/@v/v9.9.9.info"), ProxyEndpoint.Info);
        fixture.Proxy.ClearLog();
        var first = await cache.GetAsync(request, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(50));
        var second = await cache.GetAsync(request, CancellationToken.None);
        Assert.True(first.IsNotFound);
        Assert.Equal(first.GoError, second.GoError);
        Assert.Single(fixture.Proxy.Requests, r => r.Path.EndsWith("/v9.9.9.info", StringComparison.Ordinal));

        time.Advance(TimeSpan.FromSeconds(20));
        Assert.True((await cache.GetAsync(request, CancellationToken.None)).IsNotFound);
        Assert.Equal(2, fixture.Proxy.Requests.Count(r => r.Path.EndsWith("/v9.9.9.info", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Disk_writes_leave_the_fetch_path_and_flush_waits_for_them()
    {
        var dir = GoOracle.NewScratchDir("cache-flush");
        using var http = new HttpProxyTransport(new HttpTransportOptions { MaxRetries = 0 });
        using var cache = new CachingTransport(http, new CacheOptions { Directory = dir });
        string[] paths = ["/example.com/foo/@v/list", "/example.com/foo/v2/@v/list", "/example.com/foo/v2/@v/v2.0.0.info", "/example.com/bar/@v/v0.1.0.info"];
        var results = await Task.WhenAll(paths.Select(p =>
            cache.GetAsync(new ProxyRequest(new Uri(fixture.Proxy.Url("ok") + p), p.EndsWith("list", StringComparison.Ordinal) ? ProxyEndpoint.List : ProxyEndpoint.Info), CancellationToken.None).AsTask()));
        Assert.All(results, r => Assert.Equal(FailureKind.None, r.Kind));

        await cache.FlushAsync();

        // One pack file for all of them (one inode, not one per entry), and every entry readable by a new instance.
        Assert.Single(Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories));
        Assert.Single(Directory.EnumerateFiles(Path.Combine(dir, "packs"), "*.pack"));
        fixture.Proxy.ClearLog();
        using var restarted = new CachingTransport(http, new CacheOptions { Directory = dir });
        for (var i = 0; i < paths.Length; i++)
        {
            var hit = await restarted.GetAsync(new ProxyRequest(new Uri(fixture.Proxy.Url("ok") + paths[i]), paths[i].EndsWith("list", StringComparison.Ordinal) ? ProxyEndpoint.List : ProxyEndpoint.Info), CancellationToken.None);
            Assert.Equal(results[i].Body, hit.Body);
            Assert.NotNull(hit.CachedAt);
        }

        Assert.Empty(fixture.Proxy.Requests);
    }

    [Fact]
    public async Task Module_cache_files_are_read_like_go_and_lists_never()
    {
        var modcache = GoOracle.NewScratchDir("gomodcache");
        var dir = Path.Combine(modcache, "cache", "download", "example.com", "!upper", "@v");
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "v1.0.0.info"), "{\"Version\":\"v1.0.0\"}");
        await File.WriteAllTextAsync(Path.Combine(dir, "list"), "v1.0.0\n");
        var reader = new ModuleCacheReader(modcache);
        var hit = await reader.TryReadAsync("example.com/!upper", "v1.0.0", ProxyEndpoint.Info, CancellationToken.None);
        Assert.NotNull(hit);
        Assert.NotNull(hit!.CachedAt);
        Assert.Null(await reader.TryReadAsync("example.com/!upper", "v1.0.0", ProxyEndpoint.Mod, CancellationToken.None));
        Assert.Null(await reader.TryReadAsync("example.com/!upper", "v1.0.0", ProxyEndpoint.List, CancellationToken.None));
    }
}
