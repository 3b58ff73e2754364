using GoModLens.ModFile.Text;

namespace GoModLens.ModFile.Semantics;

/// <summary>When a go.mod argument must be written quoted (modfile MustQuote/AutoQuote).</summary>
public static class ModQuoting
{
    public static bool MustQuote(string s)
    {
        for (var i = 0; i < s.Length;)
        {
            var c = s[i];
            if (c < 0x80)
            {
                // ASCII fast path, same rules: a punctuation character forces quotes unless it is the whole
                // (one-byte) argument; ASCII controls and DEL are not printable.
                i++;
                if (c is ' ' or '"' or '\'' or '`' || c < 0x20 || c == 0x7F
                    || (c is '(' or ')' or '[' or ']' or '{' or '}' or ',' && s.Length > 1))
                {
                    return true;
                }

                continue;
            }

            var r = GoUnicode.RuneAt(s, i, out var n);
            i += n;
            switch (r)
            {
                case ' ' or '"' or '\'' or '`':
                    return true;
                case '(' or ')' or '[' or ']' or '{' or '}' or ',':
                    if (GoUnicode.Utf8ByteCount(s) > 1)
                    {
                        return true;
                    }

                    break;
                default:
                    if (!GoUnicode.IsPrint(r))
                    {
                        return true;
                    }

                    break;
            }
        }

        return s.Length == 0 || s.Contains("//", StringComparison.Ordinal) || s.Contains("/*", StringComparison.Ordinal);
    }

    /// <summary>s, or its Go quotation when it could not be read back as a single token.</summary>
    public static string AutoQuote(string s) => MustQuote(s) ? GoQuote.Quote(s) : s;
}
