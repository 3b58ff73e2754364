namespace GoModLens.ModFile.Semantics;

/// <summary>
/// The few semver and module-path rules the go.mod binder and block sorting need (x/mod semver.Canonical/Compare/
/// Major/Build, module.CanonicalVersion, SplitPathVersion, CheckPathMajor). Kept minimal and self-contained so the
/// parser has no dependency on the Versions/ and Module/ layers; it will delegate to Versions/Semver and
/// Module/ModulePath once those are merged.
/// </summary>
internal static class VersionRules
{
    private readonly record struct Parsed(string Major, string Minor, string Patch, string Short, string Prerelease, string Build);

    public static bool IsValid(string v) => TryParse(v, out _);

    /// <summary>semver.Canonical: "v1.2" → "v1.2.0", build metadata dropped, "" when invalid.</summary>
    public static string Canonical(string v)
    {
        if (!TryParse(v, out var p))
        {
            return "";
        }

        if (p.Build.Length > 0)
        {
            return v[..^p.Build.Length];
        }

        return p.Short.Length > 0 ? v + p.Short : v;
    }

    /// <summary>module.CanonicalVersion: like Canonical but keeps "+incompatible".</summary>
    public static string CanonicalModuleVersion(string v)
    {
        var cv = Canonical(v);
        return Build(v) == "+incompatible" ? cv + "+incompatible" : cv;
    }

    public static string Major(string v) => TryParse(v, out var p) ? v[..(1 + p.Major.Length)] : "";

    public static string Build(string v) => TryParse(v, out var p) ? p.Build : "";

    /// <summary>semver.Compare: invalid versions sort first and equal to each other.</summary>
    public static int Compare(string v, string w)
    {
        var okV = TryParse(v, out var pv);
        var okW = TryParse(w, out var pw);
        if (!okV && !okW)
        {
            return 0;
        }

        if (!okV)
        {
            return -1;
        }

        if (!okW)
        {
            return 1;
        }

        var c = CompareInt(pv.Major, pw.Major);
        if (c == 0)
        {
            c = CompareInt(pv.Minor, pw.Minor);
        }

        if (c == 0)
        {
            c = CompareInt(pv.Patch, pw.Patch);
        }

        return c != 0 ? c : ComparePrerelease(pv.Prerelease, pw.Prerelease);
    }

    /// <summary>
    /// module.SplitPathVersion: splits "x/v2" into ("x", "/v2"), "gopkg.in/y.v3" into ("gopkg.in/y", ".v3");
    /// ok is false for malformed major suffixes such as "/v1", "/v0", "/v02" or "/v1.2".
    /// </summary>
    public static (string Prefix, string PathMajor, bool Ok) SplitPathVersion(string path)
    {
        if (path.StartsWith("gopkg.in/", StringComparison.Ordinal))
        {
            return SplitGopkgIn(path);
        }

        var i = path.Length;
        var dot = false;
        while (i > 0 && (char.IsAsciiDigit(path[i - 1]) || path[i - 1] == '.'))
        {
            if (path[i - 1] == '.')
            {
                dot = true;
            }

            i--;
        }

        if (i <= 1 || i == path.Length || path[i - 1] != 'v' || path[i - 2] != '/')
        {
            return (path, "", true);
        }

        var prefix = path[..(i - 2)];
        var pathMajor = path[(i - 2)..];
        if (dot || pathMajor.Length <= 2 || pathMajor[2] == '0' || pathMajor == "/v1")
        {
            return (path, "", false);
        }

        return (prefix, pathMajor, true);
    }

    private static (string Prefix, string PathMajor, bool Ok) SplitGopkgIn(string path)
    {
        var i = path.Length;
        if (path.EndsWith("-unstable", StringComparison.Ordinal))
        {
            i -= "-unstable".Length;
        }

        while (i > 0 && char.IsAsciiDigit(path[i - 1]))
        {
            i--;
        }

        if (i <= 1 || path[i - 1] != 'v' || path[i - 2] != '.')
        {
            return (path, "", false);
        }

        var prefix = path[..(i - 2)];
        var pathMajor = path[(i - 2)..];
        if (pathMajor.Length <= 2 || (pathMajor[2] == '0' && pathMajor != ".v0"))
        {
            return (path, "", false);
        }

        return (prefix, pathMajor, true);
    }

