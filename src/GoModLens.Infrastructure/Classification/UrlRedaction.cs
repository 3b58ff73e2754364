namespace GoModLens.Infrastructure.Classification;

/// <summary>URL spellings for messages. go prints two different redactions and we copy both.</summary>
public static class UrlRedaction
{
    /// <summary>go's <c>url.Redacted</c>: the password becomes <c>xxxxx</c>; used in "reading URL: status" messages.</summary>
    public static string Redacted(Uri url) => ReplacePassword(url, "xxxxx");

    /// <summary>net/http's <c>stripPassword</c>: the password becomes <c>***</c>; used in <c>Get "URL": …</c> transport errors.</summary>
    public static string StrippedForTransport(Uri url) => ReplacePassword(url, "***");

    /// <summary>The URL without any userinfo, which is what goes on the wire (credentials travel in a header).</summary>
    public static Uri WithoutUserInfo(Uri url)
    {
        if (string.IsNullOrEmpty(url.UserInfo))
        {
            return url;
        }

        var b = new UriBuilder(url) { UserName = "", Password = "" };
        return b.Uri;
    }

    // Unlike go, a user name without a password (a proxy's access token, as in https://TOKEN@proxy/) is masked too: go
    // would print it, and GoModLens never prints a credential. With a password, the user name stays, as in go.
    private static string ReplacePassword(Uri url, string mask)
    {
        var text = url.IsAbsoluteUri ? url.AbsoluteUri : url.OriginalString;
        var info = url.IsAbsoluteUri ? url.UserInfo : "";
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        var at = schemeEnd < 0 || info.Length == 0 ? -1 : text.IndexOf('@', schemeEnd + 3);
        if (at < 0)
        {
            return text;
        }

        var colon = info.IndexOf(':', StringComparison.Ordinal);
        return text[..(schemeEnd + 3)] + (colon < 0 ? "xxxxx" : info[..colon] + ":" + mask) + text[at..];
    }
}
