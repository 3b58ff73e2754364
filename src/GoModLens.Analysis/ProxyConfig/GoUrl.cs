using System.Text;
using GoModLens.ModFile.Text;

namespace GoModLens.Analysis.ProxyConfig;

/// <summary>
/// The subset of Go's net/url that the go command's proxy handling depends on: Parse (with its exact error texts),
/// String, Redacted and the escaping modes. .NET's Uri normalises differently (it unescapes, lower-cases, rejects
/// things Go accepts), so error messages and printed URLs would drift from go's if we used it here.
/// </summary>
public sealed class GoUrl
{
    public string Scheme { get; private set; } = "";
    public string Opaque { get; private set; } = "";
    public string? Username { get; private set; }
    public string? Password { get; private set; }
    public bool HasUser => Username is not null;
    public string Host { get; private set; } = "";
    public string Path { get; set; } = "";
    public string RawPath { get; set; } = "";
    public bool OmitHost { get; private set; }
    public bool ForceQuery { get; private set; }
    public string RawQuery { get; private set; } = "";
    public string Fragment { get; private set; } = "";
    public string RawFragment { get; private set; } = "";

    /// <summary>Parses like Go's url.Parse. On failure returns null and the error text go prints, e.g. <c>parse "%zz": invalid URL escape "%zz"</c>.</summary>
    public static GoUrl? Parse(string rawUrl, out string? error)
    {
        var hash = rawUrl.IndexOf('#', StringComparison.Ordinal);
        var u = hash >= 0 ? rawUrl[..hash] : rawUrl;
        var frag = hash >= 0 ? rawUrl[(hash + 1)..] : "";
        var url = ParseNoFragment(u, out var inner);
        if (url is null)
        {
            error = "parse " + GoQuote.Quote(u) + ": " + inner;
            return null;
        }

        if (frag.Length > 0)
        {
            if (!TryUnescape(frag, Encoding.Fragment, out var f, out inner))
            {
                error = "parse " + GoQuote.Quote(rawUrl) + ": " + inner;
                return null;
            }

            url.Fragment = f;
            url.RawFragment = Escape(f, Encoding.Fragment) == frag ? "" : frag;
        }

        error = null;
        return url;
    }

    private static GoUrl? ParseNoFragment(string raw, out string? error)
    {
        error = null;
        foreach (var c in raw)
        {
            if (c < ' ' || c == 0x7f)
            {
                error = "net/url: invalid control character in URL";
                return null;
            }
        }

        var url = new GoUrl();
        if (raw == "*")
        {
            url.Path = "*";
            return url;
        }

        if (!TryGetScheme(raw, out var scheme, out var rest, out error))
        {
            return null;
        }

        url.Scheme = scheme.ToLowerInvariant();
        if (rest.EndsWith('?') && rest.Count(c => c == '?') == 1)
        {
            url.ForceQuery = true;
            rest = rest[..^1];
        }
        else
        {
            var q = rest.IndexOf('?', StringComparison.Ordinal);
            if (q >= 0)
            {
                url.RawQuery = rest[(q + 1)..];
                rest = rest[..q];
            }
        }

        if (!rest.StartsWith('/'))
        {
            if (url.Scheme.Length > 0)
            {
                url.Opaque = rest;
                return url;
            }

            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var segment = slash >= 0 ? rest[..slash] : rest;
            if (segment.Contains(':', StringComparison.Ordinal))
            {
                error = "first path segment in URL cannot contain colon";
                return null;
            }
        }

        if ((url.Scheme.Length > 0 || !rest.StartsWith("///", StringComparison.Ordinal)) && rest.StartsWith("//", StringComparison.Ordinal))
        {
            var authority = rest[2..];
            rest = "";
            var slash = authority.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                rest = authority[slash..];
                authority = authority[..slash];
            }

            if (!TryParseAuthority(url, authority, out error))
            {
                return null;
            }
        }
        else if (url.Scheme.Length > 0 && rest.StartsWith('/'))
        {
            url.OmitHost = true;
        }

