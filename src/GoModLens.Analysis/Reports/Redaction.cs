using System.Text;

namespace GoModLens.Analysis.Reports;

/// <summary>
/// Credentials never reach output: GOPROXY lists, GOSUMDB values and proxy URLs are shown through these, in the
/// editor, the CLI and logs alike.
/// </summary>
public static class Redaction
{
    /// <summary>
    /// A URL without credentials. The whole userinfo becomes <c>xxxxx</c>, not only the password as go's Redacted does,
    /// because private proxies often carry a token as the user name.
    /// </summary>
    public static string Url(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var hostStart = scheme < 0 ? 0 : scheme + 3;
        var pathStart = url.IndexOfAny(['/', '?', '#'], hostStart);
        var authorityEnd = pathStart < 0 ? url.Length : pathStart;
        var at = url.LastIndexOf('@', authorityEnd - 1, authorityEnd - hostStart);
        return at < 0 ? url : url[..hostStart] + "xxxxx" + url[at..];
    }

    /// <summary>Each comma/pipe-separated GOPROXY entry redacted; separators kept.</summary>
    public static string List(string list)
    {
        var sb = new StringBuilder(list.Length);
        var start = 0;
        for (var i = 0; i <= list.Length; i++)
        {
            if (i == list.Length || list[i] is ',' or '|')
            {
                sb.Append(Url(list[start..i]));
                if (i < list.Length)
                {
                    sb.Append(list[i]);
                }

                start = i + 1;
            }
        }

        return sb.ToString();
    }

    /// <summary>GOSUMDB is "name[+key] [url]": any URL word redacted.</summary>
    public static string Words(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return string.Join(' ', value.Split(' ').Select(w => w.Contains("://", StringComparison.Ordinal) ? Url(w) : w));
    }

    /// <summary>
    /// Free text (a message, a GOENV file) with the userinfo of every URL in it masked: a URL's authority runs from its
    /// <c>://</c> to the first <c>/ ? # , |</c>, quote or space.
    /// </summary>
    public static string Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var copied = 0;
        while (scheme >= 0)
        {
            var hostStart = scheme + 3;
            var end = hostStart;
            while (end < text.Length && text[end] is not ('/' or '?' or '#' or ',' or '|' or '"' or '\'' or '\n' or '\r') && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            var at = text.LastIndexOf('@', end - 1, end - hostStart);
            if (at >= hostStart)
            {
                sb.Append(text, copied, hostStart - copied).Append("xxxxx");
                copied = at;
            }

            scheme = end < text.Length ? text.IndexOf("://", end, StringComparison.Ordinal) : -1;
        }

        return sb.Append(text, copied, text.Length - copied).ToString();
    }
}
