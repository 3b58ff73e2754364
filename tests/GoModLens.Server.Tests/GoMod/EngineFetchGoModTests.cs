using GoModLens.Host.Serve;
using GoModLens.Server.Configuration;
using GoModLens.Server.Features.GoMod;
using GoModLens.TestUtilities.FakeProxy;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>The engine's .mod fetch (go.sum verification) walks GOPROXY as go does, and offline reads only the module cache.</summary>
public sealed class EngineFetchGoModTests
{
    [Fact]
    public async Task With_GOPRIVATE_set_a_public_path_passes_the_implicit_noproxy_entry_and_a_private_one_is_never_sent()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var env = new GoModTestEnvironment(proxy.Url("ok"), goPrivate: "private.example");
        using var engine = CreateEngine(env, ServerSettings.Default, useModuleCache: false);

        var download = await engine.FetchGoModAsync("example.com/foo", "v1.0.0", CancellationToken.None);
        var privateDownload = await engine.FetchGoModAsync("private.example/lib", "v1.0.0", CancellationToken.None);

        Assert.NotNull(download);
        Assert.Equal(File.ReadAllBytes(Path.Combine(proxy.Root, "example.com", "foo", "@v", "v1.0.0.mod")), download.Bytes);
        Assert.Equal(proxy.Url("ok"), download.Source);
        Assert.Null(privateDownload);
        Assert.Equal(["/ok/example.com/foo/@v/v1.0.0.mod"], proxy.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task Offline_the_module_cache_answers_and_a_miss_is_null_without_any_request()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var env = new GoModTestEnvironment(proxy.Url("ok"));
        var cached = "module example.com/foo\n\ngo 1.20\n"u8.ToArray();
        env.WriteModuleCache("example.com/foo", "v1.0.0", ".mod", cached);
        using var engine = CreateEngine(env, ServerSettings.Default with { NetworkEnabled = false }, useModuleCache: true);

        Assert.True(engine.Options.Offline);
        var download = await engine.FetchGoModAsync("example.com/foo", "v1.0.0", CancellationToken.None);
        Assert.Equal(cached, download?.Bytes);
        Assert.Equal(GoModDownload.ModuleCacheSource, download?.Source);
        Assert.Null(await engine.FetchGoModAsync("example.com/bar", "v0.2.0", CancellationToken.None));
        Assert.Empty(proxy.Requests);
        Assert.Empty(env.Hosts.Hosts);
    }

    [Fact]
    public async Task The_source_is_the_entry_that_served_the_mod_after_a_404_fell_through()
    {
        // go.sum hovers say where the hashed .mod came from; on "a,b" a 404 from a moves the walk to b.
        await using var proxy = await FakeModuleProxy.StartAsync();
        var env = new GoModTestEnvironment(proxy.Url("status/404") + "," + proxy.Url("ok"));
        using var engine = CreateEngine(env, ServerSettings.Default, useModuleCache: false);

        var download = await engine.FetchGoModAsync("example.com/foo", "v1.0.0", CancellationToken.None);

        Assert.NotNull(download);
        Assert.Equal(proxy.Url("ok"), download.Source);
        Assert.Equal(["/status/404/example.com/foo/@v/v1.0.0.mod", "/ok/example.com/foo/@v/v1.0.0.mod"], proxy.Requests.Select(r => r.Path));
    }

    private static IGoModEngine CreateEngine(GoModTestEnvironment env, ServerSettings settings, bool useModuleCache)
    {
        var goEnv = new EnvironmentProvider(new GoModAnalyzerOptions { ProcessEnvironment = env.Environment }).Get(settings);
        return new InfrastructureEngineFactory(new InfrastructureEngineFactory.Settings([], CacheDirectory: null, UseModuleCache: useModuleCache,
            ProbeDirect: false, HostResolver: env.Hosts)).Create(goEnv, settings);
    }
}
