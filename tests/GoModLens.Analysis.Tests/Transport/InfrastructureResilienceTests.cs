using System.Net;
using GoModLens.Analysis.Ports;
using GoModLens.Infrastructure;
using GoModLens.Infrastructure.FileProxy;
using GoModLens.Infrastructure.Http;
using GoModLens.TestUtilities;

namespace GoModLens.Analysis.Tests.Transport;

public sealed class InfrastructureResilienceTests(FakeProxyFixture fixture) : IClassFixture<FakeProxyFixture>
{
    [Fact]
    public async Task Dead_host_opens_its_circuit_and_later_requests_short_circuit()
    {
        var port = TransportFailureClassTests.ClosedPort();
        using var t = new HttpProxyTransport(new HttpTransportOptions { MaxRetries = 0, BreakerMinimumThroughput = 3, BreakerFailureRatio = 0.5 });
        FetchResult? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await t.GetAsync(new ProxyRequest(new Uri($"http://127.0.0.1:{port}/m{i}/@v/list"), ProxyEndpoint.List), CancellationToken.None);
        }

        Assert.Equal(FailureKind.ConnectionRefused, last!.Kind);
        Assert.Contains("circuit open", last.Note, StringComparison.Ordinal);
        Assert.Equal($"Get \"http://127.0.0.1:{port}/m3/@v/list\": dial tcp 127.0.0.1:{port}: connect: connection refused", last.GoError);
        Assert.True(t.IsCircuitOpen(new Uri($"http://127.0.0.1:{port}/")));

        // Another host is unaffected.
        var ok = await t.GetAsync(new ProxyRequest(new Uri(fixture.Proxy.Url("ok") + "/example.com/foo/@v/list"), ProxyEndpoint.List), CancellationToken.None);
        Assert.Equal(FailureKind.None, ok.Kind);
    }

    [Fact]
    public async Task Transient_5xx_is_retried_but_404_is_not()
    {
        using var t = new HttpProxyTransport(new HttpTransportOptions { MaxRetries = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(10) });
        fixture.Proxy.ClearLog();
        var r = await t.GetAsync(new ProxyRequest(new Uri(fixture.Proxy.Url("status/503") + "/example.com/r/@v/list"), ProxyEndpoint.List), CancellationToken.None);
        Assert.Equal(FailureKind.ServiceUnavailable, r.Kind);
        Assert.Equal(3, fixture.Proxy.Requests.Count(q => q.Path.Contains("/example.com/r/", StringComparison.Ordinal)));
        await t.GetAsync(new ProxyRequest(new Uri(fixture.Proxy.Url("status/404") + "/example.com/n/@v/list"), ProxyEndpoint.List), CancellationToken.None);
        Assert.Single(fixture.Proxy.Requests, q => q.Path.Contains("/example.com/n/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Credentials_go_only_over_https_and_never_into_messages()
    {
        var lookup = new NetworkCredential("alice", "hunter2");
        using var t = new HttpProxyTransport(new HttpTransportOptions
        {
            MaxRetries = 0,
            TrustedRoots = [fixture.Proxy.Certificate],
            CredentialLookup = _ => lookup,
        });
        fixture.Proxy.ClearLog();

        var https = await t.GetAsync(new ProxyRequest(new Uri(fixture.Proxy.Url("auth/alice/hunter2", https: true) + "/example.com/foo/@v/list"), ProxyEndpoint.List), CancellationToken.None);
        Assert.Equal(FailureKind.None, https.Kind);

        var http = await t.GetAsync(new ProxyRequest(new Uri(fixture.Proxy.Url("auth/alice/hunter2") + "/example.com/foo/@v/list"), ProxyEndpoint.List), CancellationToken.None);
        Assert.Equal(FailureKind.Unauthorized, http.Kind);
        Assert.Equal("", fixture.Proxy.Requests.Single(r => r.Scheme == "http").Authorization);

        var withUserInfo = new Uri(fixture.Proxy.Url("status/500", https: true).Replace("https://", "https://bob:pa55word@", StringComparison.Ordinal) + "/example.com/foo/@v/list");
        var failed = await t.GetAsync(new ProxyRequest(withUserInfo, ProxyEndpoint.List), CancellationToken.None);
        Assert.Contains("bob:xxxxx@", failed.GoError, StringComparison.Ordinal);
        Assert.Null(https.GoError);
        Assert.Contains("Basic ", fixture.Proxy.Requests.First(r => r.Scheme == "https").Authorization, StringComparison.Ordinal);
        foreach (var text in new[] { failed.GoError, failed.RedactedUrl, failed.Note, failed.ServerResponse })
        {
            Assert.DoesNotContain("pa55word", text ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task File_proxy_missing_file_is_not_found_with_gos_text()
    {
        var root = GoModLens.TestUtilities.ProxyTree.ProxyTreeBuilder.Standard().WriteTo(GoOracle.NewScratchDir("fileproxy"));
        var composite = new CompositeTransport(new HttpProxyTransport(), new FileProxyTransport());
        var baseUrl = new Uri(root + "/").AbsoluteUri.TrimEnd('/');
        var ok = await composite.GetAsync(new ProxyRequest(new Uri(baseUrl + "/example.com/!upper/!case/@v/list"), ProxyEndpoint.List), CancellationToken.None);
        Assert.Equal("v1.0.0\n", System.Text.Encoding.UTF8.GetString(ok.Body!));
        var missing = await composite.GetAsync(new ProxyRequest(new Uri(baseUrl + "/example.com/nosuch/@v/list"), ProxyEndpoint.List), CancellationToken.None);
        Assert.True(missing.IsNotFound);
        Assert.Equal($"reading {baseUrl}/example.com/nosuch/@v/list: no such file or directory", missing.GoError);
        var ftp = await composite.GetAsync(new ProxyRequest(new Uri("ftp://x/m/@v/list"), ProxyEndpoint.List), CancellationToken.None);
        Assert.Equal(FailureKind.ConfigurationError, ftp.Kind);
    }

    [SkippableFact]
    public async Task File_proxy_missing_file_matches_go()
    {
        GoOracle.Require();
        var root = GoOracle.NewScratchDir("fileproxy-empty");
        var baseUrl = new Uri(root + "/").AbsoluteUri.TrimEnd('/');
        var work = GoOracle.NewScratchDir("diff");
        var run = GoOracle.Run(work, new Dictionary<string, string?> { ["GOPROXY"] = baseUrl, ["GOMODCACHE"] = Path.Combine(work, "mc") },
            "mod", "download", "-json", "example.com/foo@v1.0.0");
        using var doc = System.Text.Json.JsonDocument.Parse(run.Stdout);
        var goError = doc.RootElement.GetProperty("Error").GetString()!["example.com/foo@v1.0.0: ".Length..];
        var ours = await new FileProxyTransport().GetAsync(new ProxyRequest(new Uri(baseUrl + "/example.com/foo/@v/v1.0.0.info"), ProxyEndpoint.Info), CancellationToken.None);
        Assert.Equal(goError, ours.GoError);
    }
}
