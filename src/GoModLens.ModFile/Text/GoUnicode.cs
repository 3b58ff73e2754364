using System.Globalization;
using System.Text;

namespace GoModLens.ModFile.Text;

/// <summary>
/// Go's unicode.IsPrint / unicode.IsSpace and strings.TrimSpace / strings.Fields, which decide what the go.mod lexer
/// accepts and how comments are trimmed. (.NET's Unicode tables may be a version newer than Go's; only characters
/// assigned in that newer version can disagree, and those are left out: <see cref="AssignedAfterGoTables"/>.)
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

        return !AssignedAfterGoTables(rune) && CharUnicodeInfo.GetUnicodeCategory(rune) switch
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

    /// <summary>
    /// Code points .NET's tables (Unicode 16.0) assign and go 1.26's (Unicode 15.0) do not: to go they are unassigned,
    /// so neither printable nor letters. Generated from go's unicode.IsPrint; UnicodeOracleTests compares every code
    /// point with go, so a .NET with newer tables fails there.
    /// </summary>
    private static readonly (int Low, int High)[] s_assignedAfterGoTables =
    [
        (0x897, 0x897), (0x1B4E, 0x1B4F), (0x1B7F, 0x1B7F), (0x1C89, 0x1C8A), (0x2427, 0x2429), (0x2FFC, 0x2FFF),
        (0x31E4, 0x31E5), (0x31EF, 0x31EF), (0xA7CB, 0xA7CD), (0xA7DA, 0xA7DC), (0x105C0, 0x105F3), (0x10D40, 0x10D65),
        (0x10D69, 0x10D85), (0x10D8E, 0x10D8F), (0x10EC2, 0x10EC4), (0x10EFC, 0x10EFC), (0x11380, 0x11389), (0x1138B, 0x1138B),
        (0x1138E, 0x1138E), (0x11390, 0x113B5), (0x113B7, 0x113C0), (0x113C2, 0x113C2), (0x113C5, 0x113C5), (0x113C7, 0x113CA),
        (0x113CC, 0x113D5), (0x113D7, 0x113D8), (0x113E1, 0x113E2), (0x116D0, 0x116E3), (0x11BC0, 0x11BE1), (0x11BF0, 0x11BF9),
        (0x11F5A, 0x11F5A), (0x13460, 0x143FA), (0x16100, 0x16139), (0x16D40, 0x16D79), (0x18CFF, 0x18CFF), (0x1CC00, 0x1CCF9),
        (0x1CD00, 0x1CEB3), (0x1E5D0, 0x1E5FA), (0x1E5FF, 0x1E5FF), (0x1F8B2, 0x1F8BB), (0x1F8C0, 0x1F8C1), (0x1FA89, 0x1FA89),
        (0x1FA8F, 0x1FA8F), (0x1FABE, 0x1FABE), (0x1FAC6, 0x1FAC6), (0x1FADC, 0x1FADC), (0x1FADF, 0x1FADF), (0x1FAE9, 0x1FAE9),
        (0x1FBCB, 0x1FBEF), (0x2EBF0, 0x2EE5D),
    ];

    /// <summary>Whether <paramref name="rune"/> is one of <see cref="s_assignedAfterGoTables"/>.</summary>
    public static bool AssignedAfterGoTables(int rune)
    {
        if (rune < s_assignedAfterGoTables[0].Low)
        {
            return false;
        }

        int lo = 0, hi = s_assignedAfterGoTables.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var (low, high) = s_assignedAfterGoTables[mid];
            if (rune < low)
            {
                hi = mid - 1;
            }
            else if (rune > high)
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
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

    /// <summary>Number of bytes the rune <see cref="RuneAt"/> read at <paramref name="i"/> takes in the file (1 for a byte that is not UTF-8).</summary>
    public static int Utf8LengthAt(string s, int i, int rune) => GoUtf8.IsEscapedByte(s, i) ? 1 : Utf8Length(rune);

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