        if (!TryUnescape(rest, Encoding.Path, out var path, out error))
        {
            return null;
        }

        url.Path = path;
        url.RawPath = Escape(path, Encoding.Path) == rest ? "" : rest;
        return url;
    }

    private static bool TryGetScheme(string raw, out string scheme, out string rest, out string? error)
    {
        scheme = "";
        rest = raw;
        error = null;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z'))
            {
                continue;
            }

            if (c is (>= '0' and <= '9') or '+' or '-' or '.')
            {
                if (i == 0)
                {
                    return true;
                }

                continue;
            }

            if (c == ':')
            {
                if (i == 0)
                {
                    error = "missing protocol scheme";
                    return false;
                }

                scheme = raw[..i];
                rest = raw[(i + 1)..];
                return true;
            }

            return true;
        }

        return true;
    }

    private static bool TryParseAuthority(GoUrl url, string authority, out string? error)
    {
        var at = authority.LastIndexOf('@');
        if (!TryParseHost(url.Scheme, at < 0 ? authority : authority[(at + 1)..], out var host, out error))
        {
            return false;
        }

        url.Host = host;
        if (at < 0)
        {
            return true;
        }

        var userinfo = authority[..at];
        if (!ValidUserinfo(userinfo))
        {
            error = "net/url: invalid userinfo";
            return false;
        }

        var colon = userinfo.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            if (!TryUnescape(userinfo, Encoding.UserPassword, out var user, out error))
            {
                return false;
            }

            url.Username = user;
            return true;
        }

        if (!TryUnescape(userinfo[..colon], Encoding.UserPassword, out var name, out error)
            || !TryUnescape(userinfo[(colon + 1)..], Encoding.UserPassword, out var password, out error))
        {
            return false;
        }

        url.Username = name;
        url.Password = password;
        return true;
    }

    private static bool TryParseHost(string scheme, string host, out string result, out string? error)
    {
        result = "";
        error = null;
        var open = host.LastIndexOf('[');
        if (open > 0)
        {
            error = "invalid IP-literal";
            return false;
        }

        if (open == 0)
        {
            var close = host.LastIndexOf(']');
            if (close < 0)
            {
                error = "missing ']' in host";
                return false;
            }

            var colonPort = host[(close + 1)..];
            if (!ValidOptionalPort(colonPort))
            {
                error = "invalid port " + GoQuote.Quote(colonPort) + " after host";
                return false;
            }

            if (!TryUnescape(colonPort, Encoding.Host, out var port, out error)
                || !TryUnescape(host[1..close], Encoding.Host, out var literal, out error))
            {
                return false;
            }

            if (!System.Net.IPAddress.TryParse(literal, out var addr))
            {
                error = "invalid host: ParseAddr(" + GoQuote.Quote(literal) + "): unable to parse IP";
                return false;
            }

            if (addr.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            {
                error = "invalid IP-literal";
                return false;
            }

            result = "[" + literal + "]" + port;
            return true;
        }

        var i = host.IndexOf(':', StringComparison.Ordinal);
        if (i >= 0)
        {
            var last = host.LastIndexOf(':');
            if (last != i && scheme is not ("http" or "https"))
            {
                i = last;
            }

            var colonPort = host[i..];
            if (!ValidOptionalPort(colonPort))
            {
                error = "invalid port " + GoQuote.Quote(colonPort) + " after host";
                return false;
            }
        }

        if (!TryUnescape(host, Encoding.Host, out result, out error))
        {
            return false;
        }

        return true;
    }

    private static bool ValidOptionalPort(string port)
    {
        if (port.Length == 0)
        {
            return true;
        }

        return port[0] == ':' && port.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;
    }

    private static bool ValidUserinfo(string s)
    {
        foreach (var r in s)
        {
            if (r is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9')
                or '-' or '.' or '_' or ':' or '~' or '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=' or '%' or '@')
            {
                continue;
            }

            return false;
        }

        return true;
    }

    /// <summary>Go's URL.String().</summary>
    public override string ToString() => Format(Password);

    /// <summary>
    /// Go's URL.Redacted(): the password, if any, becomes <c>xxxxx</c>, so go's messages read the same. Unlike go, a
    /// user name without a password (a proxy's access token, as in <c>https://TOKEN@proxy/</c>) becomes <c>xxxxx</c>
    /// too: go would print it, and GoModLens never prints a credential.
    /// </summary>
    public string Redacted() => Password is null && Username is { Length: > 0 } ? Format(null, user: "xxxxx") : Format(Password is null ? null : "xxxxx");

    private string Format(string? password, string? user = null)
    {
        var sb = new StringBuilder();
        if (Scheme.Length > 0)
        {
            sb.Append(Scheme).Append(':');
        }

        if (Opaque.Length > 0)
        {
            sb.Append(Opaque);
        }
        else
        {
            if (Scheme.Length > 0 || Host.Length > 0 || HasUser)
            {
                if (!(OmitHost && Host.Length == 0 && !HasUser))
                {
                    if (Host.Length > 0 || Path.Length > 0 || HasUser)
                    {
                        sb.Append("//");
                    }

                    if (HasUser)
                    {
                        sb.Append(user ?? Escape(Username!, Encoding.UserPassword));
                        if (password is not null)
                        {
                            sb.Append(':').Append(Escape(password, Encoding.UserPassword));
                        }

                        sb.Append('@');
                    }

                    if (Host.Length > 0)
                    {
                        sb.Append(Escape(Host, Encoding.Host));
                    }
                }
            }

            var path = EscapedPath();
            if (path.Length > 0 && path[0] != '/' && Host.Length > 0)
            {
                sb.Append('/');
            }

            if (sb.Length == 0)
            {
                var slash = path.IndexOf('/', StringComparison.Ordinal);
                if ((slash >= 0 ? path[..slash] : path).Contains(':', StringComparison.Ordinal))
                {
                    sb.Append("./");
                }
            }

            sb.Append(path);
        }

        if (ForceQuery || RawQuery.Length > 0)
        {
            sb.Append('?').Append(RawQuery);
        }

        if (Fragment.Length > 0)
        {
            sb.Append('#');
            sb.Append(RawFragment.Length > 0 && ValidEncoded(RawFragment, Encoding.Fragment)
                && TryUnescape(RawFragment, Encoding.Fragment, out var f, out _) && f == Fragment
                ? RawFragment
                : Escape(Fragment, Encoding.Fragment));
        }

        return sb.ToString();
    }

    /// <summary>Go's URL.EscapedPath().</summary>
    public string EscapedPath()
    {
        if (RawPath.Length > 0 && ValidEncoded(RawPath, Encoding.Path)
            && TryUnescape(RawPath, Encoding.Path, out var p, out _) && p == Path)
        {
            return RawPath;
        }

        return Path == "*" ? "*" : Escape(Path, Encoding.Path);
    }

    /// <summary>Go's url.PathEscape (path-segment mode).</summary>
    public static string PathEscape(string s) => Escape(s, Encoding.PathSegment);

    internal enum Encoding
    {
        Path,
        PathSegment,
        Host,
        Zone,
        UserPassword,
        QueryComponent,
        Fragment,
    }

    internal static bool ShouldEscape(byte c, Encoding mode)
    {
        if (c is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9'))
        {
            return false;
        }

        if (mode is Encoding.Host or Encoding.Zone)
        {
            switch ((char)c)
            {
                case '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=' or ':' or '[' or ']' or '<' or '>' or '"':
                    return false;
            }
        }

        switch ((char)c)
        {
            case '-' or '_' or '.' or '~':
                return false;
            case '$' or '&' or '+' or ',' or '/' or ':' or ';' or '=' or '?' or '@':
                switch (mode)
                {
                    case Encoding.Path:
                        return c == '?';
                    case Encoding.PathSegment:
                        return c is (byte)'/' or (byte)';' or (byte)',' or (byte)'?';
                    case Encoding.UserPassword:
                        return c is (byte)'@' or (byte)'/' or (byte)'?' or (byte)':';
                    case Encoding.QueryComponent:
                        return true;
                    case Encoding.Fragment:
                        return false;
                }

                break;
        }

        if (mode == Encoding.Fragment && c is (byte)'!' or (byte)'(' or (byte)')' or (byte)'*')
        {
            return false;
        }

        return true;
    }

    internal static string Escape(string s, Encoding mode)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(s);
        var sb = new StringBuilder(bytes.Length);
        var any = false;
        foreach (var c in bytes)
        {
            if (c == ' ' && mode == Encoding.QueryComponent)
            {
                sb.Append('+');
                any = true;
            }
            else if (ShouldEscape(c, mode))
            {
                sb.Append('%').Append("0123456789ABCDEF"[c >> 4]).Append("0123456789ABCDEF"[c & 15]);
                any = true;
            }
            else
            {
                sb.Append((char)c);
            }
        }

        return any ? sb.ToString() : s;
    }

    private static bool ValidEncoded(string s, Encoding mode)
    {
        foreach (var ch in s)
        {
            if (ch is '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=' or ':' or '@' or '[' or ']' or '%')
            {
                continue;
            }

            if (ch >= 0x80 || ShouldEscape((byte)ch, mode))
            {
                return false;
            }
        }

        return true;
    }

    private static int Unhex(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    // Works on UTF-16 text but escapes decode to bytes, so the result is re-decoded as UTF-8 like Go's byte strings.
    internal static bool TryUnescape(string s, Encoding mode, out string result, out string? error)
    {
        result = s;
        error = null;
        var hasEscape = false;
        for (var i = 0; i < s.Length;)
        {
            var c = s[i];
            if (c == '%')
            {
                hasEscape = true;
                if (i + 2 >= s.Length || Unhex(s[i + 1]) < 0 || Unhex(s[i + 2]) < 0)
                {
                    var bad = s[i..];
                    error = "invalid URL escape " + GoQuote.Quote(bad.Length > 3 ? bad[..3] : bad);
                    return false;
                }

                if (mode == Encoding.Host && Unhex(s[i + 1]) < 8 && s.Substring(i, 3) != "%25")
                {
                    error = "invalid URL escape " + GoQuote.Quote(s.Substring(i, 3));
                    return false;
                }

                if (mode == Encoding.Zone)
                {
                    var v = (byte)((Unhex(s[i + 1]) << 4) | Unhex(s[i + 2]));
                    if (s.Substring(i, 3) != "%25" && v != ' ' && ShouldEscape(v, Encoding.Host))
                    {
                        error = "invalid URL escape " + GoQuote.Quote(s.Substring(i, 3));
                        return false;
                    }
                }

                i += 3;
                continue;
            }

            if (c == '+' && mode == Encoding.QueryComponent)
            {
                hasEscape = true;
            }
            else if (mode is Encoding.Host or Encoding.Zone && c < 0x80 && ShouldEscape((byte)c, mode))
            {
                error = "invalid character " + GoQuote.Quote(c.ToString()) + " in host name";
                return false;
            }

            i++;
        }

        if (!hasEscape)
        {
            return true;
        }

        var bytes = new List<byte>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%')
            {
                bytes.Add((byte)((Unhex(s[i + 1]) << 4) | Unhex(s[i + 2])));
                i += 2;
            }
            else if (s[i] == '+')
            {
                bytes.Add(mode == Encoding.QueryComponent ? (byte)' ' : (byte)'+');
            }
            else
            {
                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(s[i].ToString()));
            }
        }

        result = System.Text.Encoding.UTF8.GetString(bytes.ToArray());
        return true;
    }
}
