using System.Globalization;
using System.Text;

namespace GoModLens.ModFile.Module;

/// <summary>Go's %q for strings (named apart from the go.mod lexer's GoQuote in Text/) (strconv.Quote) and runes (strconv.QuoteRune), so error texts match go byte for byte.</summary>
internal static class GoErrorQuote
{
    public static string String(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsSurrogatePair(s, i))
            {
                Append(sb, new Rune(s[i], s[i + 1]), '"');
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                // A lone surrogate is what invalid UTF-8 becomes in .NET; print its 3 WTF-8 bytes the way go prints bad bytes.
                int c = s[i];
                sb.Append(CultureInfo.InvariantCulture, $"\\x{0xE0 | (c >> 12):x2}\\x{0x80 | ((c >> 6) & 0x3F):x2}\\x{0x80 | (c & 0x3F):x2}");
            }
            else
            {
                Append(sb, new Rune(s[i]), '"');
            }
        }

        return sb.Append('"').ToString();
    }

    public static string Rune(Rune r)
    {
        var sb = new StringBuilder().Append('\'');
        Append(sb, r, '\'');
        return sb.Append('\'').ToString();
    }

    private static void Append(StringBuilder sb, Rune r, char quote)
    {
        if (r.Value == quote || r.Value == '\\')
        {
            sb.Append('\\').Append((char)r.Value);
            return;
        }

        if (IsPrint(r))
        {
            sb.Append(r.ToString());
            return;
        }

        switch (r.Value)
        {
            case '\a': sb.Append("\\a"); return;
            case '\b': sb.Append("\\b"); return;
            case '\f': sb.Append("\\f"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\v': sb.Append("\\v"); return;
        }

        if (r.Value < ' ' || r.Value == 0x7f)
        {
            sb.Append("\\x").Append(r.Value.ToString("x2", CultureInfo.InvariantCulture));
        }
        else if (r.Value < 0x10000)
        {
            sb.Append("\\u").Append(r.Value.ToString("x4", CultureInfo.InvariantCulture));
        }
        else
        {
            sb.Append("\\U").Append(r.Value.ToString("x8", CultureInfo.InvariantCulture));
        }
    }

    // unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space only.
    private static bool IsPrint(Rune r)
    {
        if (r.Value == ' ')
        {
            return true;
        }

        return System.Text.Rune.GetUnicodeCategory(r) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }
}
