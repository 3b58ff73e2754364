using System.Text.Json;
using System.Text.RegularExpressions;
using GoModLens.Analysis.Ports;
using GoModLens.Infrastructure.Http;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.FakeProxy;

namespace GoModLens.Analysis.Tests.Transport;

/// <summary>
/// DIFFERENTIAL: go 1.26 fetches example.com/foo@v1.0.0 through a fault route of the fake proxy; our GoError for the
/// same first request (.info) must equal go's error text after "example.com/foo@v1.0.0: " (ports normalised only).
/// </summary>
public sealed partial class TransportDifferentialTests(FakeProxyFixture fixture) : IClassFixture<FakeProxyFixture>
{
    private const string Module = "example.com/foo@v1.0.0";

    public static TheoryData<string> Routes() =>
    [
        "status/404",
        "status/410",
        "status/403/forbidden%3A%20module%20blocked%20by%20policy",
        "status/500",
        "status/502",
        "status/429",
        "status/204",
        "status/404/line%20one%0Aline%20two%0A%0Aafter%20blank",
        "status/404/" + string.Concat(Enumerable.Repeat("l%0A", 12)),
        "status/404/" + new string('x', 700),
        "status/404/" + string.Concat(Enumerable.Repeat(new string('y', 100) + "%0A", 7)),
        "status/404/bell%07here",
        "html/504",
        "html/502",
        "reason/404/File%20not%20found",
        "close",
        "reset",
        "redirect-chain/9",
        "redirect-loop",
    ];

    [SkippableTheory]
    [MemberData(nameof(Routes))]
    public async Task Our_error_equals_gos(string route)
    {
        GoOracle.Require();
        var goproxy = fixture.Proxy.Url(route);
        var goError = GoDownloadError(goproxy);
        using var transport = new HttpProxyTransport(new HttpTransportOptions { MaxRetries = 0 });
        var ours = await transport.GetAsync(new ProxyRequest(new Uri(goproxy + "/example.com/foo/@v/v1.0.0.info"), ProxyEndpoint.Info), CancellationToken.None);
        Assert.Equal(Normalise(goError), Normalise(ours.GoError ?? "<success>"));
    }

    [SkippableFact]
    public async Task Connection_refused_matches_go()
    {
        GoOracle.Require();
        var goproxy = $"http://127.0.0.1:{TransportFailureClassTests.ClosedPort()}";
        var goError = GoDownloadError(goproxy);
        using var transport = new HttpProxyTransport(new HttpTransportOptions { MaxRetries = 0 });
        var ours = await transport.GetAsync(new ProxyRequest(new Uri(goproxy + "/example.com/foo/@v/v1.0.0.info"), ProxyEndpoint.Info), CancellationToken.None);
        Assert.Equal(goError, ours.GoError);
    }

    [SkippableFact]
    public async Task Untrusted_certificate_matches_go()
    {
        GoOracle.Require();
        var goproxy = fixture.Proxy.Url("ok", https: true);
        var goError = GoDownloadError(goproxy);
        using var transport = new HttpProxyTransport(new HttpTransportOptions { MaxRetries = 0 });
        var ours = await transport.GetAsync(new ProxyRequest(new Uri(goproxy + "/example.com/foo/@v/v1.0.0.info"), ProxyEndpoint.Info), CancellationToken.None);
        Assert.Equal(goError, ours.GoError);
    }

    /// <summary>
    /// A certificate for other names, as crypto/x509's HostnameError words it: a host name against the DNS names only,
    /// an IP address against the IP SANs only, a legacy common name, and the host name checked before the chain (an
    /// untrusted certificate for other names is a host name error). The note says the name reached another server.
    /// </summary>
    [SkippableTheory]
    [InlineData("localhost", "", "127.0.0.1", true)]
    [InlineData("127.0.0.1", "proxy.example", "", true)]
    [InlineData("localhost", "a.example,b.example", "", true)]
    [InlineData("localhost", "a.example,b.example", "", false)]
    [InlineData("localhost", "*.localhost,other", "127.0.0.1", true)]
    [InlineData("localhost", "", "", true)]
    [InlineData("127.0.0.1", "", "", true)]
    public async Task A_certificate_for_other_names_matches_go(string host, string dnsNames, string ipAddresses, bool trusted)
    {
        GoOracle.Require();
        // No SANs at all: the common name is the host, which go refuses as a legacy common name (or, for an IP, for want of IP SANs).
        var (leaf, ca) = FakeModuleProxy.CreateIssuedCertificate("CN=GoModLens Test CA", "CN=" + host,
            dnsNames.Split(',', StringSplitOptions.RemoveEmptyEntries), [.. ipAddresses.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(System.Net.IPAddress.Parse)]);
        await using var proxy = await FakeModuleProxy.StartAsync(fixture.Proxy.Root, leaf);
        var goproxy = proxy.Url("ok", https: true).Replace("127.0.0.1", host, StringComparison.Ordinal);
        var pem = Path.Combine(GoOracle.NewScratchDir("ca"), "ca.pem");
        File.WriteAllText(pem, ca.ExportCertificatePem());
        var goError = GoDownloadError(goproxy, trusted ? new Dictionary<string, string?> { ["SSL_CERT_FILE"] = pem } : null);
        using var transport = new HttpProxyTransport(new HttpTransportOptions { MaxRetries = 0, TrustedRoots = trusted ? [ca] : null });

        var ours = await transport.GetAsync(new ProxyRequest(new Uri(goproxy + "/example.com/foo/@v/v1.0.0.info"), ProxyEndpoint.Info), CancellationToken.None);

        Assert.Equal(goError, ours.GoError);
        Assert.Equal(FailureKind.Tls, ours.Kind);
        Assert.StartsWith($"the server that answered for {host} holds a certificate for other names", ours.Note, StringComparison.Ordinal);
    }

