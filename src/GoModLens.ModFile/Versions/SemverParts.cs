namespace GoModLens.ModFile.Versions;

/// <summary>
/// The pieces of a valid semantic version, kept as the original digit strings so numbers of any size compare
/// correctly (shorter digit string = smaller, since leading zeros are rejected).
/// </summary>
internal readonly record struct SemverParts(string Major, string Minor, string Patch, string Short, string Prerelease, string Build)
{
    public static bool TryParse(string? v, out SemverParts parts)
    {
        parts = default;
        if (string.IsNullOrEmpty(v) || v[0] != 'v')
        {
            return false;
        }

        var pos = 1;
        if (!TakeInt(v, ref pos, out var major))
        {
            return false;
        }

        if (pos == v.Length)
        {
            parts = new SemverParts(major, "0", "0", ".0.0", "", "");
            return true;
        }

        if (v[pos] != '.')
        {
            return false;
        }

        pos++;
        if (!TakeInt(v, ref pos, out var minor))
        {
            return false;
        }

        if (pos == v.Length)
        {
            parts = new SemverParts(major, minor, "0", ".0", "", "");
            return true;
        }

        if (v[pos] != '.')
        {
            return false;
        }

        pos++;
        if (!TakeInt(v, ref pos, out var patch))
        {
            return false;
        }

        var prerelease = "";
        if (pos < v.Length && v[pos] == '-')
        {
            if (!TakeIdentifiers(v, ref pos, stopAtPlus: true, checkNumbers: true, out prerelease))
            {
                return false;
            }
        }

        var build = "";
        if (pos < v.Length && v[pos] == '+')
        {
            if (!TakeIdentifiers(v, ref pos, stopAtPlus: false, checkNumbers: false, out build))
            {
                return false;
            }
        }

        if (pos != v.Length)
        {
            return false;
        }

        parts = new SemverParts(major, minor, patch, "", prerelease, build);
        return true;
    }

    public static int Compare(in SemverParts a, in SemverParts b)
    {
        var c = CompareNumber(a.Major, b.Major);
        if (c != 0)
        {
            return c;
        }

        c = CompareNumber(a.Minor, b.Minor);
        if (c != 0)
        {
            return c;
        }

        c = CompareNumber(a.Patch, b.Patch);
        return c != 0 ? c : ComparePrerelease(a.Prerelease, b.Prerelease);
    }

    /// <summary>Decimal strings without leading zeros: a longer string is the larger number, equal lengths compare by digits.</summary>
    public static int CompareNumber(string x, string y)
    {
        if (x.Length != y.Length)
        {
            return x.Length < y.Length ? -1 : +1;
        }

        return Math.Sign(string.CompareOrdinal(x, y));
    }

    /// <summary>Prerelease strings include their leading "-"; "" (a release) is greater than any prerelease.</summary>
    public static int ComparePrerelease(string x, string y)
    {
        if (x == y)
        {
            return 0;
        }

        if (x.Length == 0)
        {
            return +1;
        }

        if (y.Length == 0)
        {
            return -1;
        }

        var xi = 0;
        var yi = 0;
        while (xi < x.Length && yi < y.Length)
        {
            xi++; // skip '-' or '.'
            yi++;
            var dx = NextIdent(x, ref xi);
            var dy = NextIdent(y, ref yi);
            if (!dx.SequenceEqual(dy))
            {
                return CompareIdentifier(dx, dy);
            }
        }

        return xi >= x.Length ? -1 : +1;
    }

    /// <summary>Numeric identifiers are below alphanumeric ones and compare by length then digits; others by byte order.</summary>
    public static int CompareIdentifier(ReadOnlySpan<char> dx, ReadOnlySpan<char> dy)
    {
        var ix = IsNum(dx);
        var iy = IsNum(dy);
        if (ix != iy)
        {
            return ix ? -1 : +1;
        }

        if (ix && dx.Length != dy.Length)
        {
            return dx.Length < dy.Length ? -1 : +1;
        }

        return Math.Sign(dx.SequenceCompareTo(dy));
    }

    public static bool IsNum(ReadOnlySpan<char> v)
    {
        foreach (var c in v)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlySpan<char> NextIdent(string s, ref int pos)
    {
        var start = pos;
        while (pos < s.Length && s[pos] != '.')
        {
            pos++;
        }

        return s.AsSpan(start, pos - start);
    }

    private static bool TakeInt(string v, ref int pos, out string number)
    {
        number = "";
        var start = pos;
        if (pos >= v.Length || v[pos] is < '0' or > '9')
        {
            return false;
        }

        pos++;
        while (pos < v.Length && v[pos] is >= '0' and <= '9')
        {
            pos++;
        }

        if (v[start] == '0' && pos - start != 1)
        {
            return false;
        }

        number = v[start..pos];
        return true;
    }

    private static bool TakeIdentifiers(string v, ref int pos, bool stopAtPlus, bool checkNumbers, out string text)
    {
        text = "";
        var begin = pos;
        var i = pos + 1;
        var start = i;
        while (i < v.Length && !(stopAtPlus && v[i] == '+'))
        {
            var c = v[i];
            if (!IsIdentChar(c) && c != '.')
            {
                return false;
            }

            if (c == '.')
            {
                if (start == i || (checkNumbers && IsBadNum(v.AsSpan(start, i - start))))
                {
                    return false;
                }

                start = i + 1;
            }

            i++;
        }

        if (start == i || (checkNumbers && IsBadNum(v.AsSpan(start, i - start))))
        {
            return false;
        }

        text = v[begin..i];
        pos = i;
        return true;
    }

    public static bool IsIdentChar(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-';

    private static bool IsBadNum(ReadOnlySpan<char> v) => v.Length > 1 && v[0] == '0' && IsNum(v);
}
