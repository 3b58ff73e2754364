using System.Globalization;
using System.Text;

namespace GoModLens.ModFile.Text;

/// <summary>
/// Go's strconv quoting rules: Quote (what %q prints), QuoteRune (what %q prints for a rune) and Unquote (how a
/// double-quoted go.mod argument is decoded).
/// </summary>
public static class GoQuote
{
    /// <summary>strconv.Quote.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        for (var i = 0; i < s.Length;)
        {
            if (GoUtf8.IsEscapedByte(s, i))
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\x{s[i++] & 0xFF:x2}"); // a byte that is not UTF-8, as strconv.Quote prints it
                continue;
            }

            if (char.IsSurrogate(s[i]) && !char.IsSurrogatePair(s, i))
            {
                // Any other lone surrogate (text that came as UTF-16): print its 3 WTF-8 bytes as go prints bad bytes.
                int c = s[i++];
                sb.Append(CultureInfo.InvariantCulture, $"\\x{0xE0 | (c >> 12):x2}\\x{0x80 | ((c >> 6) & 0x3F):x2}\\x{0x80 | (c & 0x3F):x2}");
                continue;
            }

            var r = GoUnicode.RuneAt(s, i, out var n);
            i += n;
            AppendEscaped(sb, r, '"');
        }

        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>strconv.QuoteRune.</summary>
    public static string QuoteRune(int rune)
    {
        var sb = new StringBuilder(8);
        sb.Append('\'');
        AppendEscaped(sb, rune, '\'');
        sb.Append('\'');
        return sb.ToString();
    }

    private static void AppendEscaped(StringBuilder sb, int r, char quote)
    {
        if (r == quote || r == '\\')
        {
            sb.Append('\\').Append((char)r);
            return;
        }

        if (GoUnicode.IsPrint(r))
        {
            sb.Append(char.ConvertFromUtf32(r));
            return;
        }

        switch (r)
        {
            case '\a': sb.Append("\\a"); return;
            case '\b': sb.Append("\\b"); return;
            case '\f': sb.Append("\\f"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\v': sb.Append("\\v"); return;
        }

        if (r < ' ' || r == 0x7F)
        {
            sb.Append("\\x").Append(r.ToString("x2", CultureInfo.InvariantCulture));
        }
        else if (r < 0x10000)
        {
            sb.Append("\\u").Append(r.ToString("x4", CultureInfo.InvariantCulture));
        }
        else
        {
            sb.Append("\\U").Append(r.ToString("x8", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// strconv.Unquote for a double-quoted literal. Returns false (Go's ErrSyntax, "invalid syntax") for anything
    /// strconv rejects. A \x or octal escape above 0x7F yields a raw byte in Go; it is decoded here as U+FFFD.
    /// </summary>
    public static bool TryUnquote(string s, out string value)
    {
        value = "";
        if (s.Length < 2 || s[0] != '"' || s[^1] != '"')
        {
            return false;
        }

        var sb = new StringBuilder(s.Length);
        var i = 1;
        var end = s.Length - 1;
        while (i < end)
        {
            var c = s[i];
            if (c == '"' || c == '\n')
            {
                return false;
            }

            if (c != '\\')
            {
                // strconv.UnquoteChar decodes a byte that is not UTF-8 as utf8.RuneError, which it then appends.
                sb.Append(GoUtf8.IsEscapedByte(s, i) ? '\uFFFD' : c);
                i++;
                continue;
            }

            i++;
            if (i >= end)
            {
                return false;
            }

            var e = s[i++];
            switch (e)
            {
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'v': sb.Append('\v'); break;
                case '\\': sb.Append('\\'); break;
                case '"': sb.Append('"'); break;
                case 'x' or 'u' or 'U':
                {
                    var digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + digits > end)
                    {
                        return false;
                    }

                    var v = 0L;
                    for (var k = 0; k < digits; k++)
                    {
                        var h = HexValue(s[i + k]);
                        if (h < 0)
                        {
                            return false;
                        }

                        v = (v << 4) | (long)h;
                    }

                    i += digits;
                    if (e == 'x')
                    {
                        AppendByte(sb, (int)v);
                        break;
                    }

                    if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
                    {
                        return false;
                    }

                    sb.Append(char.ConvertFromUtf32((int)v));
                    break;
                }

                case >= '0' and <= '7':
                {
                    if (i + 2 > end)
                    {
                        return false;
                    }

                    var v = e - '0';
                    for (var k = 0; k < 2; k++)
                    {
                        var d = s[i + k] - '0';
                        if (d < 0 || d > 7)
                        {
                            return false;
                        }

                        v = (v << 3) | d;
                    }

                    i += 2;
                    if (v > 255)
                    {
                        return false;
                    }

                    AppendByte(sb, v);
                    break;
                }

                default:
                    return false;
            }
        }

        value = sb.ToString();
        if (value.AsSpan().ContainsAnyInRange('\uDC80', '\uDCFF'))
        {
            value = GoUtf8.Decode(GoUtf8.Encode(value)); // "\xc3\xa9" is é, as the bytes are in go
        }

        return true;
    }

    // \xNN and \NNN give bytes, which need not be UTF-8 on their own (see GoUtf8); whole sequences are joined below.
    private static void AppendByte(StringBuilder sb, int b) => sb.Append(b < 0x80 ? (char)b : (char)(0xDC00 | b));

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
