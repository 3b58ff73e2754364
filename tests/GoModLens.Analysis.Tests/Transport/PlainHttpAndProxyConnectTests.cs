using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Ports;
using GoModLens.Analysis.Resolution;
using GoModLens.Analysis.Tests.Resolution;
using GoModLens.Infrastructure.Composition;
using GoModLens.Infrastructure.Http;
using GoModLens.TestUtilities;

namespace GoModLens.Analysis.Tests.Transport;

/// <summary>
/// DIFFERENTIAL, against go 1.26 (<c>go mod download -json</c>, ports normalised):
/// an https GOPROXY entry whose server answers in plain HTTP (go's crypto/tls judges the first record header, and
/// net/http names an "HTTP/" one: .NET only says "Cannot determine the frame size…"), and an HTTPS_PROXY that refuses
/// the connection (<c>proxyconnect tcp: </c>) or answers CONNECT with another status (go prints the proxy's own reason
/// phrase, which .NET does not expose), and connections closed early (<c>EOF</c> or <c>unexpected EOF</c> by the
/// exchange go was in, where .NET says "Received an unexpected EOF or 0 bytes…").
/// </summary>
public sealed partial class PlainHttpAndProxyConnectTests
{
    private const string Module = "example.com/fastjson@v1.0.0";
    private const string Info = "/example.com/fastjson/@v/v1.0.0.info";

    // What a server that is not TLS answers a ClientHello with (it reads a whole TLS record first).
    public static TheoryData<string, string, bool> NotTlsAnswers() => new()
    {
        // python3 -m http.server: an HTTP/0.9-style error page, no status line.
        { "<!DOCTYPE HTML>\n<html><body>Error code: 400</body></html>\n", "tls: first record does not look like a TLS handshake", true },
        // Any HTTP/1.x server (Go's, Kestrel, nginx): net/http's ErrSchemeMismatch.
        { "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", "http: server gave HTTP response to HTTPS client", true },
        { "SSH-2.0-OpenSSH_9.6\r\n", "tls: first record does not look like a TLS handshake", true },
        // A handshake record type with a version no TLS has.
        { "\u0016\u0010\u0000\u0000\u0004abcd", "tls: first record does not look like a TLS handshake", false },
        // An SSLv2-framed answer: crypto/tls's own error before the record check.
        { "\u0080\u0003\u0001\u0000\u0000", "tls: unsupported SSLv2 handshake received", false },
    };

    [SkippableTheory]
    [MemberData(nameof(NotTlsAnswers))]
    public async Task A_plain_server_behind_an_https_entry_fails_in_gos_words(string answer, string expected, bool text)
    {
        GoOracle.Require();
        await using var server = RawServer.Start(Encoding.Latin1.GetBytes(answer), ReadTlsRecord);
        var goproxy = $"https://127.0.0.1:{server.Port}";
        var goError = GoDownloadError(new() { ["GOPROXY"] = goproxy });
        using var transport = new HttpProxyTransport(new HttpTransportOptions { MaxRetries = 0 });

        var ours = await transport.GetAsync(new ProxyRequest(new Uri(goproxy + Info), ProxyEndpoint.Info), CancellationToken.None);

        Assert.Equal($"Get \"https://127.0.0.1:PORT{Info}\": {expected}", Normalise(goError));
        Assert.Equal(Normalise(goError), Normalise(ours.GoError!));
        Assert.Equal(FailureKind.Tls, ours.Kind);
        if (text)
        {
            Assert.Equal($"127.0.0.1:{server.Port} answered in plain HTTP, not TLS (its first bytes: \"{answer[..5].Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\"): "
                + $"if it is a plain-HTTP server, the GOPROXY entry for it should start with http://127.0.0.1:{server.Port} (an entry without a scheme means https://)", ours.Note);
        }
        else
        {
            Assert.Null(ours.Note);
        }
    }

