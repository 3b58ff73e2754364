using System.Collections.Immutable;
using System.Globalization;
using NuGet.Versioning;

namespace GoModLens.ModFile.Versions;

/// <summary>
/// A valid Go module version ("v1.2.3-pre+incompatible", shorthands "v1", "v1.2" allowed) backed by NuGet's
/// <see cref="SemanticVersion"/> where NuGet can hold it. Ordering is Go's (<see cref="Semver.Compare"/>), not NuGet's:
/// NuGet compares release labels case-insensitively and parses them with int.TryParse (so "-1" counts as numeric and
/// numbers past int.MaxValue as text), while Go compares identifiers by byte order and numbers of any length. Equality
/// is the original text, as Go keys its maps by the version string.
/// </summary>
public sealed record ModuleVersion : IComparable<ModuleVersion>
{
    private readonly SemverParts _parts;

    private ModuleVersion(string originalText, SemverParts parts)
    {
        OriginalText = originalText;
        _parts = parts;
        PrereleaseLabels = parts.Prerelease.Length == 0
            ? []
            : [.. parts.Prerelease[1..].Split('.')];
        NuGetVersion = ToNuGet(parts, PrereleaseLabels);
    }

    /// <summary>The text exactly as written (may be a shorthand or carry build metadata).</summary>
    public string OriginalText { get; }

    /// <summary>Digit strings of any length, as Go keeps them.</summary>
    public string Major => _parts.Major;

    public string Minor => _parts.Minor;

    public string Patch => _parts.Patch;

    /// <summary>"-rc.1" style, with the dash; "" for a release.</summary>
    public string Prerelease => _parts.Prerelease;

    /// <summary>"+incompatible" style, with the plus; "" when absent.</summary>
    public string Build => _parts.Build;

    public ImmutableArray<string> PrereleaseLabels { get; }

    /// <summary>The NuGet view of this version, or null when a number does not fit in an int.</summary>
    public SemanticVersion? NuGetVersion { get; }

    /// <summary>"vX" or "vX.Y" with the missing parts implied.</summary>
    public bool IsShorthand => _parts.Short.Length > 0;

    public bool IsPrerelease => _parts.Prerelease.Length > 0;

    public bool IsPseudo => PseudoVersion.IsPseudoVersion(OriginalText);

    public bool IsIncompatible => _parts.Build == "+incompatible";

    /// <summary>module.CanonicalVersion: semver.Canonical, keeping a "+incompatible" suffix.</summary>
    public string Canonical => Semver.Canonical(OriginalText) + (IsIncompatible ? "+incompatible" : "");

    /// <summary>True when the text is already in the form go writes to go.mod.</summary>
    public bool IsCanonical => Canonical == OriginalText;

    public static bool TryParse(string? text, out ModuleVersion version)
    {
        if (SemverParts.TryParse(text, out var parts))
        {
            version = new ModuleVersion(text!, parts);
            return true;
        }

        version = null!;
        return false;
    }

    /// <summary>Parses a valid version; throws <see cref="FormatException"/> with Go's wording otherwise.</summary>
    public static ModuleVersion Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"malformed semantic version \"{text}\"");

    /// <summary>Go's semver order; build metadata is ignored, so "v1.0.0" and "v1.0.0+incompatible" compare equal.</summary>
    public int CompareTo(ModuleVersion? other)
    {
        if (other is null)
        {
            return +1; // a missing/invalid version sorts below every valid one
        }

        var c = CompareCore(other);
        return c != 0 ? c : ComparePrerelease(other);
    }

    public bool Equals(ModuleVersion? other) => other is not null && OriginalText == other.OriginalText;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(OriginalText);

    public override string ToString() => OriginalText;

    public static bool operator <(ModuleVersion? left, ModuleVersion? right) => ModuleVersionComparer.Instance.Compare(left, right) < 0;

    public static bool operator >(ModuleVersion? left, ModuleVersion? right) => ModuleVersionComparer.Instance.Compare(left, right) > 0;

    public static bool operator <=(ModuleVersion? left, ModuleVersion? right) => ModuleVersionComparer.Instance.Compare(left, right) <= 0;

    public static bool operator >=(ModuleVersion? left, ModuleVersion? right) => ModuleVersionComparer.Instance.Compare(left, right) >= 0;

    private int CompareCore(ModuleVersion other)
    {
        if (NuGetVersion is { } mine && other.NuGetVersion is { } theirs)
        {
            // Major.Minor.Patch only: NuGet's label comparison is not Go's.
            return Math.Sign(VersionComparer.Version.Compare(mine, theirs));
        }

        var c = SemverParts.CompareNumber(Major, other.Major);
        if (c == 0)
        {
            c = SemverParts.CompareNumber(Minor, other.Minor);
        }

        return c != 0 ? c : SemverParts.CompareNumber(Patch, other.Patch);
    }

    private int ComparePrerelease(ModuleVersion other)
    {
        var a = PrereleaseLabels;
        var b = other.PrereleaseLabels;
        if (a.Length == 0 || b.Length == 0)
        {
            return a.Length == b.Length ? 0 : (a.Length == 0 ? +1 : -1);
        }

        for (var i = 0; i < a.Length && i < b.Length; i++)
        {
            if (!string.Equals(a[i], b[i], StringComparison.Ordinal))
            {
                return SemverParts.CompareIdentifier(a[i], b[i]);
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private static SemanticVersion? ToNuGet(SemverParts parts, ImmutableArray<string> labels)
    {
        if (!int.TryParse(parts.Major, NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts.Minor, NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            || !int.TryParse(parts.Patch, NumberStyles.None, CultureInfo.InvariantCulture, out var patch))
        {
            return null;
        }

        var metadata = parts.Build.Length > 0 ? parts.Build[1..] : null;
        return new SemanticVersion(major, minor, patch, labels, metadata);
    }
}
