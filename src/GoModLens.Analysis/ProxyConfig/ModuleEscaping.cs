using System.Text;

namespace GoModLens.Analysis.ProxyConfig;

/// <summary>
/// x/mod module.EscapePath/EscapeVersion case encoding (<c>X</c> → <c>!x</c>) for proxy URLs.
/// Local copy so proxy URLs can be built before ModFile/Module lands; to be replaced by ModulePath's escaping at merge.
/// Only the escaping rules are here; full module.CheckPath validation belongs to ModulePath.
/// </summary>
internal static class ModuleEscaping
{
    private static readonly System.Buffers.SearchValues<char> s_disallowed = System.Buffers.SearchValues.Create("/\\:*?\"<>|!");

    public static bool TryEscapePath(string path, out string escaped, out string? error)
    {
        escaped = "";
        error = null;
        if (path.Length == 0)
        {
            error = "malformed module path " + GoQuote.Quote(path) + ": empty string";
            return false;
        }

        foreach (var c in path)
        {
            if (c >= 0x80)
            {
                error = "malformed module path " + GoQuote.Quote(path) + ": invalid char " + GoQuote.Quote(c.ToString()).Replace('"', '\'');
                return false;
            }
        }

        if (!TryEscape(path, out escaped))
        {
            error = "malformed module path " + GoQuote.Quote(path) + ": invalid char '!'";
            return false;
        }

        return true;
    }

    public static bool TryEscapeVersion(string version, out string escaped, out string? error)
    {
        escaped = "";
        error = null;
        if (version.Length == 0 || version is "." or ".." || version.AsSpan().IndexOfAny(s_disallowed) >= 0
            || version.Any(c => c < 0x20 || c == 0x7f || c >= 0x80) || version.EndsWith('.') || version.StartsWith('.'))
        {
            error = "disallowed version string " + GoQuote.Quote(version);
            return false;
        }

        return TryEscape(version, out escaped);
    }

    private static bool TryEscape(string s, out string escaped)
    {
        var sb = new StringBuilder(s.Length + 4);
        foreach (var c in s)
        {
            if (c == '!')
            {
                escaped = "";
                return false;
            }

            if (c is >= 'A' and <= 'Z')
            {
                sb.Append('!').Append((char)(c + ('a' - 'A')));
            }
            else
            {
                sb.Append(c);
            }
        }

        escaped = sb.ToString();
        return true;
    }
}
