using GoModLens.ModFile;
using GoModLens.ModFile.Module;

namespace GoModLens.Analysis.ProxyConfig;

/// <summary>
/// URL construction for the module proxy protocol exactly as cmd/go's proxyRepo does it: case-encoded module path and
/// version, trailing '/' of the base dropped, url.PathEscape with "%2F" kept as '/', so '!' goes out as <c>%21</c>.
/// Each method returns null and sets an error (go's text) when the path or version cannot be escaped.
/// </summary>
public static class ProxyUrls
{
    // Every request of every run builds its URL, and the same URLs are built again and again (prefetch, walk, each
    // editor re-check); go's parse-escape-join-format takes ~20 allocations per URL, which made URL building the largest
    // cost of a warm run (docs/benchmarks.md, Resolution). 4 096 holds every URL of a kubernetes-sized go.mod (928)
    // several times over; 16 384 held ~8 MB of URL strings in a 50-file workspace for little gain (each entry is
    // a few microseconds to rebuild).
    private static readonly BoundedMemo<(string Base, string Path, string Endpoint), (ProxyUrl? Url, string? Error)> Memo = new(4_096);

    public static ProxyUrl? List(string baseUrl, string modulePath, out string? error) => Build(baseUrl, modulePath, "@v/list", out error);

    public static ProxyUrl? Latest(string baseUrl, string modulePath, out string? error) => Build(baseUrl, modulePath, "@latest", out error);

    public static ProxyUrl? Info(string baseUrl, string modulePath, string version, out string? error) => Versioned(baseUrl, modulePath, version, ".info", out error);

    public static ProxyUrl? Mod(string baseUrl, string modulePath, string version, out string? error) => Versioned(baseUrl, modulePath, version, ".mod", out error);

    public static ProxyUrl? Zip(string baseUrl, string modulePath, string version, out string? error) => Versioned(baseUrl, modulePath, version, ".zip", out error);

    /// <summary>Go's redacted form of a URL (url.URL.Redacted): a password becomes <c>xxxxx</c>; a user without password is kept.</summary>
    public static string Redact(Uri uri)
    {
        var text = uri.IsAbsoluteUri ? uri.OriginalString : uri.ToString();
        if (GoUrl.Parse(text, out _) is { } parsed)
        {
            return parsed.Redacted();
        }

        if (!uri.IsAbsoluteUri || uri.UserInfo.Length == 0)
        {
            return text;
        }

        var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
        var user = colon >= 0 ? uri.UserInfo[..colon] + ":xxxxx" : uri.UserInfo;
        return new UriBuilder(uri) { UserName = "", Password = "" }.Uri.AbsoluteUri.Replace("://", "://" + user + "@", StringComparison.Ordinal);
    }

    private static ProxyUrl? Versioned(string baseUrl, string modulePath, string version, string suffix, out string? error)
    {
        if (!ModulePath.TryEscapeVersion(version, out var encVersion, out error))
        {
            error = modulePath + "@" + version + ": " + error;
            return null;
        }

        return Build(baseUrl, modulePath, "@v/" + encVersion + suffix, out error);
    }

    private static ProxyUrl? Build(string baseUrl, string modulePath, string endpoint, out string? error)
    {
        var built = Memo.GetOrAdd((baseUrl, modulePath, endpoint), k => (BuildUncached(k.Base, k.Path, k.Endpoint, out var e), e));
        error = built.Error;
        return built.Url;
    }

    private static ProxyUrl? BuildUncached(string baseUrl, string modulePath, string endpoint, out string? error)
    {
        if (ProxyList.CheckProxyUrl(baseUrl, out var parsed) is { } urlError)
        {
            error = urlError;
            return null;
        }

        if (!ModulePath.TryEscapePath(modulePath, out var enc, out error))
        {
            return null;
        }

        // newProxyRepo: base path without trailing '/', then the escaped module path.
        var moduleUrl = parsed!;
        var path = TrimSlash(moduleUrl.Path) + "/" + enc;
        var rawPath = TrimSlash(moduleUrl.RawPath) + "/" + PathEscape(enc);

        // getBody: path.Join for both the decoded and the raw spelling.
        moduleUrl.Path = ModFile.Text.SlashPath.Join(path, endpoint);
        moduleUrl.RawPath = ModFile.Text.SlashPath.Join(rawPath, PathEscape(endpoint));
        error = null;
        return new ProxyUrl(moduleUrl.ToString(), moduleUrl.Redacted()) { Entry = baseUrl };
    }

    private static string TrimSlash(string s) => s.EndsWith('/') ? s[..^1] : s;

    private static string PathEscape(string s) => GoUrl.PathEscape(s).Replace("%2F", "/", StringComparison.Ordinal);
}
