using System.Globalization;
using System.Text;

namespace GoModLens.Infrastructure.Classification;

/// <summary>
/// The exact error strings of go's cmd/go/internal/web package: <c>reading URL: Status</c> plus the
/// <c>server response</c> detail that formatErrorDetail extracts from text/plain error bodies.
/// </summary>
public static class GoErrorText
{
    private const int MaxDetailLines = 8;
    private const int MaxDetailBytes = MaxDetailLines * 81;

    /// <summary><c>reading URL: Status</c> with the server-response suffix when there is a detail.</summary>
    public static string Reading(string redactedUrl, string status, string? detail)
    {
        if (string.IsNullOrEmpty(detail))
        {
            return $"reading {redactedUrl}: {status}";
        }

        var sep = detail.Contains('\n', StringComparison.Ordinal) ? "\n\t" : " ";
        return $"reading {redactedUrl}: {status}\n\tserver response:{sep}{detail}";
    }

    /// <summary>net/http's url.Error text for a request that got no usable response.</summary>
    public static string Get(string strippedUrl, string error) => $"Get \"{strippedUrl}\": {error}";

    /// <summary>cmd/go's wrapper for a body read failure (proxy.go getBytes).</summary>
    public static string Read(string redactedUrl, string error) => $"read \"{redactedUrl}\": {error}";

    /// <summary>
    /// go's formatErrorDetail: valid UTF-8 only, no control characters except whitespace, lines up to the first
    /// blank one, at most 8 lines and 648 bytes (the truncation markers replace the line that would overflow).
    /// </summary>
    public static string FormatErrorDetail(ReadOnlySpan<byte> body)
    {
        string s;
        try
        {
            s = new UTF8Encoding(false, true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return "";
        }

        foreach (var rune in s.EnumerateRunes())
        {
            if (!IsGraphic(rune) && !IsGoSpace(rune))
            {
                return "";
            }
        }

        var detail = new StringBuilder();
        var lines = s.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (TrimGoSpace(line).Length == 0)
            {
                break;
            }

            if (i > 0)
            {
                detail.Append("\n\t");
            }

            if (i >= MaxDetailLines)
            {
                detail.Append("[Truncated: too many lines.]");
                break;
            }

            // go measures bytes, not UTF-16 units.
            if (Encoding.UTF8.GetByteCount(detail.ToString()) + Encoding.UTF8.GetByteCount(line) > MaxDetailBytes)
            {
                detail.Append("[Truncated: too long.]");
                break;
            }

            detail.Append(line);
        }

        return detail.ToString();
    }

    /// <summary>Go's <c>Response.Status</c> for HTTP/1.x: code and the server's reason phrase verbatim.</summary>
    public static string Status(int code, string? reasonPhrase, bool http2)
    {
        if (http2 || reasonPhrase is null)
        {
            var text = StandardStatusText(code);
            return text.Length == 0 ? code.ToString(CultureInfo.InvariantCulture) + " status code " + code.ToString(CultureInfo.InvariantCulture) : code.ToString(CultureInfo.InvariantCulture) + " " + text;
        }

        return code.ToString(CultureInfo.InvariantCulture) + " " + reasonPhrase;
    }

    /// <summary>Go's net/http StatusText for the codes a proxy plausibly returns.</summary>
    public static string StandardStatusText(int code) => code switch
    {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        206 => "Partial Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Request Entity Too Large",
        414 => "Request URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Requested Range Not Satisfiable",
        418 => "I'm a teapot",
        421 => "Misdirected Request",
        422 => "Unprocessable Entity",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        511 => "Network Authentication Required",
        _ => "",
    };

    // unicode.IsGraphic: letters, marks, numbers, punctuation, symbols and the ASCII space (Zs).
    private static bool IsGraphic(Rune r)
    {
        var cat = Rune.GetUnicodeCategory(r);
        return cat switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,
            _ => true,
        };
    }

    // unicode.IsSpace: '\t', '\n', '\v', '\f', '\r', ' ', U+0085, U+00A0 and the Z categories.
    private static bool IsGoSpace(Rune r) => r.Value is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or 0x85 or 0xA0
        || Rune.GetUnicodeCategory(r) is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static string TrimGoSpace(string s)
    {
        // Every Go space character is in the BMP, so a surrogate is never one.
        static bool Space(char c) => !char.IsSurrogate(c) && IsGoSpace(new Rune(c));
        var start = 0;
        var end = s.Length;
        while (start < end && Space(s[start]))
        {
            start++;
        }

        while (end > start && Space(s[end - 1]))
        {
            end--;
        }

        return s[start..end];
    }
}
