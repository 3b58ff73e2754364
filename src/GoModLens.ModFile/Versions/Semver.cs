namespace GoModLens.ModFile.Versions;

/// <summary>
/// Semantic versions exactly as golang.org/x/mod/semver treats them: a mandatory "v", the "vX"/"vX.Y" shorthands,
/// numbers of any size, and byte-order comparison of pre-release identifiers (case matters).
/// </summary>
public static class Semver
{
    public static bool IsValid(string? v) => SemverParts.TryParse(v, out _);

    /// <summary>Fills missing ".0" parts and drops build metadata; "" for an invalid version.</summary>
    public static string Canonical(string? v)
    {
        if (!SemverParts.TryParse(v, out var p))
        {
            return "";
        }

        if (p.Build.Length > 0)
        {
            return v![..^p.Build.Length];
        }

        return p.Short.Length > 0 ? v + p.Short : v!;
    }

    /// <summary>"v2" for "v2.1.0"; "" for an invalid version.</summary>
    public static string Major(string? v) => SemverParts.TryParse(v, out var p) ? v![..(1 + p.Major.Length)] : "";

    /// <summary>"v2.1" for "v2.1.0"; "" for an invalid version.</summary>
    public static string MajorMinor(string? v)
    {
        if (!SemverParts.TryParse(v, out var p))
        {
            return "";
        }

        var i = 1 + p.Major.Length;
        var j = i + 1 + p.Minor.Length;
        if (j <= v!.Length && v[i] == '.' && v.AsSpan(i + 1, j - i - 1).SequenceEqual(p.Minor))
        {
            return v[..j];
        }

        return v[..i] + "." + p.Minor;
    }

    /// <summary>"-pre" for "v2.1.0-pre+meta"; "" when absent or invalid.</summary>
    public static string Prerelease(string? v) => SemverParts.TryParse(v, out var p) ? p.Prerelease : "";

    /// <summary>"+meta" for "v2.1.0+meta"; "" when absent or invalid.</summary>
    public static string Build(string? v) => SemverParts.TryParse(v, out var p) ? p.Build : "";

    /// <summary>-1, 0 or +1. Invalid versions are equal to each other and below every valid one; build metadata is ignored.</summary>
    public static int Compare(string? v, string? w)
    {
        var okV = SemverParts.TryParse(v, out var pv);
        var okW = SemverParts.TryParse(w, out var pw);
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
            return +1;
        }

        return SemverParts.Compare(pv, pw);
    }

    /// <summary>Canonicalizes both and returns the greater (x/mod's deprecated Max, kept for parity).</summary>
    public static string Max(string? v, string? w)
    {
        var cv = Canonical(v);
        var cw = Canonical(w);
        return Compare(cv, cw) > 0 ? cv : cw;
    }

    /// <summary>Go's semver.Sort: by <see cref="Compare"/>, ties broken by ordinal string order.</summary>
    public static void Sort(List<string> versions) => versions.Sort(ByVersion.Instance);

    /// <summary>Go's semver.Sort over an array.</summary>
    public static void Sort(string[] versions) => Array.Sort(versions, ByVersion.Instance);
}
