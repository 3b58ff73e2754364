using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Ports;
using GoModLens.Infrastructure.Composition;
using GoModLens.Infrastructure.Http;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.FakeProxy;

namespace GoModLens.Analysis.Tests.Transport;

/// <summary>
/// DIFFERENTIAL, against go 1.26: credentials in HTTPS_PROXY/HTTP_PROXY. net/http sends the proxy URL's userinfo
/// (percent-decoded) as <c>Proxy-Authorization: Basic …</c> up front, on the CONNECT of an https GOPROXY and on every
/// request forwarded for an http one, and never in answer to a challenge. The fake proxy answers 407 unless the header
/// is exactly right; what it receives from go and from us is compared, and so are the outcomes. An https:// proxy is
/// reached over TLS first (its certificate from a CA of the test's, go's through SSL_CERT_FILE), and the same header
/// goes inside that TLS connection: on the CONNECT, or on the forwarded request.
/// </summary>
public sealed class ProxyCredentialsTests
{
    private const string Module = "example.com/foo@v1.0.0";
    private const string Info = "/example.com/foo/@v/v1.0.0.info";
    private const string Target = "goproxy.example.test";

    // "proxy@corp" / "Pr0x:yPW!", escaped as a URL's userinfo must be.
    private const string User = "proxy%40corp";
    private const string Password = "Pr0x%3AyPW%21";
    private static readonly string s_expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("proxy@corp:Pr0x:yPW!"));

    [SkippableTheory]
    [InlineData("http", "https", User + ":" + Password, true)]
    [InlineData("http", "http", User + ":" + Password, true)]
    [InlineData("http", "https", User + ":wrong", false)]
    [InlineData("http", "http", User + ":wrong", false)]
    [InlineData("http", "https", "", false)]
    [InlineData("http", "http", "", false)]
    [InlineData("http", "https", User, false)] // a user without a password: go sends "user:"
    [InlineData("https", "https", User + ":" + Password, true)]
    [InlineData("https", "http", User + ":" + Password, true)]
    [InlineData("https", "https", User + ":wrong", false)]
    [InlineData("https", "http", User + ":wrong", false)]
    [InlineData("https", "https", "", false)]
    [InlineData("https", "https", User, false)]
    public async Task Proxy_credentials_are_sent_as_go_sends_them(string proxyScheme, string scheme, string userInfo, bool accepted)
    {
        GoOracle.Require();
        var (leaf, ca) = FakeModuleProxy.CreateIssuedCertificate("CN=GoModLens Proxy Test CA", "CN=" + Target, [Target], []);
        var (proxyLeaf, proxyCa) = FakeModuleProxy.CreateIssuedCertificate("CN=GoModLens HTTPS Proxy Test CA"); // for 127.0.0.1
        await using var backend = await FakeModuleProxy.StartAsync(certificate: leaf);
        await using var proxy = AuthenticatingProxy.Start(s_expected, httpBackend: backend.HttpBase.Port, httpsBackend: backend.HttpsBase.Port,
            tls: proxyScheme == "https" ? proxyLeaf : null);
        var proxyUrl = userInfo.Length == 0 ? $"{proxyScheme}://127.0.0.1:{proxy.Port}" : $"{proxyScheme}://{userInfo}@127.0.0.1:{proxy.Port}";
        var goproxy = $"{scheme}://{Target}/ok";
        var pem = Path.Combine(GoOracle.NewScratchDir("proxyca"), "ca.pem");
        File.WriteAllText(pem, ca.ExportCertificatePem() + "\n" + proxyCa.ExportCertificatePem());
        var variable = scheme == "https" ? "HTTPS_PROXY" : "HTTP_PROXY";

        var goError = GoDownloadError(new() { ["GOPROXY"] = goproxy, [variable] = proxyUrl, ["SSL_CERT_FILE"] = pem });
        var goSent = proxy.Received.ToList();
        proxy.Clear();

        var config = scheme == "https" ? HttpProxyConfig.Create(httpsProxy: proxyUrl) : HttpProxyConfig.Create(httpProxy: proxyUrl);
        using var transport = new HttpProxyTransport(new HttpTransportOptions { MaxRetries = 0, TrustedRoots = [ca, proxyCa], Proxy = new GoHttpProxy(config) });
        var ours = await transport.GetAsync(new ProxyRequest(new Uri(goproxy + Info), ProxyEndpoint.Info), CancellationToken.None);
        var ourSent = proxy.Received.ToList();

        // What reached the proxy: the same method and header from both, on the first request.
        Assert.NotEmpty(goSent);
        Assert.NotEmpty(ourSent);
        Assert.Equal(scheme == "https" ? "CONNECT" : "GET", goSent[0].Method);
        Assert.Equal(goSent[0].Method, ourSent[0].Method);
        Assert.Equal(goSent[0].Authorization, ourSent[0].Authorization);
        Assert.All(ourSent, r => Assert.Equal(goSent[0].Authorization, r.Authorization));
        if (accepted)
        {
            Assert.Equal(s_expected, goSent[0].Authorization);
            Assert.Null(goError);
            Assert.Equal(FailureKind.None, ours.Kind);
            Assert.Contains(backend.Requests, r => r.Path == "/ok" + Info);
        }
        else
        {
            Assert.NotNull(goError);
            Assert.Equal(goError, ours.GoError);
            // A refused tunnel is go's bare status text; a forwarded request's 407 is an answer like any other.
            Assert.Equal(scheme == "https" ? FailureKind.Unauthorized : FailureKind.HttpStatus, ours.Kind);
        }

        // The credentials are never printed.
        foreach (var text in new[] { ours.GoError, ours.Note, ours.RedactedUrl })
        {
            Assert.DoesNotContain("Pr0x", text ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain("wrong", text ?? "", StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// An https:// proxy whose certificate is not trusted: go's transport fails reaching the proxy, before any CONNECT
    /// (so before any credentials), with the certificate error wrapped in <c>proxyconnect tcp:</c>.
    /// </summary>
    [SkippableFact]
    public async Task An_https_proxy_with_an_untrusted_certificate_is_refused_before_the_credentials_are_sent()
    {
        GoOracle.Require();
        var (leaf, ca) = FakeModuleProxy.CreateIssuedCertificate("CN=GoModLens Proxy Test CA", "CN=" + Target, [Target], []);
        var (proxyLeaf, _) = FakeModuleProxy.CreateIssuedCertificate("CN=GoModLens Untrusted Proxy CA");
        await using var backend = await FakeModuleProxy.StartAsync(certificate: leaf);
        await using var proxy = AuthenticatingProxy.Start(s_expected, httpBackend: backend.HttpBase.Port, httpsBackend: backend.HttpsBase.Port, tls: proxyLeaf);
        var proxyUrl = $"https://{User}:{Password}@127.0.0.1:{proxy.Port}";
        var goproxy = $"https://{Target}/ok";
        var pem = Path.Combine(GoOracle.NewScratchDir("proxyca"), "ca.pem");
        File.WriteAllText(pem, ca.ExportCertificatePem()); // the target's CA only

        var goError = GoDownloadError(new() { ["GOPROXY"] = goproxy, ["HTTPS_PROXY"] = proxyUrl, ["SSL_CERT_FILE"] = pem });
        using var transport = new HttpProxyTransport(new HttpTransportOptions
        {
            MaxRetries = 0, TrustedRoots = [ca], Proxy = new GoHttpProxy(HttpProxyConfig.Create(httpsProxy: proxyUrl)),
        });
        var ours = await transport.GetAsync(new ProxyRequest(new Uri(goproxy + Info), ProxyEndpoint.Info), CancellationToken.None);

        Assert.Equal($"Get \"{goproxy}{Info}\": proxyconnect tcp: tls: failed to verify certificate: x509: certificate signed by unknown authority", goError);
        Assert.Equal(goError, ours.GoError);
        Assert.Equal(FailureKind.Tls, ours.Kind);
        Assert.Empty(proxy.Received); // nothing was sent inside a TLS connection that was never set up
        Assert.DoesNotContain("Pr0x", (ours.GoError ?? "") + ours.Note + ours.RedactedUrl, StringComparison.Ordinal);
    }

    /// <summary>NO_PROXY: no proxy, no header; the target must never see the proxy's credentials.</summary>
    [Fact]
    public async Task No_header_reaches_a_target_the_proxy_is_bypassed_for()
    {
        await using var target = AuthenticatingProxy.Start(s_expected, httpBackend: 1, httpsBackend: 1);
        var config = HttpProxyConfig.Create(httpProxy: $"http://{User}:{Password}@proxy.invalid:3128");
        using var transport = new HttpProxyTransport(new HttpTransportOptions { MaxRetries = 0, Proxy = new GoHttpProxy(config) });

        // 127.0.0.1 is never proxied (net/http's useProxy): the request goes straight to it, without the header.
        var ours = await transport.GetAsync(new ProxyRequest(new Uri($"http://127.0.0.1:{target.Port}/ok{Info}"), ProxyEndpoint.Info), CancellationToken.None);

        Assert.Equal(("GET", ""), Assert.Single(target.Received));
        Assert.Equal(407, ours.StatusCode);
    }

    /// <summary>go mod download -json outside any module; the error after "module@version: ", or null on success.</summary>
    private static string? GoDownloadError(Dictionary<string, string?> env)
    {
        var work = GoOracle.NewScratchDir("proxycreds");
        env["GOMODCACHE"] = Path.Combine(work, "modcache");
        env["GOFLAGS"] = "-mod=mod -modcacherw";
        var run = GoOracle.Run(work, env, "mod", "download", "-json", Module);
        using var doc = JsonDocument.Parse(run.Stdout);
        if (!doc.RootElement.TryGetProperty("Error", out var error))
        {
            return null;
        }

        var text = error.GetString()!;
        Assert.StartsWith(Module + ": ", text, StringComparison.Ordinal);
        return text[(Module.Length + 2)..];
    }

    /// <summary>
    /// An HTTP proxy on 127.0.0.1 that answers 407 (with a Basic challenge) unless a request's Proxy-Authorization is
    /// exactly <c>expected</c>; else it tunnels a CONNECT to <c>httpsBackend</c> and forwards a GET to <c>httpBackend</c>,
    /// whatever host they name. It logs the method and Proxy-Authorization of each request it reads.
    /// </summary>
    private sealed class AuthenticatingProxy : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentQueue<(string Method, string Authorization)> _received = new();
        private Task _loop = Task.CompletedTask;

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public IReadOnlyCollection<(string Method, string Authorization)> Received => _received;

        public void Clear() => _received.Clear();

        /// <param name="tls">The certificate of an https:// proxy, which clients reach over TLS first; null for an http:// one.</param>
        public static AuthenticatingProxy Start(string expected, int httpBackend, int httpsBackend, X509Certificate2? tls = null)
        {
            var proxy = new AuthenticatingProxy { _tls = tls };
            proxy._listener.Start();
            proxy._loop = proxy.AcceptAsync(expected, httpBackend, httpsBackend);
            return proxy;
        }

        private X509Certificate2? _tls;

        private async Task AcceptAsync(string expected, int httpBackend, int httpsBackend)
        {
            var clients = new List<Task>();
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    clients.Add(ServeAsync(client, expected, httpBackend, httpsBackend));
                }
            }
            catch (OperationCanceledException)
            {
            }

            await Task.WhenAll(clients);
        }

        private async Task ServeAsync(TcpClient client, string expected, int httpBackend, int httpsBackend)
        {
            using var _ = client;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            try
            {
                Stream stream = client.GetStream();
                if (_tls is not null)
                {
                    var secured = new SslStream(stream);
                    await secured.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _tls }, timeout.Token);
                    stream = secured;
                }

                while (true)
                {
                    var head = await ReadHeadAsync(stream, timeout.Token);
                    if (head is null)
                    {
                        return;
                    }

                    var lines = head.Split("\r\n");
                    var method = lines[0].Split(' ')[0];
                    var authorization = lines.Skip(1).FirstOrDefault(l => l.StartsWith("Proxy-Authorization:", StringComparison.OrdinalIgnoreCase)) is { } line
                        ? line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()
                        : "";
                    _received.Enqueue((method, authorization));
                    if (authorization != expected)
                    {
                        // A refused CONNECT's connection stays open for the next request, as squid's does.
                        await stream.WriteAsync("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), timeout.Token);
                        continue;
                    }

                    using var upstream = new TcpClient();
                    await upstream.ConnectAsync(IPAddress.Loopback, method == "CONNECT" ? httpsBackend : httpBackend, timeout.Token);
                    var up = upstream.GetStream();
                    if (method == "CONNECT")
                    {
                        await stream.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), timeout.Token);
                    }
                    else
                    {
                        // Kestrel takes the absolute-form request target as it is.
                        await up.WriteAsync(Encoding.Latin1.GetBytes(head), timeout.Token);
                    }

                    await Task.WhenAny(stream.CopyToAsync(up, timeout.Token), up.CopyToAsync(stream, timeout.Token));
                    return;
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or System.Security.Authentication.AuthenticationException)
            {
            }
        }

        /// <summary>One request head (through the blank line, read byte by byte: nothing past it); null at the end of the stream.</summary>
        private static async Task<string?> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
        {
            var got = new List<byte>();
            var one = new byte[1];
            while (true)
            {
                if (await stream.ReadAsync(one, cancellationToken) == 0)
                {
                    return null;
                }

                got.Add(one[0]);
                if (got.Count >= 4 && got[^4] == '\r' && got[^3] == '\n' && got[^2] == '\r' && got[^1] == '\n')
                {
                    return Encoding.Latin1.GetString([.. got]);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _loop;
            _stop.Dispose();
        }
    }
}