    /// <summary>
    /// A certificate signed with SHA-1 by a CA both trust: .NET takes it, go refuses it with its hint naming the CA. The
    /// note says why, whatever the trust store.
    /// </summary>
    [SkippableFact]
    public async Task A_sha1_signed_certificate_is_refused_as_go_refuses_it()
    {
        GoOracle.Require();
        var (leaf, ca) = FakeModuleProxy.CreateIssuedCertificate("CN=Legacy Corp CA, O=Legacy Corp", "CN=127.0.0.1", [], [System.Net.IPAddress.Loopback],
            System.Security.Cryptography.HashAlgorithmName.SHA1);
        var dir = GoOracle.NewScratchDir("sha1");
        var pem = Path.Combine(dir, "ca.pem");
        File.WriteAllText(pem, ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(dir, "leaf.pem"), leaf.ExportCertificatePem() + "\n" + System.Security.Cryptography.X509Certificates.RSACertificateExtensions.GetRSAPrivateKey(leaf)!.ExportPkcs8PrivateKeyPem());
        // Kestrel (OpenSSL at its default security level) will not serve a SHA-1 certificate; a legacy server will.
        using var server = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("python3", ["-c", """
            import http.server, ssl, sys
            class H(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(404); self.end_headers(); self.wfile.write(b"not found")
                def log_message(self, *a): pass
            s = http.server.HTTPServer(("127.0.0.1", 0), H)
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
            ctx.load_cert_chain(sys.argv[1])
            s.socket = ctx.wrap_socket(s.socket, server_side=True)
            print(s.server_address[1], flush=True)
            s.serve_forever()
            """, Path.Combine(dir, "leaf.pem")]) { RedirectStandardOutput = true })!;
        try
        {
            var goproxy = "https://127.0.0.1:" + (await server.StandardOutput.ReadLineAsync())!.Trim();
            var goError = GoDownloadError(goproxy, new Dictionary<string, string?> { ["SSL_CERT_FILE"] = pem });
            using var transport = new HttpProxyTransport(new HttpTransportOptions { MaxRetries = 0, TrustedRoots = [ca] });

            var ours = await transport.GetAsync(new ProxyRequest(new Uri(goproxy + "/example.com/foo/@v/v1.0.0.info"), ProxyEndpoint.Info), CancellationToken.None);

            Assert.Equal(goError, ours.GoError);
            Assert.EndsWith("(possibly because of \"x509: cannot verify signature: insecure algorithm SHA1-RSA\" while trying to verify candidate authority certificate \"Legacy Corp CA\")",
                ours.GoError, StringComparison.Ordinal);
            Assert.StartsWith("a certificate 127.0.0.1 presented is signed with SHA1-RSA", ours.Note, StringComparison.Ordinal);
        }
        finally
        {
            server.Kill();
        }
    }

    [SkippableFact]
    public async Task Insecure_redirect_matches_go_when_both_trust_the_certificate()
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("cert");
        var pem = fixture.Proxy.WriteCertificatePem(dir);
        var goproxy = fixture.Proxy.Url("redirect-to-http", https: true);
        var goError = GoDownloadError(goproxy, new Dictionary<string, string?> { ["SSL_CERT_FILE"] = pem });
        using var transport = new HttpProxyTransport(new HttpTransportOptions { MaxRetries = 0, TrustedRoots = [fixture.Proxy.Certificate] });
        var ours = await transport.GetAsync(new ProxyRequest(new Uri(goproxy + "/example.com/foo/@v/v1.0.0.info"), ProxyEndpoint.Info), CancellationToken.None);
        Assert.Equal(goError, ours.GoError);
    }

    [SkippableFact]
    public async Task Credentials_over_http_are_refused_like_go()
    {
        GoOracle.Require();
        fixture.Proxy.ClearLog();
        var goproxy = fixture.Proxy.Url("ok").Replace("http://", "http://user:s3cret@", StringComparison.Ordinal);
        var goError = GoDownloadError(goproxy);
        using var transport = new HttpProxyTransport(new HttpTransportOptions { MaxRetries = 0 });
        var ours = await transport.GetAsync(new ProxyRequest(new Uri(goproxy + "/example.com/foo/@v/v1.0.0.info"), ProxyEndpoint.Info), CancellationToken.None);
        Assert.Equal(goError, ours.GoError);
        Assert.DoesNotContain("s3cret", ours.GoError, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", ours.RedactedUrl, StringComparison.Ordinal);
        Assert.Empty(fixture.Proxy.Requests);
    }

    /// <summary>Runs go mod download -json outside any module with a fresh module cache; returns the error after "module@version: ".</summary>
    private static string GoDownloadError(string goproxy, Dictionary<string, string?>? extra = null)
    {
        var work = GoOracle.NewScratchDir("diff");
        var env = new Dictionary<string, string?>
        {
            ["GOPROXY"] = goproxy,
            ["GOMODCACHE"] = Path.Combine(work, "modcache"),
            ["GOFLAGS"] = "-mod=mod -modcacherw",
        };
        foreach (var (k, v) in extra ?? [])
        {
            env[k] = v;
        }

        var run = GoOracle.Run(work, env, "mod", "download", "-json", Module);
        using var doc = JsonDocument.Parse(run.Stdout);
        if (!doc.RootElement.TryGetProperty("Error", out var error))
        {
            return "<success>";
        }

        var text = error.GetString()!;
        Assert.StartsWith(Module + ": ", text, StringComparison.Ordinal);
        return text[(Module.Length + 2)..];
    }

    private static string Normalise(string s) => Ports().Replace(s, "127.0.0.1:PORT");

    [GeneratedRegex(@"127\.0\.0\.1:\d+")]
    private static partial Regex Ports();
}