    /// <summary>
    /// module.CheckPathMajor: null when version <paramref name="v"/> fits the path's major suffix, else the reason
    /// text "should be &lt;want&gt;, not &lt;got&gt;" (go wraps it as version "v" invalid: …).
    /// </summary>
    public static string? CheckPathMajor(string v, string pathMajor)
    {
        if (pathMajor.StartsWith(".v", StringComparison.Ordinal) && pathMajor.EndsWith("-unstable", StringComparison.Ordinal))
        {
            pathMajor = pathMajor[..^"-unstable".Length];
        }

        if (v.StartsWith("v0.0.0-", StringComparison.Ordinal) && pathMajor == ".v1")
        {
            return null;
        }

        var m = Major(v);
        if (pathMajor.Length == 0)
        {
            if (m is "v0" or "v1" || Build(v) == "+incompatible")
            {
                return null;
            }

            pathMajor = "v0 or v1";
        }
        else if (pathMajor[0] is '/' or '.')
        {
            if (m == pathMajor[1..])
            {
                return null;
            }

            pathMajor = pathMajor[1..];
        }

        return $"should be {pathMajor}, not {m}";
    }

    private static bool TryParse(string v, out Parsed p)
    {
        p = default;
        if (v.Length == 0 || v[0] != 'v')
        {
            return false;
        }

        var rest = v[1..];
        if (!ParseInt(ref rest, out var major))
        {
            return false;
        }

        if (rest.Length == 0)
        {
            p = new Parsed(major, "0", "0", ".0.0", "", "");
            return true;
        }

        if (rest[0] != '.')
        {
            return false;
        }

        rest = rest[1..];
        if (!ParseInt(ref rest, out var minor))
        {
            return false;
        }

        if (rest.Length == 0)
        {
            p = new Parsed(major, minor, "0", ".0", "", "");
            return true;
        }

        if (rest[0] != '.')
        {
            return false;
        }

        rest = rest[1..];
        if (!ParseInt(ref rest, out var patch))
        {
            return false;
        }

        var pre = "";
        if (rest.Length > 0 && rest[0] == '-')
        {
            var i = 1;
            var start = 1;
            while (i < rest.Length && rest[i] != '+')
            {
                if (!IsIdentChar(rest[i]) && rest[i] != '.')
                {
                    return false;
                }

                if (rest[i] == '.')
                {
                    if (start == i || IsBadNum(rest[start..i]))
                    {
                        return false;
                    }

                    start = i + 1;
                }

                i++;
            }

            if (start == i || IsBadNum(rest[start..i]))
            {
                return false;
            }

            pre = rest[..i];
            rest = rest[i..];
        }

        var build = "";
        if (rest.Length > 0 && rest[0] == '+')
        {
            var i = 1;
            var start = 1;
            while (i < rest.Length)
            {
                if (!IsIdentChar(rest[i]) && rest[i] != '.')
                {
                    return false;
                }

                if (rest[i] == '.')
                {
                    if (start == i)
                    {
                        return false;
                    }

                    start = i + 1;
                }

                i++;
            }

            if (start == i)
            {
                return false;
            }

            build = rest;
            rest = "";
        }

        if (rest.Length != 0)
        {
            return false;
        }

        p = new Parsed(major, minor, patch, "", pre, build);
        return true;
    }

    private static bool ParseInt(ref string v, out string number)
    {
        number = "";
        if (v.Length == 0 || !char.IsAsciiDigit(v[0]))
        {
            return false;
        }

        var i = 1;
        while (i < v.Length && char.IsAsciiDigit(v[i]))
        {
            i++;
        }

        if (v[0] == '0' && i != 1)
        {
            return false;
        }

        number = v[..i];
        v = v[i..];
        return true;
    }

    private static bool IsIdentChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '-';

    private static bool IsBadNum(string v) => v.Length > 1 && v[0] == '0' && v.All(char.IsAsciiDigit);

    private static bool IsNum(string v) => v.All(char.IsAsciiDigit);

    private static int CompareInt(string x, string y)
    {
        if (x == y)
        {
            return 0;
        }

        if (x.Length != y.Length)
        {
            return x.Length < y.Length ? -1 : 1;
        }

        return string.CompareOrdinal(x, y) < 0 ? -1 : 1;
    }

    private static int ComparePrerelease(string x, string y)
    {
        if (x == y)
        {
            return 0;
        }

        if (x.Length == 0)
        {
            return 1;
        }

        if (y.Length == 0)
        {
            return -1;
        }

        while (x.Length > 0 && y.Length > 0)
        {
            x = x[1..];
            y = y[1..];
            var dx = NextIdent(ref x);
            var dy = NextIdent(ref y);
            if (dx != dy)
            {
                var ix = IsNum(dx);
                var iy = IsNum(dy);
                if (ix != iy)
                {
                    return ix ? -1 : 1;
                }

                if (ix && dx.Length != dy.Length)
                {
                    return dx.Length < dy.Length ? -1 : 1;
                }

                return string.CompareOrdinal(dx, dy) < 0 ? -1 : 1;
            }
        }

        return x.Length == 0 ? -1 : 1;
    }

    private static string NextIdent(ref string x)
    {
        var i = x.IndexOf('.', StringComparison.Ordinal);
        if (i < 0)
        {
            i = x.Length;
        }

        var d = x[..i];
        x = x[i..];
        return d;
    }
}
