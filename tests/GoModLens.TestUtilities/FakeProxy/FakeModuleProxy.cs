using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace GoModLens.TestUtilities.FakeProxy;

/// <summary>
/// A module proxy on 127.0.0.1 (Kestrel, ephemeral ports, http and https with a self-signed certificate) that serves
/// a proxy tree under /ok/ and injects one failure class per route prefix. Use "&lt;base&gt;/&lt;route&gt;" as GOPROXY.
/// Routes: ok, status/&lt;code&gt;[/&lt;msg&gt;], html/&lt;code&gt; (nginx-style reason + HTML body), reason/&lt;code&gt;/&lt;phrase&gt;,
/// sleep/&lt;ms&gt;, hang, close, reset, stall, garbage, oversize, redirect, redirect-loop, redirect-chain/&lt;n&gt;,
/// redirect-to-http, onlylist/&lt;code&gt; (only @v/list served), nomod/&lt;code&gt; (everything but .mod served),
/// auth/&lt;user&gt;/&lt;password&gt;. A first path element with a dot is skipped (<c>/a.b/ok/…</c> is <c>/ok/…</c>): bases
/// whose own path has dotted elements, on one host.
/// </summary>
public sealed class FakeModuleProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _root;
    private readonly ConcurrentQueue<LoggedRequest> _log = new();
    private readonly CancellationTokenSource _stopping = new();

    private FakeModuleProxy(WebApplication app, string root, X509Certificate2 certificate)
    {
        _app = app;
        _root = root;
        Certificate = certificate;
    }

    /// <summary>Base URL of the plain-HTTP listener, without a trailing slash.</summary>
    public Uri HttpBase { get; private set; } = null!;

    /// <summary>Base URL of the HTTPS listener (self-signed <see cref="Certificate"/>).</summary>
    public Uri HttpsBase { get; private set; } = null!;

    /// <summary>The self-signed server certificate (CN and SAN 127.0.0.1, localhost).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The directory the /ok route serves.</summary>
    public string Root => _root;

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<LoggedRequest> Requests => _log.ToArray();

    /// <param name="certificate">The https listener's certificate (with its key); null = a fresh self-signed one for 127.0.0.1.</param>
    public static async Task<FakeModuleProxy> StartAsync(string? root = null, X509Certificate2? certificate = null)
    {
        root ??= ProxyTree.ProxyTreeBuilder.Standard().WriteTo(GoOracle.NewScratchDir("proxytree"));
        certificate ??= CreateSelfSignedCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate));
        });
        var app = builder.Build();
        var proxy = new FakeModuleProxy(app, root, certificate);
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        var addresses = app.Services.GetService(typeof(IServer)) is IServer server
            ? server.Features.Get<IServerAddressesFeature>()!.Addresses
            : throw new InvalidOperationException("no server");
        proxy.HttpBase = new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)));
        proxy.HttpsBase = new Uri(addresses.First(a => a.StartsWith("https://", StringComparison.Ordinal)));
        return proxy;
    }

    /// <summary>What the /switch route answers: the /ok tree while null, else this status (one URL that changes its answer).</summary>
    public int? SwitchStatus
    {
        get => Volatile.Read(ref _switchStatus) is var s and >= 0 ? s : null;
        set => Volatile.Write(ref _switchStatus, value ?? -1);
    }

    private int _switchStatus = -1;

    /// <summary>"&lt;http base&gt;/&lt;route&gt;" with no trailing slash, ready for GOPROXY.</summary>
    public string Url(string route, bool https = false) => (https ? HttpsBase : HttpBase).GetLeftPart(UriPartial.Authority) + "/" + route.Trim('/');

    /// <summary>Writes the certificate as PEM (for go's SSL_CERT_FILE) and returns the path.</summary>
    public string WriteCertificatePem(string directory)
    {
        var path = Path.Combine(directory, "fakeproxy.pem");
        File.WriteAllText(path, Certificate.ExportCertificatePem());
        return path;
    }

    public void ClearLog() => _log.Clear();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
        _stopping.Dispose();
        Certificate.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var rawPath = request.Path.ToUriComponent();
        _log.Enqueue(new LoggedRequest(request.Scheme, rawPath, request.Headers.Authorization.ToString(), request.Headers.UserAgent.ToString(),
            context.Connection.Id, request.Protocol));
        var parts = rawPath.Split('/', StringSplitOptions.None); // ["", mode, ...]
        if (parts.Length > 2 && parts[1].Contains('.', StringComparison.Ordinal))
        {
            // A leading element with a dot only names a base (GOPROXY=<http base>/a.b/ok): the route follows it.
            parts = ["", .. parts[2..]];
        }

        var mode = parts.Length > 1 ? parts[1] : "";
        var aborted = context.RequestAborted;
        switch (mode)
        {
            case "ok":
                await ServeFileAsync(context, Rest(parts, 2));
                return;
            case "slowlist":
                {
                    // /slowlist/<ms>/...: the version's own files at once, the lists and @latest (go list -m -u's lookups) after <ms>.
                    if (rawPath.EndsWith("/@v/list", StringComparison.Ordinal) || rawPath.EndsWith("/@latest", StringComparison.Ordinal))
                    {
                        await Task.Delay(int.Parse(parts[2], CultureInfo.InvariantCulture), aborted);
                    }

                    await ServeFileAsync(context, Rest(parts, 3));
                    return;
                }

            case "switch" when SwitchStatus is { } status:
                await SendTextAsync(context, status, $"injected {status} for {rawPath}\n");
                return;
            case "switch":
                await ServeFileAsync(context, Rest(parts, 2));
                return;
            case "status":
                {
                    var code = int.Parse(parts[2], CultureInfo.InvariantCulture);
                    var msg = parts.Length > 3 && !parts[3].StartsWith("example.com", StringComparison.Ordinal)
                        && !parts[3].StartsWith('@') && !parts[3].Contains('.', StringComparison.Ordinal)
                        ? Uri.UnescapeDataString(parts[3]) : null;
                    await SendTextAsync(context, code, (msg ?? $"injected {code} for {rawPath}") + "\n");
                    return;
                }

            case "html":
                {
                    var code = int.Parse(parts[2], CultureInfo.InvariantCulture);
                    var reason = code switch { 504 => "Gateway Time-out", 502 => "Bad Gateway", _ => null };
                    var html = $"<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n<center><h1>{code} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
                    await SendTextAsync(context, code, html, "text/html", reason);
                    return;
                }

            case "reason":
                await SendTextAsync(context, int.Parse(parts[2], CultureInfo.InvariantCulture), "custom reason\n", "text/plain; charset=utf-8", Uri.UnescapeDataString(parts[3]));
                return;
            case "sleep":
                await Task.Delay(int.Parse(parts[2], CultureInfo.InvariantCulture), aborted);
                await ServeFileAsync(context, Rest(parts, 3));
                return;
            case "hang":
                await HangAsync(aborted);
                return;
            case "close":
                CloseSocket(context, reset: false);
                return;
            case "reset":
                CloseSocket(context, reset: true);
                return;
            case "stall":
                {
                    var file = Resolve(Rest(parts, 2));
                    var data = file is null ? Encoding.UTF8.GetBytes("stalled body that never finishes\n") : await File.ReadAllBytesAsync(file, aborted);
                    context.Response.StatusCode = 200;
                    context.Response.ContentLength = data.Length + 1;
                    await context.Response.Body.WriteAsync(data.AsMemory(0, data.Length / 2), aborted);
                    await context.Response.Body.FlushAsync(aborted);
                    await HangAsync(aborted);
                    return;
                }

            case "garbage":
                await SendTextAsync(context, 200, "this is not what you expected {", "application/json");
                return;
            case "oversize":
                {
                    context.Response.StatusCode = 200;
                    context.Response.ContentType = "application/octet-stream";
                    var chunk = new byte[64 * 1024];
                    for (var i = 0; i < 1024 && !aborted.IsCancellationRequested; i++)
                    {
                        await context.Response.Body.WriteAsync(chunk, aborted);
                    }

                    return;
                }

            case "redirect":
                context.Response.Redirect("/ok/" + Rest(parts, 2));
                return;
            case "redirect-loop":
                context.Response.Redirect(rawPath);
                return;
            case "redirect-chain":
                {
                    var n = int.Parse(parts[2], CultureInfo.InvariantCulture);
                    context.Response.Redirect(n <= 0 ? "/ok/" + Rest(parts, 3) : $"/redirect-chain/{n - 1}/{Rest(parts, 3)}");
                    return;
                }

            case "redirect-to-http":
                context.Response.Redirect(HttpBase.GetLeftPart(UriPartial.Authority) + "/ok/" + Rest(parts, 2));
                return;
            case "onlylist":
            case "nomod":
                {
                    var code = int.Parse(parts[2], CultureInfo.InvariantCulture);
                    var rest = Rest(parts, 3);
                    if (mode == "onlylist" ? rest.EndsWith("@v/list", StringComparison.Ordinal) : !rest.EndsWith(".mod", StringComparison.Ordinal))
                    {
                        await ServeFileAsync(context, rest);
                    }
                    else
                    {
                        await SendTextAsync(context, code, $"injected {code} for {rawPath}\n");
                    }

                    return;
                }

            case "auth":
                {
                    var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(parts[2]) + ":" + Uri.UnescapeDataString(parts[3])));
                    if (request.Headers.Authorization.ToString() != expected)
                    {
                        await SendTextAsync(context, 401, "unauthorized\n");
                        return;
                    }

                    await ServeFileAsync(context, Rest(parts, 4));
                    return;
                }

            default:
                await SendTextAsync(context, 404, "unknown mode\n");
                return;
        }
    }

    private async Task HangAsync(CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _stopping.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, linked.Token);
        }
        catch (OperationCanceledException)
        {
            // The client gave up or the server stops.
        }
    }

    private static void CloseSocket(HttpContext context, bool reset)
    {
        var socket = context.Features.Get<IConnectionSocketFeature>()?.Socket;
        if (socket is not null)
        {
            if (reset)
            {
                // SO_LINGER 0 turns close into an RST.
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }
            else
            {
                socket.Shutdown(SocketShutdown.Both);
            }
        }

        context.Abort();
    }

    private static string Rest(string[] parts, int from) => from < parts.Length ? string.Join('/', parts[from..]) : "";

    private string? Resolve(string rel)
    {
        var unescaped = Uri.UnescapeDataString(rel);
        var full = Path.GetFullPath(Path.Combine(_root, unescaped));
        return full.StartsWith(Path.GetFullPath(_root), StringComparison.Ordinal) && File.Exists(full) ? full : null;
    }

    private async Task ServeFileAsync(HttpContext context, string rel)
    {
        var file = Resolve(rel);
        if (file is null)
        {
            await SendTextAsync(context, 404, "not found: " + rel + "\n");
            return;
        }

        var data = await File.ReadAllBytesAsync(file, context.RequestAborted);
        context.Response.StatusCode = 200;
        context.Response.ContentType = file.EndsWith(".zip", StringComparison.Ordinal) ? "application/zip"
            : file.EndsWith(".info", StringComparison.Ordinal) || file.EndsWith("@latest", StringComparison.Ordinal) ? "application/json"
            : "text/plain; charset=utf-8";
        context.Response.ContentLength = data.Length;
        await context.Response.Body.WriteAsync(data, context.RequestAborted);
    }

    private static async Task SendTextAsync(HttpContext context, int code, string body, string contentType = "text/plain; charset=utf-8", string? reason = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = code;
        if (reason is not null)
        {
            context.Features.Get<IHttpResponseFeature>()!.ReasonPhrase = reason;
        }

        if (code is 204 or 304)
        {
            return; // these statuses cannot carry a body
        }

        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    /// <summary>
    /// A certificate for 127.0.0.1 issued by a fresh CA named <paramref name="caSubject"/>, as a TLS-inspecting proxy
    /// presents one (its CA trusted nowhere): the leaf with its key, and the CA.
    /// </summary>
    public static (X509Certificate2 Leaf, X509Certificate2 Ca) CreateIssuedCertificate(string caSubject) =>
        CreateIssuedCertificate(caSubject, "CN=127.0.0.1", [], [IPAddress.Loopback]);

    /// <summary>A certificate issued by a fresh CA for the given subject and subject alternative names (none: no SAN extension).</summary>
    public static (X509Certificate2 Leaf, X509Certificate2 Ca) CreateIssuedCertificate(string caSubject, string subject, string[] dnsNames, IPAddress[] ipAddresses,
        HashAlgorithmName? leafSignature = null)
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest(caSubject, caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(60));

        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (dnsNames.Length + ipAddresses.Length > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var name in dnsNames)
            {
                san.AddDnsName(name);
            }

            foreach (var ip in ipAddresses)
            {
                san.AddIpAddress(ip);
            }

            request.CertificateExtensions.Add(san.Build());
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = leafSignature == HashAlgorithmName.SHA1
            ? request.Create(ca.SubjectName, new Sha1RsaSignatureGenerator(caKey), DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), [1, 2, 3, 4, 5, 6, 7, 8])
            : request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), [1, 2, 3, 4, 5, 6, 7, 8]);
        using var withKey = issued.CopyWithPrivateKey(key);
        return (X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null), X509CertificateLoader.LoadCertificate(ca.RawData));
    }

    /// <summary>
    /// Signs with SHA-1 and RSA (sha1WithRSAEncryption), which .NET no longer issues: the legacy certificates go refuses
    /// and .NET still takes.
    /// </summary>
    private sealed class Sha1RsaSignatureGenerator(RSA key) : X509SignatureGenerator
    {
        public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm) =>
            [0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x05, 0x05, 0x00];

        public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm) => key.SignData(data, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);

        protected override PublicKey BuildPublicKey() => new(key);
    }

    /// <summary>A fresh self-signed certificate for 127.0.0.1 and localhost, with its key.</summary>
    public static X509Certificate2 CreateSelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}

/// <summary>One request as the fake proxy saw it (Authorization is recorded to prove credentials were or were not sent).</summary>
/// <param name="ConnectionId">Kestrel's id of the connection the request came on (counts handshakes).</param>
/// <param name="Protocol">e.g. HTTP/1.1, HTTP/2.</param>
public sealed record LoggedRequest(string Scheme, string Path, string Authorization, string UserAgent, string ConnectionId = "", string Protocol = "");
