using System.Globalization;
using System.Net;
using GoModLens.Analysis.ProxyConfig;

namespace GoModLens.Analysis.Environment;

/// <summary>
/// net/http.ProxyFromEnvironment (golang.org/x/net/http/httpproxy): HTTPS_PROXY for https URLs, HTTP_PROXY for http
/// URLs (upper-case name first, empty = unset), NO_PROXY exclusions; localhost and loopback IPs are never proxied.
/// ALL_PROXY is not consulted. In a CGI process (REQUEST_METHOD set) HTTP_PROXY is refused for http URLs.
/// </summary>
public sealed class HttpProxyConfig
{
    private readonly List<Func<string, string, IPAddress?, bool>> _ipMatchers = [];
    private readonly List<Func<string, string, IPAddress?, bool>> _domainMatchers = [];

    private HttpProxyConfig(string httpProxy, string httpsProxy, string noProxy, bool cgi)
    {
        HttpProxy = httpProxy;
        HttpsProxy = httpsProxy;
        NoProxy = noProxy;
        Cgi = cgi;
        HttpProxyUrl = ParseProxy(httpProxy);
        HttpsProxyUrl = ParseProxy(httpsProxy);
        InitNoProxy();
    }

    public string HttpProxy { get; }

    public string HttpsProxy { get; }

    public string NoProxy { get; }

    public bool Cgi { get; }

    public GoUrl? HttpProxyUrl { get; }

    public GoUrl? HttpsProxyUrl { get; }

    public static HttpProxyConfig FromEnvironment(Func<string, string?> env)
    {
        string Any(string upper, string lower) => env(upper) ?? env(lower) ?? "";
        return new HttpProxyConfig(
            Any("HTTP_PROXY", "http_proxy"),
            Any("HTTPS_PROXY", "https_proxy"),
            Any("NO_PROXY", "no_proxy"),
            env("REQUEST_METHOD") is not null);
    }

    public static HttpProxyConfig Create(string httpProxy = "", string httpsProxy = "", string noProxy = "", bool cgi = false) =>
        new(httpProxy, httpsProxy, noProxy, cgi);

    /// <summary>The proxy go would use for <paramref name="requestUrl"/>, or null for a direct connection.
    /// <paramref name="error"/> is set in the CGI case, where go refuses the request.</summary>
    public GoUrl? ProxyFor(Uri requestUrl, out string? error)
    {
        error = null;
        GoUrl? proxy = null;
        if (requestUrl.Scheme == "https")
        {
            proxy = HttpsProxyUrl;
        }
        else if (requestUrl.Scheme == "http")
        {
            proxy = HttpProxyUrl;
            if (proxy is not null && Cgi)
            {
                error = "refusing to use HTTP_PROXY value in CGI environment; see golang.org/s/cgihttpproxy";
                return null;
            }
        }

        if (proxy is null)
        {
            return null;
        }

        var host = requestUrl.IdnHost.Trim('[', ']');
        var port = requestUrl.IsDefaultPort
            ? requestUrl.Scheme switch { "http" => "80", "https" => "443", _ => "" }
            : requestUrl.Port.ToString(CultureInfo.InvariantCulture);
        return UseProxy(host, port) ? proxy : null;
    }

    private bool UseProxy(string host, string port)
    {
        if (host == "localhost")
        {
            return false;
        }

        IPAddress? ip = null;
        if (IPAddress.TryParse(host, out var parsed) && (host.Contains(':', StringComparison.Ordinal) || host.Count(c => c == '.') == 3))
        {
            ip = parsed;
            if (IPAddress.IsLoopback(ip))
            {
                return false;
            }
        }

        var addr = host.Trim().ToLowerInvariant();
        if (ip is not null && _ipMatchers.Any(m => m(addr, port, ip)))
        {
            return false;
        }

        return !_domainMatchers.Any(m => m(addr, port, ip));
    }

