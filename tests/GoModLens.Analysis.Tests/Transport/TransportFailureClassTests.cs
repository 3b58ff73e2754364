using System.Net;
using System.Net.Sockets;
using GoModLens.Analysis.Ports;
using GoModLens.Infrastructure.Http;
using GoModLens.TestUtilities.FakeProxy;

namespace GoModLens.Analysis.Tests.Transport;

/// <summary>Every failure class of the fake proxy maps to the expected FailureKind and go's error text.</summary>
public sealed class TransportFailureClassTests(FakeProxyFixture fixture) : IClassFixture<FakeProxyFixture>
{
    private const string Info = "example.com/foo/@v/v1.0.0.info";

    private static HttpProxyTransport NewTransport(HttpTransportOptions? options = null) =>
        new((options ?? new HttpTransportOptions()) with { MaxRetries = 0 });

    private Uri U(string route, string rest = Info, bool https = false) => new(fixture.Proxy.Url(route, https) + "/" + rest);

    private string S(string route, string rest = Info, bool https = false) => U(route, rest, https).AbsoluteUri;

    private static Task<FetchResult> Get(HttpProxyTransport t, Uri url, ProxyEndpoint endpoint = ProxyEndpoint.Info) =>
        t.GetAsync(new ProxyRequest(url, endpoint), CancellationToken.None).AsTask();

    [Fact]
    public async Task Ok_returns_body_and_timings()
    {
        using var t = NewTransport(new HttpTransportOptions { ReuseConnections = false });
        var r = await Get(t, U("ok"));
        Assert.Equal(FailureKind.None, r.Kind);
        Assert.Contains("\"Version\":\"v1.0.0\"", System.Text.Encoding.UTF8.GetString(r.Body!), StringComparison.Ordinal);
        Assert.Equal(200, r.StatusCode);
        Assert.NotNull(r.Timings?.Connect);
        Assert.Null(r.Timings!.Dns); // IP literal: nothing to resolve
        Assert.NotNull(r.Timings.FirstByte);
    }

    [Theory]
    [InlineData(404, FailureKind.NotFound, "Not Found")]
    [InlineData(410, FailureKind.Gone, "Gone")]
    [InlineData(401, FailureKind.Unauthorized, "Unauthorized")]
    [InlineData(403, FailureKind.Forbidden, "Forbidden")]
    [InlineData(429, FailureKind.TooManyRequests, "Too Many Requests")]
    [InlineData(500, FailureKind.ServerError, "Internal Server Error")]
    [InlineData(502, FailureKind.BadGateway, "Bad Gateway")]
    [InlineData(503, FailureKind.ServiceUnavailable, "Service Unavailable")]
    [InlineData(504, FailureKind.GatewayTimeout, "Gateway Timeout")]
    [InlineData(204, FailureKind.HttpStatus, "No Content")]
    public async Task Status_codes_are_classified_with_server_response(int code, FailureKind kind, string reason)
    {
        using var t = NewTransport();
        var url = U($"status/{code}");
        var r = await Get(t, url);
        Assert.Equal(kind, r.Kind);
        Assert.Equal(code, r.StatusCode);
        if (code == 204)
        {
            // No body, so no detail.
            Assert.Equal($"reading {url}: {code} {reason}", r.GoError);
            return;
        }

        Assert.Equal($"injected {code} for /status/{code}/{Info}", r.ServerResponse);
        Assert.Equal($"reading {url}: {code} {reason}\n\tserver response: injected {code} for /status/{code}/{Info}", r.GoError);
    }

    [Fact]
    public async Task Custom_message_is_echoed_and_404_is_not_found()
    {
        using var t = NewTransport();
        var url = S("status/404/module%20blocked%20by%20policy");
        var r0 = url;
        var r = await Get(t, new Uri(r0));
        Assert.True(r.IsNotFound);
        Assert.Equal($"reading {url}: 404 Not Found\n\tserver response: module blocked by policy", r.GoError);
    }

    [Fact]
    public async Task Html_error_keeps_the_reason_phrase_verbatim_and_has_no_detail()
    {
        using var t = NewTransport();
        var url = U("html/504");
        var r = await Get(t, url);
        Assert.Equal(FailureKind.GatewayTimeout, r.Kind);
        Assert.Equal("Gateway Time-out", r.ReasonPhrase);
        Assert.Null(r.ServerResponse);
        Assert.Equal($"reading {url}: 504 Gateway Time-out", r.GoError);
    }

