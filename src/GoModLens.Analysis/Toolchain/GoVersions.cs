namespace GoModLens.Analysis.Toolchain;

/// <summary>
/// Go release versions ("1.21", "1.21.3", "1.22rc1") and toolchain names ("go1.21.3", "go1.21.3-custom"), ordered
/// like cmd/go's gover package: a language version sorts before its release candidates, which sort before its first
/// release (1.21 &lt; 1.21rc1 &lt; 1.21.0 &lt; 1.21.1). Before Go 1.21 a language version was its own first release
/// (1.20 = 1.20.0).
/// </summary>
public static class GoVersions
{
    private readonly record struct Parsed(string Major, string Minor, string Patch, string Kind, string Pre)
    {
        public static Parsed Invalid { get; } = new("", "", "", "", "");

        public bool IsEmpty => Major.Length == 0;
    }

    /// <summary>-1, 0 or +1; an invalid version sorts before every valid one (as in go).</summary>
    public static int Compare(string x, string y)
    {
        var a = Parse(x);
        var b = Parse(y);
        var c = CompareInt(a.Major, b.Major);
        if (c == 0)
        {
            c = CompareInt(a.Minor, b.Minor);
        }

        if (c == 0)
        {
            c = CompareInt(a.Patch, b.Patch);
        }

        if (c == 0)
        {
            c = Math.Sign(string.CompareOrdinal(a.Kind, b.Kind)); // "" < alpha < beta < rc
        }

        return c == 0 ? CompareInt(a.Pre, b.Pre) : c;
    }

    public static bool IsValid(string x) => !Parse(x).IsEmpty;

    /// <summary>A language version since Go 1.21: no patch and no pre-release (1.22; not 1.20, which was its own first release).</summary>
    public static bool IsLang(string x) => Parse(x) is { IsEmpty: false, Patch.Length: 0, Kind.Length: 0, Pre.Length: 0 };

    /// <summary>The version of a toolchain name: "go1.21.3-custom" → "1.21.3"; "" when it names no valid version.</summary>
    public static string FromToolchain(string name)
    {
        if (name.AsSpan().IndexOfAny('\\', '/') >= 0 || !name.StartsWith("go", StringComparison.Ordinal))
        {
            return "";
        }

        var v = name[2..];
        var cut = v.AsSpan().IndexOfAny(" \t-");
        if (cut >= 0)
        {
            v = v[..cut];
        }

        return IsValid(v) ? v : "";
    }

    private static Parsed Parse(string x)
    {
        if (!CutInt(ref x, out var major))
        {
            return Parsed.Invalid;
        }

        if (x.Length == 0)
        {
            return new Parsed(major, "0", "0", "", "");
        }

        if (x[0] != '.')
        {
            return Parsed.Invalid;
        }

        x = x[1..];
        if (!CutInt(ref x, out var minor))
        {
            return Parsed.Invalid;
        }

        if (x.Length == 0)
        {
            // Before Go 1.21, "1.N" was the first release itself.
            return new Parsed(major, minor, CompareInt(minor, "21") < 0 ? "0" : "", "", "");
        }

        if (x[0] == '.')
        {
            x = x[1..];
            return CutInt(ref x, out var patch) && x.Length == 0 ? new Parsed(major, minor, patch, "", "") : Parsed.Invalid;
        }

        var i = 0;
        while (i < x.Length && x[i] is < '0' or > '9')
        {
            if (x[i] is < 'a' or > 'z')
            {
                return Parsed.Invalid;
            }

            i++;
        }

        if (i == 0)
        {
            return Parsed.Invalid;
        }

        var kind = x[..i];
        x = x[i..];
        if (x.Length == 0)
        {
            return new Parsed(major, minor, "", kind, "");
        }

        return CutInt(ref x, out var pre) && x.Length == 0 ? new Parsed(major, minor, "", kind, pre) : Parsed.Invalid;
    }

    // A decimal without a needless leading zero.
    private static bool CutInt(ref string x, out string n)
    {
        var i = 0;
        while (i < x.Length && x[i] is >= '0' and <= '9')
        {
            i++;
        }

        if (i == 0 || (x[0] == '0' && i != 1))
        {
            n = "";
            return false;
        }

        n = x[..i];
        x = x[i..];
        return true;
    }

    // Decimal strings without leading zeros: the longer is larger; "" (absent) is smallest.
    private static int CompareInt(string x, string y) =>
        x.Length != y.Length ? x.Length.CompareTo(y.Length) : Math.Sign(string.CompareOrdinal(x, y));
}
