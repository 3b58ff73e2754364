using System.Diagnostics;
using GoModLens.Analysis.Ports;
using GoModLens.Analysis.Resolution;
using GoModLens.Analysis.Tests.Transport;
using GoModLens.Infrastructure.Composition;
using GoModLens.Infrastructure.Http;
using GoModLens.Infrastructure.Mirrors;
using static GoModLens.Analysis.Tests.Resolution.ResolutionTestData;

namespace GoModLens.Analysis.Tests.Resolution;

public sealed class ResolutionEngineTests(FakeProxyFixture fixture) : IClassFixture<FakeProxyFixture>
{
    [Fact]
    public async Task Sample_reports_every_kind_of_outcome_go_list_reports()
    {
        using var transport = new RecordingTransport();
        var resolver = new RequirementResolver(transport);
        var file = Parse(await File.ReadAllTextAsync(SampleGoMod));
        var reports = (await ResolveAllAsync(resolver, file, Options(FileUrl(SampleProxy)))).ToDictionary(r => r.ModulePath);

        Assert.Equal(6, reports.Count);
        Assert.Equal("v1.2.0", reports["example.com/fastjson"].Latest!.Update);
        Assert.Equal("v1.3.0-rc.1", reports["example.com/fastjson"].Latest!.LatestPreRelease);
        var ghost = reports["example.com/ghost"];
        Assert.Equal(RequirementStatus.NotFound, ghost.Status);
        Assert.Equal($"example.com/ghost@v0.3.0: reading file://{SampleProxy}/example.com/ghost/@v/v0.3.0.info: no such file or directory", ghost.Failure!.GoMessage);
        Assert.Equal(["v1.0.0 corrupts rotated log files."], reports["example.com/logging"].Latest!.Retracted);
        Assert.Equal("v1.0.1", reports["example.com/logging"].Latest!.Update);
        Assert.Equal("use example.com/fastjson/v2 or net/http instead.", reports["example.com/oldhttp"].Latest!.Deprecated);
        Assert.Equal("v1.5.0", reports["example.com/oldhttp"].Latest!.Update);
        Assert.Equal("v1.8.0", reports["example.com/yaml"].Latest!.Latest);
        Assert.Null(reports["example.com/yaml"].Latest!.Update);
        Assert.Equal(RequirementStatus.Resolved, reports["example.com/Azure/sdk"].Status);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 10, 0, 0, TimeSpan.Zero), reports["example.com/Azure/sdk"].Info!.Time);
    }

    [Fact]
    public async Task No_url_is_requested_twice_in_one_run()
    {
        using var transport = new RecordingTransport();
        var resolver = new RequirementResolver(transport);
        // The same module twice, plus +incompatible (whose check re-reads a .mod the retraction step also reads).
        var file = Parse("module m\n\nrequire (\n\texample.com/yaml v1.8.0\n\texample.com/fastjson v1.0.0\n\texample.com/logging v1.0.0\n)\n\nrequire example.com/fastjson v1.1.0\n");
        await ResolveAllAsync(resolver, file, Options(FileUrl(SampleProxy)));

        var urls = transport.Urls;
        Assert.NotEmpty(urls);
        Assert.Equal(urls.Count, urls.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(urls.Count, resolver.LastRunRequestCount);
    }

    [Fact]
    public async Task Reports_stream_before_the_slowest_module_finishes()
    {
        using var inner = new RecordingTransport();
        var resolver = new RequirementResolver(new DelayingTransport(inner, "example.com/bar", TimeSpan.FromSeconds(2)));
        var file = Parse("module m\n\nrequire (\n\texample.com/bar v0.1.0\n\texample.com/foo v1.0.0\n)\n");
        var options = Options(fixture.Proxy.Url("ok")) with { CheckLatest = false };
        var sw = Stopwatch.StartNew();
        var arrivals = new List<(string Path, TimeSpan At)>();
        await foreach (var r in resolver.ResolveAllAsync(file, options, CancellationToken.None))
        {
            arrivals.Add((r.ModulePath, sw.Elapsed));
        }

        Assert.Equal("example.com/foo", arrivals[0].Path);
        Assert.True(arrivals[0].At < TimeSpan.FromSeconds(1.5), $"first report after {arrivals[0].At}");
        Assert.Equal("example.com/bar", arrivals[1].Path);
        Assert.True(arrivals[1].At >= TimeSpan.FromSeconds(1.9), $"second report after {arrivals[1].At}"); // timers run on a coarser clock than Stopwatch
    }

    [Fact]
    public async Task Private_paths_never_reach_the_proxy()
    {
        fixture.Proxy.ClearLog();
        using var transport = new RecordingTransport();
        var resolver = new RequirementResolver(transport, mirrorProber: LoopbackProber(fixture.Proxy.Url("ok")));
        var file = Parse("module m\n\nrequire (\n\texample.com/foo v1.0.0\n\texample.com/bar v0.1.0\n\texample.com/foo/v2 v2.0.0\n)\n");
        var options = Options(fixture.Proxy.Url("ok") + ",direct", gonoproxy: "example.com/foo") with { SuggestMirrors = true };
        var reports = (await ResolveAllAsync(resolver, file, options)).ToDictionary(r => r.ModulePath);

        Assert.Equal(RequirementStatus.Direct, reports["example.com/foo"].Status);
        Assert.Equal(RequirementStatus.Direct, reports["example.com/foo/v2"].Status);
        Assert.Equal(RequirementStatus.Resolved, reports["example.com/bar"].Status);
        var paths = fixture.Proxy.Requests.Select(r => r.Path).ToList();
        Assert.Contains(paths, p => p.Contains("/example.com/bar/", StringComparison.Ordinal));
        Assert.DoesNotContain(paths, p => p.Contains("/example.com/foo", StringComparison.Ordinal));
        Assert.DoesNotContain(transport.Urls, u => u.Contains("example.com/foo", StringComparison.Ordinal));
    }

    /// <summary>
    /// What version completion needs for a module outside any go.mod: the list, go's latest (retractions applied), and
    /// every retract interval of the latest go.mod; no request for a version nobody asked about, none twice, none to a
    /// proxy for a private path, none offline.
    /// </summary>
    [Fact]
    public async Task Listing_versions_gives_the_list_go_s_latest_and_the_latest_go_mod_s_retractions()
    {
        fixture.Proxy.ClearLog();
        using var transport = new RecordingTransport();
        var resolver = new RequirementResolver(transport);
        var options = Options(fixture.Proxy.Url("ok"));

        var listed = await resolver.ListVersionsAsync("example.com/retracting", options, CancellationToken.None);

        Assert.NotNull(listed);
        Assert.Equal(["v1.0.0", "v1.1.0", "v1.2.0"], listed.Versions);
        Assert.Equal("v1.1.0", listed.Latest);
        Assert.Null(listed.Error);
        Assert.Equal([new RetractedRange("v1.2.0", "v1.2.0", "published by mistake"), new RetractedRange("v1.0.0", "v1.0.0", "")], listed.Retractions);
        Assert.True(RetractedRange.IsRetracted(listed.Retractions, "v1.2.0", out var why));
        Assert.Equal(["published by mistake"], why);
        Assert.False(RetractedRange.IsRetracted(listed.Retractions, "v1.1.0", out _));
        Assert.DoesNotContain(transport.Urls, u => u.Contains("v0.0.0", StringComparison.Ordinal));
        Assert.Equal(transport.Urls.Count, transport.Urls.Distinct(StringComparer.Ordinal).Count());

        var hidden = await resolver.ListVersionsAsync("example.com/foo", options with { Settings = options.Settings with { GoNoProxy = "example.com/foo" } }, CancellationToken.None);
        Assert.Empty(hidden?.Versions ?? []);
        Assert.DoesNotContain(fixture.Proxy.Requests, r => r.Path.Contains("example.com/foo", StringComparison.Ordinal));

        Assert.Null(await resolver.ListVersionsAsync("example.com/foo", options with { Offline = true }, CancellationToken.None));
    }

    [Fact]
    public async Task Private_path_with_a_failing_proxy_is_never_probed_on_mirrors()
    {
        fixture.Proxy.ClearLog();
        using var transport = new RecordingTransport();
        var resolver = new RequirementResolver(transport, mirrorProber: LoopbackProber(fixture.Proxy.Url("ok")));
        var options = Options(fixture.Proxy.Url("status/503"), gonoproxy: "example.com/foo") with { SuggestMirrors = true };
        var report = await resolver.ResolveAsync("example.com/foo", "v1.0.0", options, CancellationToken.None);

        Assert.Equal(RequirementStatus.Direct, report.Status);
        Assert.Null(report.MirrorSuggestion);
        Assert.DoesNotContain(fixture.Proxy.Requests, r => r.Path.Contains("example.com/foo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hanging_proxy_yields_a_timeout_within_the_budget_and_a_mirror_suggestion()
    {
        using var transport = new RecordingTransport(new HttpTransportOptions { MaxRetries = 0, FirstByteTimeout = TimeSpan.FromSeconds(60), TotalTimeout = TimeSpan.FromSeconds(120) });
        var okMirror = fixture.Proxy.Url("ok");
        var resolver = new RequirementResolver(transport, mirrorProber: LoopbackProber(okMirror));
        var options = Options(fixture.Proxy.Url("hang")) with { PerModuleBudget = TimeSpan.FromSeconds(1), SuggestMirrors = true };
        var sw = Stopwatch.StartNew();
        var report = await resolver.ResolveAsync("example.com/foo", "v1.0.0", options, CancellationToken.None);
        sw.Stop();

        Assert.Equal(RequirementStatus.TimedOut, report.Status);
        Assert.True(report.Failure!.OwnDeadline);
        Assert.StartsWith($"example.com/foo@v1.0.0: Get \"{fixture.Proxy.Url("hang")}/example.com/foo/@v/v1.0.0.info\": no response within GoModLens's 1s budget", report.Failure.GoMessage);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(3), $"took {sw.Elapsed}");
        Assert.Equal(new Uri(okMirror), report.MirrorSuggestion!.Mirror);
        Assert.Equal(okMirror + ",direct", report.MirrorSuggestion.GoProxyValue);
    }

    /// <summary>
    /// The version answers at once, the list (go list -m -u's lookup) not within the budget: the module resolved, as go
    /// mod download says; only its latest version is unknown, in a note, not a timeout in words go never prints.
    /// </summary>
    [Fact]
    public async Task A_slow_latest_lookup_leaves_a_resolved_version_resolved()
    {
        using var transport = new RecordingTransport(new HttpTransportOptions { MaxRetries = 0, FirstByteTimeout = TimeSpan.FromSeconds(60), TotalTimeout = TimeSpan.FromSeconds(120) });
        var resolver = new RequirementResolver(transport);
        var options = Options(fixture.Proxy.Url("slowlist/5000")) with { PerModuleBudget = TimeSpan.FromSeconds(1) };

        var report = await resolver.ResolveAsync("example.com/foo", "v1.0.0", options, CancellationToken.None);

        Assert.Equal(RequirementStatus.Resolved, report.Status);
        Assert.Null(report.Failure);
        Assert.Null(report.Latest);
        Assert.Contains(report.Notes, n => n.StartsWith("the latest version was not checked: ", StringComparison.Ordinal) && n.EndsWith("gave no answer within GoModLens's 1s budget", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_error_suggests_the_fastest_mirror_that_serves_the_module()
    {
        using var transport = new RecordingTransport();
        var slowMirror = fixture.Proxy.Url("sleep/300/");
        var okMirror = fixture.Proxy.Url("ok");
        var missing = fixture.Proxy.Url("status/404");
        var resolver = new RequirementResolver(transport, mirrorProber: LoopbackProber(slowMirror.TrimEnd('/'), okMirror, missing));
        var options = Options(fixture.Proxy.Url("html/502")) with { SuggestMirrors = true };
        var report = await resolver.ResolveAsync("example.com/foo", "v1.0.0", options, CancellationToken.None);

        Assert.Equal(RequirementStatus.Failed, report.Status);
        Assert.Equal(FailureKind.BadGateway, report.Failure!.Kind);
        Assert.Equal(new Uri(okMirror), report.MirrorSuggestion!.Mirror);
    }

    [Fact]
    public async Task With_no_mirror_reachable_the_note_says_the_network_is_the_problem()
    {
        using var transport = new RecordingTransport();
        var refused = $"http://127.0.0.1:{Transport.TransportFailureClassTests.ClosedPort()}";
        var otherRefused = $"http://127.0.0.1:{Transport.TransportFailureClassTests.ClosedPort()}";
        var resolver = new RequirementResolver(transport, mirrorProber: LoopbackProber(refused, otherRefused));
        var options = Options(fixture.Proxy.Url("html/502")) with { SuggestMirrors = true };
        var report = await resolver.ResolveAsync("example.com/foo", "v1.0.0", options, CancellationToken.None);

        Assert.Null(report.MirrorSuggestion);
        Assert.Contains($"no mirror could be reached either ({refused}: refused, {otherRefused}: refused): this machine's network, DNS or HTTP(S)_PROXY is the problem, not only the proxy",
            report.Notes);
    }

    [Fact]
    public async Task With_mirrors_that_lack_the_version_the_note_says_switching_would_not_help()
    {
        using var transport = new RecordingTransport();
        var missing = fixture.Proxy.Url("status/404");
        var refused = $"http://127.0.0.1:{Transport.TransportFailureClassTests.ClosedPort()}";
        var resolver = new RequirementResolver(transport, mirrorProber: LoopbackProber(missing, refused, fixture.Proxy.Url("ok")));
        var options = Options(fixture.Proxy.Url("html/503")) with { SuggestMirrors = true };
        var report = await resolver.ResolveAsync("example.com/foo", "v9.9.9", options, CancellationToken.None);

        Assert.Null(report.MirrorSuggestion);
        Assert.Contains($"the mirrors that answered do not have example.com/foo@v9.9.9 either ({missing}, {fixture.Proxy.Url("ok")}): switching would not help", report.Notes);
    }

    [Fact]
    public async Task A_host_answering_503_to_every_request_reports_the_503_even_once_its_circuit_opens()
    {
        // A module's .info, .mod and @v/list go out together and are retried, so the host's circuit opens while the
        // .info walk is still running; what the user sees must still be go's 503 text for the .info URL.
        using var transport = new RecordingTransport(new HttpTransportOptions { MaxRetries = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(10) });
        var resolver = new RequirementResolver(transport);
        var base503 = fixture.Proxy.Url("status/503");
        var report = await resolver.ResolveAsync("example.com/foo", "v1.0.0", Options(base503), CancellationToken.None);

        Assert.Equal(FailureKind.ServiceUnavailable, report.Failure!.Kind);
        Assert.StartsWith(
            "example.com/foo@v1.0.0: reading " + base503.TrimEnd('/') + "/example.com/foo/@v/v1.0.0.info: 503 Service Unavailable",
            report.Failure.GoMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_propagates()
    {
        using var transport = new RecordingTransport();
        var resolver = new RequirementResolver(transport);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            resolver.ResolveAsync("example.com/foo", "v1.0.0", Options(fixture.Proxy.Url("hang")), cts.Token));
    }

    [Fact]
    public async Task Module_cache_answers_offline_and_first()
    {
        var modCache = TestUtilities.GoOracle.NewScratchDir("modcache");
        var dir = Path.Combine(modCache, "cache", "download", "example.com", "!azure", "sdk", "@v");
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "v1.0.0.info"), "{\"Version\":\"v1.0.0\",\"Time\":\"2024-01-01T10:00:00Z\"}");
        await File.WriteAllTextAsync(Path.Combine(dir, "v1.0.0.mod"), "module example.com/Azure/sdk\n");
        using var transport = new RecordingTransport();
        var resolver = new RequirementResolver(transport, new ModuleCacheAdapterForTests(modCache));
        var report = await resolver.ResolveAsync("example.com/Azure/sdk", "v1.0.0", Options("off") with { Offline = true }, CancellationToken.None);

        Assert.Equal(RequirementStatus.Resolved, report.Status);
        Assert.True(report.Info!.FromModuleCache);
        Assert.Empty(transport.Urls);

        // Not in the module cache: what a proxy would say is unknown offline; GOPROXY=off's answer needs no network.
        var missing = await resolver.ResolveAsync("example.com/fastjson", "v1.0.0", Options("http://127.0.0.1:1") with { Offline = true }, CancellationToken.None);
        Assert.Equal(RequirementStatus.NotChecked, missing.Status);
        var disabled = await resolver.ResolveAsync("example.com/fastjson", "v1.0.0", Options("off") with { Offline = true }, CancellationToken.None);
        Assert.Equal(RequirementStatus.Disabled, disabled.Status);
        Assert.Equal("example.com/fastjson@v1.0.0: module lookup disabled by GOPROXY=off", disabled.Failure!.GoMessage);
        Assert.Empty(transport.Urls);
    }

    [Fact]
    public async Task Replace_exclude_and_malformed_paths_are_handled_without_network()
    {
        using var transport = new RecordingTransport();
        var resolver = new RequirementResolver(transport);
        var file = Parse("module m\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.0.0\n\tfoo/bar v1.0.0\n\texample.com/c v1.0.0\n)\n\nreplace example.com/a => ./local/a\n\nexclude example.com/b v1.0.0\n\nreplace example.com/c v1.0.0 => example.com/fastjson v1.1.0\n");
        var reports = (await ResolveAllAsync(resolver, file, Options(FileUrl(SampleProxy)) with { CheckLatest = false })).ToDictionary(r => r.ModulePath);

        Assert.Equal(RequirementStatus.LocalReplacement, reports["example.com/a"].Status);
        Assert.Equal(RequirementStatus.Excluded, reports["example.com/b"].Status);
        Assert.Equal(RequirementStatus.Invalid, reports["foo/bar"].Status);
        Assert.Equal("foo/bar@v1.0.0: malformed module path \"foo/bar\": missing dot in first path element", reports["foo/bar"].Failure!.GoMessage);
        Assert.Equal(RequirementStatus.Resolved, reports["example.com/c"].Status);
        Assert.Equal(new ModuleTarget("example.com/fastjson", "v1.1.0"), reports["example.com/c"].Target);
        Assert.All(transport.Urls, u => Assert.Contains("example.com/fastjson", u, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Revision_fixer_stats_the_revision_and_returns_the_canonical_version()
    {
        var tree = TestUtilities.GoOracle.NewScratchDir("revtree");
        Directory.CreateDirectory(Path.Combine(tree, "example.com", "m", "@v"));
        await File.WriteAllTextAsync(Path.Combine(tree, "example.com", "m", "@v", "master.info"), "{\"Version\":\"v0.0.0-20240101100000-abcdefabcdef\",\"Time\":\"2024-01-01T10:00:00Z\"}");
        using var transport = new RecordingTransport();
        var resolver = new RequirementResolver(transport);
        var ok = await resolver.ResolveQueryAsync("example.com/m", "master", Options(FileUrl(tree)), CancellationToken.None);
        Assert.Equal("v0.0.0-20240101100000-abcdefabcdef", ok.Canonical);

        var missing = await resolver.ResolveQueryAsync("example.com/m", "nope", Options(FileUrl(tree)), CancellationToken.None);
        Assert.Null(missing.Canonical);
        Assert.Equal($"require example.com/m: version \"nope\" invalid: reading file://{tree}/example.com/m/@v/nope.info: no such file or directory", missing.GoMessage);
    }

    [Fact]
    public async Task Garbage_info_is_reported_with_go_json_error()
    {
        using var transport = new RecordingTransport();
        var resolver = new RequirementResolver(transport);
        var report = await resolver.ResolveAsync("example.com/foo", "v1.0.0", Options(fixture.Proxy.Url("garbage")), CancellationToken.None);
        Assert.Equal(RequirementStatus.Failed, report.Status);
        Assert.Equal(FailureKind.InvalidResponse, report.Failure!.Kind);
        Assert.Equal($"example.com/foo@v1.0.0: invalid response from proxy \"{fixture.Proxy.Url("garbage")}\": invalid character 'h' in literal true (expecting 'r')", report.Failure.GoMessage);
    }

    internal static IMirrorProber LoopbackProber(params string[] mirrors) =>
        new MirrorProberAdapter(MirrorProber.Create(new HttpTransportOptions { MaxRetries = 0 }, TimeSpan.FromSeconds(2), TimeSpan.Zero), mirrors.Select(m => new Uri(m)).ToList());
}

/// <summary>The production module-cache reader behind the engine's port.</summary>
internal sealed class ModuleCacheAdapterForTests(string goModCache) : IModuleCache
{
    private readonly Infrastructure.Caching.ModuleCacheReader _reader = new(goModCache);

    public ValueTask<FetchResult?> TryReadAsync(string escapedPath, string escapedVersion, ProxyEndpoint endpoint, CancellationToken cancellationToken) =>
        _reader.TryReadAsync(escapedPath, escapedVersion, endpoint, cancellationToken);
}

/// <summary>Delays requests whose URL contains a marker (a slow module).</summary>
internal sealed class DelayingTransport(IProxyTransport inner, string marker, TimeSpan delay) : IProxyTransport
{
    public async ValueTask<FetchResult> GetAsync(ProxyRequest request, CancellationToken cancellationToken)
    {
        if (request.Url.AbsoluteUri.Contains(marker, StringComparison.Ordinal))
        {
            await Task.Delay(delay, cancellationToken);
        }

        return await inner.GetAsync(request, cancellationToken);
    }
}