    [Fact]
    public async Task Custom_reason_phrase_is_printed_verbatim()
    {
        using var t = NewTransport();
        var url = S("reason/404/File%20not%20found");
        var r = await Get(t, new Uri(url));
        Assert.Equal($"reading {url}: 404 File not found\n\tserver response: custom reason", r.GoError);
    }

    [Fact]
    public async Task Connection_refused_names_the_endpoint()
    {
        var port = ClosedPort();
        using var t = NewTransport();
        var url = new Uri($"http://127.0.0.1:{port}/{Info}");
        var r = await Get(t, url);
        Assert.Equal(FailureKind.ConnectionRefused, r.Kind);
        Assert.Equal($"Get \"{url}\": dial tcp 127.0.0.1:{port}: connect: connection refused", r.GoError);
    }

    [Fact]
    public async Task Close_without_response_is_EOF()
    {
        using var t = NewTransport();
        var url = U("close");
        var r = await Get(t, url);
        Assert.Equal(FailureKind.ConnectionReset, r.Kind);
        Assert.Equal($"Get \"{url}\": EOF", r.GoError);
    }

    [Fact]
    public async Task Reset_is_connection_reset_by_peer()
    {
        using var t = NewTransport();
        var url = U("reset");
        var r = await Get(t, url);
        Assert.Equal(FailureKind.ConnectionReset, r.Kind);
        Assert.Matches(@"^Get ""[^""]+"": read tcp 127\.0\.0\.1:\d+->127\.0\.0\.1:\d+: read: connection reset by peer$", r.GoError);
    }

    [Fact]
    public async Task Hang_hits_the_first_byte_deadline_with_small_slack()
    {
        using var t = NewTransport(new HttpTransportOptions { FirstByteTimeout = TimeSpan.FromMilliseconds(700), ConnectTimeout = TimeSpan.FromMilliseconds(300) });
        var url = U("hang");
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r = await Get(t, url);
        sw.Stop();
        Assert.Equal(FailureKind.FirstByteTimeout, r.Kind);
        Assert.StartsWith($"Get \"{url}\": no response headers after 700ms (GoModLens deadline; the go command would wait forever)", r.GoError, StringComparison.Ordinal);
        Assert.InRange(sw.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromMilliseconds(3000));
    }