    /// <summary>A GOPROXY entry without a scheme is https, in go and here, end to end through the resolver.</summary>
    [SkippableFact]
    public async Task An_entry_without_a_scheme_reaching_a_plain_http_server_says_so()
    {
        GoOracle.Require();
        await using var server = RawServer.Start("<!DOCTYPE HTML>\n<html></html>\n"u8.ToArray(), ReadTlsRecord);
        var env = new Dictionary<string, string?> { ["GOPROXY"] = $"127.0.0.1:{server.Port}" };
        var goError = GoDownloadError(env);

        var ours = await ResolveAsync(env);

        Assert.Equal($"{Module}: Get \"https://127.0.0.1:{server.Port}{Info}\": tls: first record does not look like a TLS handshake", $"{Module}: {goError}");
        Assert.Equal($"{Module}: {goError}", ours.Failure!.GoMessage);
        Assert.Contains(ours.Notes, n => n.Contains($"the GOPROXY entry for it should start with http://127.0.0.1:{server.Port}", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task An_https_proxy_refusing_the_connection_is_a_proxyconnect_error()
    {
        GoOracle.Require();
        var proxy = $"http://127.0.0.1:{LoopbackPorts.Closed()}";
        var goError = GoDownloadError(new() { ["GOPROXY"] = "https://goproxy.invalid", ["HTTPS_PROXY"] = proxy });
        using var transport = new HttpProxyTransport(new HttpTransportOptions { MaxRetries = 0, Proxy = new WebProxy(proxy) });

        var ours = await transport.GetAsync(new ProxyRequest(new Uri("https://goproxy.invalid" + Info), ProxyEndpoint.Info), CancellationToken.None);

        Assert.Equal($"Get \"https://goproxy.invalid{Info}\": proxyconnect tcp: dial tcp 127.0.0.1:PORT: connect: connection refused", Normalise(goError));
        Assert.Equal(goError, ours.GoError);
        Assert.Equal(FailureKind.ConnectionRefused, ours.Kind);
    }

    // Status lines an HTTP proxy answers CONNECT with; go prints what follows the status code, verbatim.
    [SkippableTheory]
    [InlineData("HTTP/1.0 501 Unsupported method ('CONNECT')", "Unsupported method ('CONNECT')")]
    [InlineData("HTTP/1.1 403 Blocked by corporate policy", "Blocked by corporate policy")]
    [InlineData("HTTP/1.1 407 Proxy Authentication Required", "Proxy Authentication Required")]
    [InlineData("HTTP/1.1 502", "unknown status code")]
    [InlineData("HTTP/1.1 403 ", "")]
    public async Task A_refused_CONNECT_is_the_proxys_own_reason_phrase(string statusLine, string expected)
    {
        GoOracle.Require();
        var body = "<html><body>no tunnel</body></html>\n";
        await using var proxy = RawServer.Start(
            Encoding.ASCII.GetBytes($"{statusLine}\r\nContent-Type: text/html\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"), ReadHttpHead);
        var proxyUrl = $"http://127.0.0.1:{proxy.Port}";
        var goError = GoDownloadError(new() { ["GOPROXY"] = "https://goproxy.invalid", ["HTTPS_PROXY"] = proxyUrl });
        using var transport = new HttpProxyTransport(new HttpTransportOptions { MaxRetries = 0, Proxy = new WebProxy(proxyUrl) });

        var ours = await transport.GetAsync(new ProxyRequest(new Uri("https://goproxy.invalid" + Info), ProxyEndpoint.Info), CancellationToken.None);

        Assert.Equal($"Get \"https://goproxy.invalid{Info}\": {expected}", goError);
        Assert.Equal(goError, ours.GoError);
        Assert.StartsWith("the HTTP proxy refused to open a tunnel to goproxy.invalid", ours.Note, StringComparison.Ordinal);
    }

    // A server that reads the first request, answers (or not) and closes: an HTTP proxy (plain, or itself reached over
    // TLS) or the GOPROXY itself. go reads a CONNECT answer with http.ReadResponse, whose early end is
    // io.ErrUnexpectedEOF, and after a 200 starts TLS in the tunnel, whose early end is a bare io.EOF; only reaching
    // the proxy itself (its dial, its own TLS) is wrapped in "proxyconnect tcp:".
    public static TheoryData<string, string, string, string> EarlyCloses() => new()
    {
        // Proxy scheme ("" for none), GOPROXY scheme, the server's answer, go's error.
        { "http", "https", "HTTP/1.1 200 Connection established\r\n\r\n", "EOF" },
        { "http", "https", "HTTP/1.0 200 OK\r\n\r\n", "EOF" },
        { "http", "https", "", "unexpected EOF" },
        { "http", "https", "HTTP/1.1 200 Conn", "unexpected EOF" },
        { "http", "https", "HTTP/1.1 200 Connection established\r\nProxy-Agent: x\r\n", "unexpected EOF" },
        // An http GOPROXY through the proxy: no tunnel, the GET itself goes to the proxy.
        { "http", "http", "", "EOF" },
        { "https", "https", "", "proxyconnect tcp: EOF" },
        { "", "https", "", "EOF" },
        { "", "https", "\u0016\u0003", "unexpected EOF" }, // inside the first record header
        { "", "http", "", "EOF" },
    };

    [SkippableTheory]
    [MemberData(nameof(EarlyCloses))]
    public async Task A_connection_closed_early_ends_in_gos_EOF_text(string proxyScheme, string targetScheme, string answer, string expected)
    {
        GoOracle.Require();
        var tlsFirst = proxyScheme == "https" || (proxyScheme == "" && targetScheme == "https");
        await using var server = RawServer.Start(Encoding.ASCII.GetBytes(answer), tlsFirst ? ReadTlsRecord : ReadHttpHead);
        var env = new Dictionary<string, string?>();
        WebProxy? proxy = null;
        string goproxy;
        if (proxyScheme == "")
        {
            goproxy = $"{targetScheme}://127.0.0.1:{server.Port}";
        }
        else
        {
            goproxy = $"{targetScheme}://goproxy.invalid";
            var proxyUrl = $"{proxyScheme}://127.0.0.1:{server.Port}";
            env[targetScheme == "https" ? "HTTPS_PROXY" : "HTTP_PROXY"] = proxyUrl;
            proxy = new WebProxy(proxyUrl);
        }

        env["GOPROXY"] = goproxy;
        var goError = GoDownloadError(env);
        using var transport = new HttpProxyTransport(new HttpTransportOptions { MaxRetries = 0, Proxy = proxy });

        var ours = await transport.GetAsync(new ProxyRequest(new Uri(goproxy + Info), ProxyEndpoint.Info), CancellationToken.None);

        Assert.Equal($"Get \"{goproxy}{Info}\": {expected}", goError);
        Assert.Equal(goError, ours.GoError);
        Assert.Equal(FailureKind.ConnectionReset, ours.Kind);
    }

    private static async Task<RequirementReport> ResolveAsync(Dictionary<string, string?> env)
    {
        var environment = GoEnvironment.Compute(new GoEnvironmentInput(GoOracle.EnvironmentWith(env), GoOs.Linux, PhysicalGoEnvFileSystem.Instance));
        using var engine = ResolutionEngineFactory.Create(environment, new EngineOptions { CacheDirectory = null, Mirrors = [], UseModuleCache = false, ProbeDirect = false });
        return await engine.Resolver.ResolveAsync("example.com/fastjson", "v1.0.0", engine.Options with { CheckLatest = false, SuggestMirrors = false }, CancellationToken.None);
    }

    /// <summary>go mod download -json outside any module, fresh module cache; the error after "module@version: ".</summary>
    private static string GoDownloadError(Dictionary<string, string?> env)
    {
        var work = GoOracle.NewScratchDir("plain");
        env["GOMODCACHE"] = Path.Combine(work, "modcache");
        env["GOFLAGS"] = "-mod=mod -modcacherw";
        var run = GoOracle.Run(work, env, "mod", "download", "-json", Module);
        using var doc = JsonDocument.Parse(run.Stdout);
        var text = doc.RootElement.GetProperty("Error").GetString()!;
        Assert.StartsWith(Module + ": ", text, StringComparison.Ordinal);
        return text[(Module.Length + 2)..];
    }

    private static string Normalise(string s) => Ports().Replace(s, "127.0.0.1:PORT");

    [GeneratedRegex(@"127\.0\.0\.1:\d+")]
    private static partial Regex Ports();

    // A whole TLS record (the ClientHello) has arrived.
    private static bool ReadTlsRecord(List<byte> got) => got.Count >= 5 && got.Count >= 5 + ((got[3] << 8) | got[4]);

    // A whole request head (the CONNECT) has arrived.
    private static bool ReadHttpHead(List<byte> got) => Encoding.Latin1.GetString([.. got]).EndsWith("\r\n\r\n", StringComparison.Ordinal);

    /// <summary>
    /// A loopback listener that answers every connection with fixed bytes once the request is in, then closes its side
    /// and waits for the client to close (all of the request read, so the close is a FIN, never a reset).
    /// </summary>
    private sealed class RawServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private Task _loop = Task.CompletedTask;

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public static RawServer Start(byte[] answer, Func<List<byte>, bool> requestComplete)
        {
            var server = new RawServer();
            server._listener.Start();
            server._loop = server.AcceptAsync(answer, requestComplete);
            return server;
        }

        private async Task AcceptAsync(byte[] answer, Func<List<byte>, bool> requestComplete)
        {
            var clients = new List<Task>();
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    clients.Add(ServeAsync(client, answer, requestComplete));
                }
            }
            catch (OperationCanceledException)
            {
            }

            await Task.WhenAll(clients);
        }

        private async Task ServeAsync(TcpClient client, byte[] answer, Func<List<byte>, bool> requestComplete)
        {
            using var _ = client;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            try
            {
                var stream = client.GetStream();
                var got = new List<byte>();
                var buffer = new byte[16 * 1024];
                while (!requestComplete(got))
                {
                    var n = await stream.ReadAsync(buffer, timeout.Token);
                    if (n == 0)
                    {
                        return;
                    }

                    got.AddRange(buffer.AsSpan(0, n));
                }

                await stream.WriteAsync(answer, timeout.Token);
                client.Client.Shutdown(SocketShutdown.Send);
                while (await stream.ReadAsync(buffer, timeout.Token) > 0)
                {
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
            {
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
