using System.Globalization;
using System.Text;

namespace GoModLens.ModFile.Text;

/// <summary>
/// Go's unicode.IsPrint / unicode.IsSpace and strings.TrimSpace / strings.Fields, which decide what the go.mod lexer
/// accepts and how comments are trimmed. (.NET's Unicode tables may be a version newer than Go's; only characters
/// assigned in that newer version can disagree.)
/// </summary>
internal static class GoUnicode
{
    /// <summary>unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    public static bool IsPrint(int rune)
    {
        if (rune < 0x80)
        {
            // ASCII: the space and the graphic characters; no control characters, no DEL.
            return rune is >= ' ' and < 0x7f;
        }

        if (rune < 0 || rune > 0x10FFFF || (rune >= 0xD800 && rune <= 0xDFFF))
        {
            return false;
        }

        return CharUnicodeInfo.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
            UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation => true,
            UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
                or UnicodeCategory.OtherSymbol => true,
            _ => false,
        };
    }

    /// <summary>unicode.IsSpace (the White_Space property).</summary>
    public static bool IsSpace(int rune) => rune switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or 0x85 or 0xA0 or 0x1680 or 0x2028 or 0x2029 or 0x202F or 0x205F
            or 0x3000 => true,
        >= 0x2000 and <= 0x200A => true,
        _ => false,
    };

    /// <summary>strings.TrimSpace.</summary>
    public static string TrimSpace(string s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end)
        {
            var r = RuneAt(s, start, out var n);
            if (!IsSpace(r))
            {
                break;
            }

            start += n;
        }

        while (end > start)
        {
            var n = char.IsLowSurrogate(s[end - 1]) && end - 2 >= start && char.IsHighSurrogate(s[end - 2]) ? 2 : 1;
            var r = RuneAt(s, end - n, out _);
            if (!IsSpace(r))
            {
                break;
            }

            end -= n;
        }

        return s[start..end];
    }

    /// <summary>strings.Fields: split around runs of white space.</summary>
    public static List<string> Fields(string s)
    {
        var result = new List<string>();
        var i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && IsSpace(RuneAt(s, i, out var n0)))
            {
                i += n0;
            }

            var start = i;
            while (i < s.Length)
            {
                var r = RuneAt(s, i, out var n);
                if (IsSpace(r))
                {
                    break;
                }

                i += n;
            }

            if (i > start)
            {
                result.Add(s[start..i]);
            }
        }

        return result;
    }

    /// <summary>The rune at index <paramref name="i"/>; a lone surrogate decodes as U+FFFD, like invalid UTF-8 in Go.</summary>
    public static int RuneAt(string s, int i, out int utf16Length)
    {
        var c = s[i];
        if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
        {
            utf16Length = 2;
            return char.ConvertToUtf32(c, s[i + 1]);
        }

        utf16Length = 1;
        return char.IsSurrogate(c) ? 0xFFFD : c;
    }

    /// <summary>Number of UTF-8 bytes Go would count for this rune.</summary>
    public static int Utf8Length(int rune) => rune switch
    {
        < 0x80 => 1,
        < 0x800 => 2,
        < 0x10000 => 3,
        _ => 4,
    };

    /// <summary>Byte-wise (UTF-8) ordering of two strings, as Go's string comparison does.</summary>
    public static int CompareUtf8(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            var ra = RuneAt(a, i, out var na);
            var rb = RuneAt(b, j, out var nb);
            if (ra != rb)
            {
                return ra < rb ? -1 : 1;
            }

            i += na;
            j += nb;
        }

        var restA = i < a.Length;
        var restB = j < b.Length;
        return restA == restB ? 0 : restA ? 1 : -1;
    }

    public static int Utf8ByteCount(string s) => Encoding.UTF8.GetByteCount(s);
}
