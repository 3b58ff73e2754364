using System.Globalization;
using System.Text;
using GoModLens.Analysis.Ports;

namespace GoModLens.Analysis.Reports;

/// <summary>Small formatting rules shared by the reports and the status text.</summary>
internal static class DisplayText
{
    /// <summary>The host (and path, if any) of a mirror without scheme and trailing slash: "https://goproxy.cn/" → "goproxy.cn".</summary>
    public static string ShortName(string url)
    {
        var s = Redaction.Url(url.Trim());
        var scheme = s.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0 && s[..scheme] is var sc && (sc.Equals("https", StringComparison.OrdinalIgnoreCase) || sc.Equals("http", StringComparison.OrdinalIgnoreCase)))
        {
            s = s[(scheme + 3)..];
        }

        return s.TrimEnd('/');
    }

    /// <summary>A budget as GoModLens words it: <c>10s</c>, <c>2.5s</c>, <c>500ms</c>.</summary>
    public static string Seconds(TimeSpan t) => t.TotalSeconds >= 1
        ? t.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "s"
        : t.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "ms";

    public static string Milliseconds(TimeSpan? t) =>
        t is { } v ? ((long)Math.Round(v.TotalMilliseconds, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture) + " ms" : "–";

    /// <summary>"just now", "12 s ago", "3 min ago", "2 h ago", "4 d ago"; "in the future" for clock skew.</summary>
    public static string Age(DateTimeOffset at, DateTimeOffset now)
    {
        var age = now - at;
        if (age < TimeSpan.Zero)
        {
            return "just now";
        }

        return age.TotalSeconds < 1 ? "just now"
            : age.TotalMinutes < 1 ? $"{(int)age.TotalSeconds} s ago"
            : age.TotalHours < 1 ? $"{(int)age.TotalMinutes} min ago"
            : age.TotalDays < 1 ? $"{(int)age.TotalHours} h ago"
            : $"{(int)age.TotalDays} d ago";
    }

    /// <summary>A short label for a failure kind, as the status bar shows it ("DNS", "TLS", "timeout", "503").</summary>
    public static string FailureLabel(FailureKind kind) => kind switch
    {
        FailureKind.None => "ok",
        FailureKind.DnsNotFound or FailureKind.DnsServerFailure => "DNS",
        FailureKind.DnsTimeout => "DNS timeout",
        FailureKind.ConnectionRefused => "refused",
        FailureKind.ConnectionReset => "reset",
        FailureKind.ConnectTimeout => "connect timeout",
        FailureKind.Tls => "TLS",
        FailureKind.FirstByteTimeout => "timeout",
        FailureKind.BodyStalled => "stalled",
        FailureKind.Unauthorized => "401",
        FailureKind.Forbidden => "403",
        FailureKind.NotFound => "404",
        FailureKind.Gone => "410",
        FailureKind.TooManyRequests => "429",
        FailureKind.BadGateway => "502",
        FailureKind.ServiceUnavailable => "503",
        FailureKind.GatewayTimeout => "504",
        FailureKind.ServerError => "5xx",
        FailureKind.HttpStatus => "HTTP status",
        FailureKind.InvalidResponse => "invalid response",
        FailureKind.Oversize => "oversize",
        FailureKind.RedirectLoop => "redirect loop",
        FailureKind.InsecureRedirect => "insecure redirect",
        FailureKind.Disabled => "disabled",
        FailureKind.ConfigurationError => "config error",
        _ => kind.ToString(),
    };

    /// <summary>Escapes text for a markdown table cell (pipes, backslashes, newlines, markdown emphasis and links).</summary>
    public static string Cell(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\r':
                    break;
                case '\n':
                    sb.Append("<br>");
                    break;
                case '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>':
                    sb.Append('\\').Append(c);
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Inline code that survives backticks in the value.</summary>
    public static string Code(string text)
    {
        if (text.Length == 0)
        {
            return "*(empty)*";
        }

        var fence = text.Contains('`', StringComparison.Ordinal) ? "`` " : "`";
        var close = fence.Length > 1 ? " ``" : "`";
        return fence + text.Replace("\n", " ", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal) + close;
    }
}
