using GoModLens.Analysis.Ports;
using GoModLens.Analysis.Resolution;
using GoModLens.Analysis.Tests.Resolution;
using GoModLens.Infrastructure.Http;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.FakeProxy;
using GoModLens.TestUtilities.ProxyTree;

namespace GoModLens.Analysis.Tests.Transport;

/// <summary>
/// The circuit breaker belongs to a GOPROXY entry, not to its host: with <c>GOPROXY=http://h/503|http://h/ok</c> go
/// falls through to /ok for every module, and so must we once /503's circuit is open. A short-circuited request was
/// never sent: it borrows the entry's status line or error, never another request's <c>server response:</c> body nor
/// a deadline it did not wait for.
/// </summary>
public sealed class CircuitPerEntryTests
{
    private const int Modules = 8;

    private static HttpTransportOptions Breaker(TimeSpan? firstByte = null) => new()
    {
        MaxRetries = 0,
        BreakerMinimumThroughput = 2,
        BreakerFailureRatio = 0.5,
        FirstByteTimeout = firstByte ?? TimeSpan.FromSeconds(15),
    };

    [Fact]
    public async Task A_failing_entry_does_not_short_circuit_the_healthy_entry_on_the_same_host()
    {
        var builder = new ProxyTreeBuilder();
        for (var i = 0; i < Modules; i++)
        {
            builder.Add($"example.com/m{i}", "v1.0.0", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        }

        await using var proxy = await FakeModuleProxy.StartAsync(builder.WriteTo(GoOracle.NewScratchDir("entries")));
        using var transport = new HttpProxyTransport(Breaker());
        var resolver = new RequirementResolver(transport);
        var failing = proxy.Url("status/503");
        var healthy = proxy.Url("ok");
        var options = ResolutionTestData.Options(failing + "|" + healthy) with { CheckLatest = false };

        var reports = new List<RequirementReport>();
        for (var i = 0; i < Modules; i++)
        {
            reports.Add(await resolver.ResolveAsync($"example.com/m{i}", "v1.0.0", options, CancellationToken.None));
        }

        // The failing entry's circuit did open: its later modules were not asked there.
        Assert.True(transport.IsCircuitOpen(new Uri(failing + "/example.com/m0/@v/list")));
        Assert.False(transport.IsCircuitOpen(new Uri(healthy + "/example.com/m0/@v/list")));
        Assert.True(proxy.Requests.Count(r => r.Path.StartsWith("/status/503/", StringComparison.Ordinal)) < Modules);
        for (var i = 0; i < Modules; i++)
        {
            Assert.True(reports[i].Status == RequirementStatus.Resolved, $"m{i}: {reports[i].Status} {reports[i].Failure?.GoMessage}");
            Assert.Contains(proxy.Requests, r => r.Path == $"/ok/example.com/m{i}/@v/v1.0.0.info");
        }
    }

    /// <summary>
    /// Bases whose own paths have dotted elements (<c>http://h/a.b/…</c>, <c>http://h/a.c/…</c>) cannot be told apart
    /// from a module URL by where the module path starts: each request carries its entry, and each entry has its circuit.
    /// </summary>
    [Fact]
    public async Task Entries_with_dotted_paths_on_one_host_have_a_circuit_each()
    {
        var builder = new ProxyTreeBuilder();
        for (var i = 0; i < Modules; i++)
        {
            builder.Add($"example.com/m{i}", "v1.0.0", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        }

        await using var proxy = await FakeModuleProxy.StartAsync(builder.WriteTo(GoOracle.NewScratchDir("dotted")));
        using var transport = new HttpProxyTransport(Breaker());
        var resolver = new RequirementResolver(transport);
        var dead = proxy.Url("a.b/status/503");
        var healthy = proxy.Url("a.c/ok");
        var options = ResolutionTestData.Options(dead + "|" + healthy) with { CheckLatest = false };

        var reports = new List<RequirementReport>();
        for (var i = 0; i < Modules; i++)
        {
            reports.Add(await resolver.ResolveAsync($"example.com/m{i}", "v1.0.0", options, CancellationToken.None));
        }

        Assert.True(transport.IsCircuitOpen(new ProxyRequest(new Uri(dead + "/example.com/m0/@v/list"), ProxyEndpoint.List) { Entry = dead }));
        Assert.False(transport.IsCircuitOpen(new ProxyRequest(new Uri(healthy + "/example.com/m0/@v/list"), ProxyEndpoint.List) { Entry = healthy }));
        Assert.True(proxy.Requests.Count(r => r.Path.StartsWith("/a.b/", StringComparison.Ordinal)) < Modules);
        for (var i = 0; i < Modules; i++)
        {
            Assert.True(reports[i].Status == RequirementStatus.Resolved, $"m{i}: {reports[i].Status} {reports[i].Failure?.GoMessage}");
            Assert.Contains(proxy.Requests, r => r.Path == $"/a.c/ok/example.com/m{i}/@v/v1.0.0.info");
        }

        // A skipped request names its own entry (without a password), not the host both share.
        var skipped = await transport.GetAsync(new ProxyRequest(new Uri(dead + "/example.com/m0/@v/list"), ProxyEndpoint.List) { Entry = dead }, CancellationToken.None);
        Assert.StartsWith(dead + " failed repeatedly", skipped.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_circuited_request_does_not_quote_another_requests_body()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        using var transport = new HttpProxyTransport(Breaker());
        var entry = proxy.Url("status/502");
        var sent = await OpenCircuitAsync(transport, entry, "m1");

        // A request that was sent keeps its own body, naming its own module.
        Assert.Contains($"server response: injected 502 for /status/502/example.com/m1{sent.Count}/@v/list", sent[^1].GoError, StringComparison.Ordinal);
        proxy.ClearLog();

        var skipped = await transport.GetAsync(new ProxyRequest(new Uri($"{entry}/example.com/m1/@v/list"), ProxyEndpoint.List), CancellationToken.None);

        Assert.Empty(proxy.Requests);
        Assert.Equal(FailureKind.BadGateway, skipped.Kind);
        Assert.Equal($"reading {entry}/example.com/m1/@v/list: 502 Bad Gateway", skipped.GoError);
        Assert.Null(skipped.ServerResponse);
        Assert.Equal(TimeSpan.Zero, skipped.Elapsed);
        Assert.Contains("circuit open", skipped.Note, StringComparison.Ordinal);
        Assert.Contains("not sent", skipped.Note, StringComparison.Ordinal);
        Assert.StartsWith(entry + " failed repeatedly", skipped.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_circuited_request_does_not_claim_a_deadline_it_never_waited_for()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        using var transport = new HttpProxyTransport(Breaker(firstByte: TimeSpan.FromMilliseconds(300)));
        var entry = proxy.Url("hang");
        var sent = await OpenCircuitAsync(transport, entry, "t");

        Assert.Equal(FailureKind.FirstByteTimeout, sent[^1].Kind);
        Assert.Contains("no response headers after 300ms", sent[^1].GoError, StringComparison.Ordinal);

        var skipped = await transport.GetAsync(new ProxyRequest(new Uri($"{entry}/example.com/t9/@v/list"), ProxyEndpoint.List), CancellationToken.None);

        Assert.Equal(FailureKind.FirstByteTimeout, skipped.Kind); // still grouped with the timeouts
        Assert.Equal($"Get \"{entry}/example.com/t9/@v/list\": not sent: earlier requests to {entry} timed out", skipped.GoError);
        Assert.DoesNotContain("300ms", skipped.GoError + skipped.Note, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.Zero, skipped.Elapsed);
        Assert.Null(skipped.Timings);
    }

    /// <summary>Requests modules <paramref name="prefix"/>1, 2, … under <paramref name="entry"/> until its circuit opens; the ones really sent.</summary>
    private static async Task<List<FetchResult>> OpenCircuitAsync(HttpProxyTransport transport, string entry, string prefix)
    {
        var sent = new List<FetchResult>();
        for (var i = 1; i <= 10; i++)
        {
            var result = await transport.GetAsync(new ProxyRequest(new Uri($"{entry}/example.com/{prefix}{i}/@v/list"), ProxyEndpoint.List), CancellationToken.None);
            if (result.Note?.Contains("circuit open", StringComparison.Ordinal) == true)
            {
                Assert.True(transport.IsCircuitOpen(new Uri(entry + "/example.com/other/@v/list")));
                return sent;
            }

            sent.Add(result);
        }

        throw new InvalidOperationException("the circuit never opened");
    }

    [Theory]
    [InlineData("https://proxy.golang.org/example.com/m/@v/list", "https://proxy.golang.org")]
    [InlineData("http://127.0.0.1:8080/status/503/example.com/m/@v/v1.0.0.info", "http://127.0.0.1:8080/status/503")]
    [InlineData("https://nexus.corp/repository/go-proxy/github.com/!azure/sdk/@latest", "https://nexus.corp/repository/go-proxy")]
    [InlineData("https://user:secret@h.corp/a/b/example.com/m/v2/@v/v2.0.0.zip", "https://h.corp/a/b")]
    [InlineData("https://sum.golang.org/lookup/example.com/m@v1.0.0", "https://sum.golang.org")]
    [InlineData("https://example.com/m?go-get=1", "https://example.com")]
    public void The_circuit_is_the_entry_of_a_module_proxy_url(string url, string key) =>
        Assert.Equal(key, HttpProxyTransport.CircuitKey(new Uri(url)));

    [Theory]
    [InlineData("http://127.0.0.1:8080/a.b/example.com/m/@v/list", "http://127.0.0.1:8080/a.b", "http://127.0.0.1:8080/a.b")]
    [InlineData("http://127.0.0.1:8080/a.c/example.com/m/@v/list", "http://127.0.0.1:8080/a.c/", "http://127.0.0.1:8080/a.c")]
    [InlineData("https://u:secret@h.corp/go.proxy/example.com/m/@latest", "https://u:secret@h.corp/go.proxy", "https://h.corp/go.proxy")]
    [InlineData("https://h.corp/sumdb/sum.golang.org/supported", "https://h.corp", "https://h.corp")]
    [InlineData("https://h.corp/example.com/m/@v/list", null, "https://h.corp")]
    public void A_request_that_names_its_entry_has_that_entrys_circuit(string url, string? entry, string key) =>
        Assert.Equal(key, HttpProxyTransport.CircuitKey(new ProxyRequest(new Uri(url), ProxyEndpoint.List) { Entry = entry }));
}