    [Fact]
    public async Task Stalled_body_hits_the_total_deadline()
    {
        using var t = NewTransport(new HttpTransportOptions { TotalTimeout = TimeSpan.FromMilliseconds(800) });
        var url = U("stall");
        var r = await Get(t, url);
        Assert.Equal(FailureKind.BodyStalled, r.Kind);
        Assert.StartsWith($"read \"{url}\": body incomplete after 800ms", r.GoError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversize_body_is_cut_at_the_endpoint_cap()
    {
        using var t = NewTransport(new HttpTransportOptions { SmallBodyLimit = 1 << 20 });
        var r = await Get(t, U("oversize"), ProxyEndpoint.List);
        Assert.Equal(FailureKind.Oversize, r.Kind);
        Assert.Null(r.Body);
        var zip = await Get(t, U("ok", "example.com/foo/@v/v1.0.0.zip"), ProxyEndpoint.Zip);
        Assert.Equal(FailureKind.None, zip.Kind);
    }

    [Fact]
    public async Task Redirect_is_followed()
    {
        using var t = NewTransport();
        var r = await Get(t, U("redirect"));
        Assert.Equal(FailureKind.None, r.Kind);
        Assert.Equal(U("redirect").ToString(), r.RedactedUrl);
    }

    [Fact]
    public async Task Nine_redirects_are_followed_ten_are_refused()
    {
        using var t = NewTransport();
        // chain/n answers n+1 redirects; go refuses the tenth and names its raw Location.
        Assert.Equal(FailureKind.None, (await Get(t, U("redirect-chain/8"))).Kind);
        var r = await Get(t, U("redirect-chain/9"));
        Assert.Equal(FailureKind.RedirectLoop, r.Kind);
        Assert.Equal($"Get \"/ok/{Info}\": stopped after 10 redirects", r.GoError);
    }

    [Fact]
    public async Task Redirect_loop_is_detected_early()
    {
        using var t = NewTransport();
        fixture.Proxy.ClearLog();
        var url = U("redirect-loop");
        var r = await Get(t, url);
        Assert.Equal(FailureKind.RedirectLoop, r.Kind);
        Assert.Equal($"Get \"/redirect-loop/{Info}\": stopped after 10 redirects", r.GoError);
        Assert.Contains("loop", r.Note, StringComparison.Ordinal);
        Assert.True(fixture.Proxy.Requests.Count(q => q.Path.StartsWith("/redirect-loop", StringComparison.Ordinal)) <= 2);
    }

    [Fact]
    public async Task Https_to_http_redirect_is_refused()
    {
        using var t = NewTransport(new HttpTransportOptions { TrustedRoots = [fixture.Proxy.Certificate] });
        var url = U("redirect-to-http", https: true);
        var r = await Get(t, url);
        Assert.Equal(FailureKind.InsecureRedirect, r.Kind);
        var target = fixture.Proxy.Url("ok") + "/" + Info;
        Assert.Equal($"Get \"{target}\": redirected from secure URL {url} to insecure URL {target}", r.GoError);
    }

    [Fact]
    public async Task Untrusted_certificate_is_a_tls_failure()
    {
        using var t = NewTransport();
        var url = U("ok", https: true);
        var r = await Get(t, url);
        Assert.Equal(FailureKind.Tls, r.Kind);
        Assert.Equal($"Get \"{url}\": tls: failed to verify certificate: x509: certificate signed by unknown authority", r.GoError);
        Assert.Equal("127.0.0.1 presented a self-signed certificate (127.0.0.1); " + UntrustedCertificateNote.TrustAdvice("it"), r.Note);
    }

    /// <summary>
    /// A TLS-inspecting proxy's certificate: go's error is the same unknown authority, and the note names the issuer,
    /// the product, and where go looks for trusted CAs.
    /// </summary>
    [Fact]
    public async Task A_certificate_a_tls_inspecting_proxy_issued_is_named_in_the_note()
    {
        var (leaf, ca) = FakeModuleProxy.CreateIssuedCertificate("CN=Zscaler Intermediate Root CA (zscaler.net), O=Zscaler Inc.");
        await using var proxy = await FakeModuleProxy.StartAsync(fixture.Proxy.Root, leaf);
        using var t = NewTransport();
        var url = new Uri(proxy.Url("ok", https: true) + "/" + Info);

        var r = await Get(t, url);

        Assert.Equal(FailureKind.Tls, r.Kind);
        Assert.Equal($"Get \"{url}\": tls: failed to verify certificate: x509: certificate signed by unknown authority", r.GoError);
        Assert.StartsWith("the certificate for 127.0.0.1 was issued by \"Zscaler Intermediate Root CA (zscaler.net) (Zscaler Inc.)\": Zscaler is inspecting TLS on this network",
            r.Note, StringComparison.Ordinal);
        Assert.EndsWith("; " + UntrustedCertificateNote.TrustAdvice("that CA"), r.Note, StringComparison.Ordinal);

        // Trusted, the same certificate is a success: the note was about trust, not the connection.
        using var trusting = NewTransport(new HttpTransportOptions { TrustedRoots = [ca] });
        Assert.Equal(FailureKind.None, (await Get(trusting, url)).Kind);
    }

    [Fact]
    public async Task Trusted_https_measures_tls()
    {
        using var t = NewTransport(new HttpTransportOptions { TrustedRoots = [fixture.Proxy.Certificate], ReuseConnections = false });
        var r = await Get(t, U("ok", https: true));
        Assert.Equal(FailureKind.None, r.Kind);
        Assert.NotNull(r.Timings?.Tls);
    }

    [Fact]
    public async Task Garbage_200_is_a_transport_success()
    {
        using var t = NewTransport();
        var r = await Get(t, U("garbage"));
        Assert.Equal(FailureKind.None, r.Kind); // parsing the JSON is the resolution engine's job
        Assert.Equal("this is not what you expected {"u8.ToArray(), r.Body);
    }

    [Fact]
    public async Task Onlylist_serves_list_and_fails_the_rest()
    {
        using var t = NewTransport();
        Assert.Equal(FailureKind.None, (await Get(t, U("onlylist/404", "example.com/foo/@v/list"), ProxyEndpoint.List)).Kind);
        Assert.Equal(FailureKind.NotFound, (await Get(t, U("onlylist/404"))).Kind);
    }

    [Fact]
    public async Task Cancellation_surfaces_as_OperationCanceledException()
    {
        using var t = NewTransport();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => t.GetAsync(new ProxyRequest(U("hang"), ProxyEndpoint.Info), cts.Token).AsTask());
    }

    /// <summary>
    /// A loopback port nothing listens on, for the rest of the test run: a socket bound to it that never listens answers
    /// every connect with a reset (connection refused), and keeps the port from being handed to another test's listener
    /// (a port freed again could be, and a connect to it then succeeds).
    /// </summary>
    internal static int ClosedPort()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        s_reservedPorts.Add(socket);
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static readonly System.Collections.Concurrent.ConcurrentBag<Socket> s_reservedPorts = [];
}
