namespace GoModLens.Analysis.ProxyConfig;

/// <summary>
/// A parsed GOPROXY value (cmd/go modfetch proxyList). Either <see cref="Entries"/> is usable or <see cref="Error"/>
/// holds the message go prints; a bad entry anywhere aborts the whole list, so every lookup fails with it.
/// </summary>
public sealed record ProxyList(IReadOnlyList<ProxyEntry> Entries, string? Error)
{
    public const string EmptyListError = "GOPROXY list is not the empty string, but contains no entries";

    public bool IsValid => Error is null;

    /// <summary>Parses <paramref name="goproxy"/>; the implicit <c>noproxy</c> entry is added first when
    /// <paramref name="gonoproxy"/> is non-empty and GOPROXY is not exactly <c>direct</c>.</summary>
    public static ProxyList Parse(string goproxy, string gonoproxy = "", bool windowsPaths = false)
    {
        var entries = new List<ProxyEntry>();
        if (gonoproxy.Length > 0 && goproxy != "direct")
        {
            entries.Add(ProxyEntry.NoProxyEntry);
        }

        var rest = goproxy;
        while (rest.Length > 0)
        {
            string url;
            var fallBackOnError = false;
            var sep = rest.IndexOfAny([',', '|']);
            if (sep >= 0)
            {
                url = rest[..sep];
                fallBackOnError = rest[sep] == '|';
                rest = rest[(sep + 1)..];
            }
            else
            {
                url = rest;
                rest = "";
            }

            url = TrimGoSpace(url);
            if (url.Length == 0)
            {
                continue;
            }

            if (url == "off")
            {
                entries.Add(new ProxyEntry(ProxyEntryKind.Off, "off", fallBackOnError, null));
                break;
            }

            if (url == "direct")
            {
                // go stops here: entries after direct are reserved for future use.
                entries.Add(new ProxyEntry(ProxyEntryKind.Direct, "direct", fallBackOnError, null));
                break;
            }

            // Single words are reserved for keywords; anything else without ":/" that is not a path gets https://.
            if (url.AsSpan().IndexOfAny(".:/") >= 0 && !url.Contains(":/", StringComparison.Ordinal) && !IsAbsolutePath(url, windowsPaths))
            {
                url = "https://" + url;
            }

            if (CheckProxyUrl(url, out var parsed) is { } error)
            {
                return new ProxyList([], error);
            }

            entries.Add(new ProxyEntry(ProxyEntryKind.Proxy, url, fallBackOnError, parsed));
        }

        if (entries.Count == 0 || (entries.Count == 1 && entries[0].Kind == ProxyEntryKind.NoProxy))
        {
            return new ProxyList([], EmptyListError);
        }

        return new ProxyList(entries, null);
    }

    /// <summary>newProxyRepo's validation of a base URL; returns go's error text or null.</summary>
    internal static string? CheckProxyUrl(string url, out GoUrl? parsed)
    {
        parsed = GoUrl.Parse(url, out var parseError);
        if (parsed is null)
        {
            return parseError;
        }

        var redacted = parsed.Redacted();
        switch (parsed.Scheme)
        {
            case "http" or "https":
                return null;
            case "file":
                // go compares the URL with URL{Scheme, Path, RawPath}: a host, user, query, fragment, opaque part or
                // the host-less "file:/x" form (OmitHost) all make it differ.
                var onlyPath = parsed.Opaque.Length == 0 && !parsed.HasUser && parsed.Host.Length == 0 && !parsed.OmitHost
                    && !parsed.ForceQuery && parsed.RawQuery.Length == 0 && parsed.Fragment.Length == 0 && parsed.RawFragment.Length == 0;
                return onlyPath ? null : "invalid file:// proxy URL with non-path elements: " + redacted;
            case "":
                return "invalid proxy URL missing scheme: " + redacted;
            default:
                return "invalid proxy URL scheme (must be https, http, file): " + redacted;
        }
    }

    private static bool IsAbsolutePath(string s, bool windowsPaths)
    {
        if (s.StartsWith('/'))
        {
            return true;
        }

        if (!windowsPaths)
        {
            return false;
        }

        return s.StartsWith(@"\\", StringComparison.Ordinal)
            || (s.Length >= 3 && char.IsAsciiLetter(s[0]) && s[1] == ':' && s[2] is '\\' or '/');
    }

    // strings.TrimSpace: ASCII whitespace plus Unicode White_Space; .NET's Trim() is close enough except for U+0085/U+00A0 which both treat as space.
    private static string TrimGoSpace(string s) => s.Trim();
}