    private void InitNoProxy()
    {
        foreach (var item in NoProxy.Split(','))
        {
            var p = item.Trim().ToLowerInvariant();
            if (p.Length == 0)
            {
                continue;
            }

            if (p == "*")
            {
                _ipMatchers.Clear();
                _domainMatchers.Clear();
                _ipMatchers.Add((_, _, _) => true);
                _domainMatchers.Add((_, _, _) => true);
                return;
            }

            if (TryParseCidr(p, out var network, out var prefix))
            {
                _ipMatchers.Add((_, _, ip) => ip is not null && InNetwork(ip, network, prefix));
                continue;
            }

            var phost = p;
            var pport = "";
            if (TrySplitHostPort(p, out var h, out var hp))
            {
                if (h.Length == 0)
                {
                    continue;
                }

                phost = h.StartsWith('[') && h.EndsWith(']') ? h[1..^1] : h;
                pport = hp;
            }

            if (IPAddress.TryParse(phost, out var pip) && (phost.Contains(':', StringComparison.Ordinal) || phost.Count(c => c == '.') == 3))
            {
                var matchPort = pport;
                _ipMatchers.Add((_, port, ip) => ip is not null && Normalize(ip).Equals(Normalize(pip)) && (matchPort.Length == 0 || matchPort == port));
                continue;
            }

            if (phost.Length == 0)
            {
                continue;
            }

            if (phost.StartsWith("*.", StringComparison.Ordinal))
            {
                phost = phost[1..];
            }

            var matchHost = false;
            if (phost[0] != '.')
            {
                matchHost = true;
                phost = "." + phost;
            }

            var suffix = phost;
            var domainPort = pport;
            _domainMatchers.Add((host, port, ip) =>
                ip is null
                && (host.EndsWith(suffix, StringComparison.Ordinal) || (matchHost && host == suffix[1..]))
                && (domainPort.Length == 0 || domainPort == port));
        }
    }

    private static IPAddress Normalize(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;

    // net.SplitHostPort, enough for NO_PROXY items: "host:port" or "[v6]:port".
    private static bool TrySplitHostPort(string s, out string host, out string port)
    {
        host = "";
        port = "";
        var colon = s.LastIndexOf(':');
        if (colon < 0)
        {
            return false;
        }

        if (s.StartsWith('['))
        {
            var close = s.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 != colon)
            {
                return false;
            }

            host = s[..(close + 1)];
            port = s[(colon + 1)..];
            return true;
        }

        if (s.IndexOf(':', StringComparison.Ordinal) != colon)
        {
            return false; // too many colons (a bare IPv6 address)
        }

        host = s[..colon];
        port = s[(colon + 1)..];
        return true;
    }

    private static bool TryParseCidr(string s, out IPAddress network, out int prefix)
    {
        network = IPAddress.None;
        prefix = 0;
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(s[..slash], out var addr)
            || !int.TryParse(s[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix))
        {
            return false;
        }

        var bits = addr.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        if (prefix > bits)
        {
            return false;
        }

        network = addr;
        return true;
    }

    private static bool InNetwork(IPAddress ip, IPAddress network, int prefix)
    {
        var a = Normalize(ip).GetAddressBytes();
        var n = Normalize(network).GetAddressBytes();
        if (a.Length != n.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix; i++)
        {
            var mask = 0x80 >> (i % 8);
            if ((a[i / 8] & mask) != (n[i / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }

    private static GoUrl? ParseProxy(string proxy)
    {
        if (proxy.Length == 0)
        {
            return null;
        }

        var url = GoUrl.Parse(proxy, out var error);
        if (url is null || url.Scheme.Length == 0 || url.Host.Length == 0)
        {
            if (GoUrl.Parse("http://" + proxy, out _) is { } withScheme)
            {
                return withScheme;
            }
        }

        // An unparsable value means "no proxy" in net/http (the error is dropped).
        return error is null ? url : null;
    }
}
