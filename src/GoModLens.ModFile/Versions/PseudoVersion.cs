using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GoModLens.ModFile.Versions;

/// <summary>
/// Pseudo-versions as x/mod/module/pseudo.go defines them:
/// vX.0.0-yyyymmddhhmmss-rev, vX.Y.(Z+1)-0.yyyymmddhhmmss-rev, vX.Y.Z-pre.0.yyyymmddhhmmss-rev (+build allowed on the last two).
/// Errors carry go's text: <c>pseudo-version "v" invalid: syntax error</c>.
/// </summary>
public static partial class PseudoVersion
{
    /// <summary>Go's time layout for the timestamp field ("20060102150405").</summary>
    public const string TimestampFormat = "yyyyMMddHHmmss";

    /// <summary>Go's module.PseudoVersion(major, older, t, rev).</summary>
    public static string Build(string? major, string? older, DateTime time, string rev)
    {
        if (string.IsNullOrEmpty(major))
        {
            major = "v0";
        }

        var segment = FormatTime(time) + "-" + rev;
        var build = Semver.Build(older);
        var canonicalOlder = Semver.Canonical(older);
        if (canonicalOlder.Length == 0)
        {
            return major + ".0.0-" + segment;
        }

        if (Semver.Prerelease(canonicalOlder).Length > 0)
        {
            return canonicalOlder + ".0." + segment + build;
        }

        var i = canonicalOlder.LastIndexOf('.') + 1;
        return canonicalOlder[..i] + IncDecimal(canonicalOlder[i..]) + "-0." + segment + build;
    }

    /// <summary>The pseudo-version with a zero time and revision, e.g. v0.0.0-00010101000000-000000000000.</summary>
    public static string ZeroPseudoVersion(string? major) => Build(major, "", DateTime.MinValue, "000000000000");

    public static bool IsZeroPseudoVersion(string v) => v == ZeroPseudoVersion(Semver.Major(v));

    public static bool IsPseudoVersion(string? v) =>
        v is not null && v.Count(c => c == '-') >= 2 && Semver.IsValid(v) && PseudoVersionPattern().IsMatch(v);

    /// <summary>The commit time; throws <see cref="FormatException"/> with go's message when malformed.</summary>
    public static DateTime PseudoVersionTime(string v) =>
        TryGetTime(v, out var t, out var error) ? t : throw new FormatException(error);

    public static bool TryGetTime(string v, out DateTime time, out string? error)
    {
        time = default;
        if (!TryParse(v, out _, out var timestamp, out _, out _, out error))
        {
            return false;
        }

        // Go's time.Parse accepts year 0000, which DateTime cannot hold; report it as malformed rather than guess.
        if (!DateTime.TryParseExact(timestamp, TimestampFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out time))
        {
            error = Invalid(v, $"malformed time \"{timestamp}\"");
            return false;
        }

        time = DateTime.SpecifyKind(time, DateTimeKind.Utc);
        return true;
    }

    /// <summary>The revision identifier (text after the last dash, build metadata removed).</summary>
    public static string PseudoVersionRev(string v) =>
        TryParse(v, out _, out _, out var rev, out _, out var error) ? rev : throw new FormatException(error);

    /// <summary>The tag the pseudo-version was derived from, or "" for the vX.0.0-… shape.</summary>
    public static string PseudoVersionBase(string v) =>
        TryGetBase(v, out var b, out var error) ? b : throw new FormatException(error);

    public static bool TryGetBase(string v, out string baseVersion, out string? error)
    {
        baseVersion = "";
        if (!TryParse(v, out var b, out _, out _, out var build, out error))
        {
            return false;
        }

        var pre = Semver.Prerelease(b);
        if (pre.Length == 0)
        {
            if (build.Length > 0)
            {
                error = Invalid(v, $"lacks base version, but has build metadata \"{build}\"");
                return false;
            }

            return true;
        }

        if (pre == "-0")
        {
            b = b[..^pre.Length];
            var i = b.LastIndexOf('.');
            var patch = DecDecimal(b[(i + 1)..]);
            if (patch.Length == 0)
            {
                error = Invalid(v, $"version before {b} would have negative patch number");
                return false;
            }

            baseVersion = b[..(i + 1)] + patch + build;
            return true;
        }

        baseVersion = b[..^".0".Length] + build;
        return true;
    }

    internal static string FormatTime(DateTime time) =>
        time.ToUniversalTime().ToString(TimestampFormat, CultureInfo.InvariantCulture);

    private static bool TryParse(string v, out string baseVersion, out string timestamp, out string rev, out string build, out string? error)
    {
        baseVersion = timestamp = rev = build = "";
        if (!IsPseudoVersion(v))
        {
            error = Invalid(v, "syntax error");
            return false;
        }

        error = null;
        build = Semver.Build(v);
        var s = v[..^build.Length];
        var j = s.LastIndexOf('-');
        rev = s[(j + 1)..];
        s = s[..j];
        var i = s.LastIndexOf('-');
        var dot = s.LastIndexOf('.');
        if (dot > i)
        {
            baseVersion = s[..dot];
            timestamp = s[(dot + 1)..];
        }
        else
        {
            baseVersion = s[..i];
            timestamp = s[(i + 1)..];
        }

        return true;
    }

    private static string Invalid(string v, string reason) => $"pseudo-version \"{v}\" invalid: {reason}";

    private static string IncDecimal(string decimalText)
    {
        var digits = new StringBuilder(decimalText);
        var i = digits.Length - 1;
        for (; i >= 0 && digits[i] == '9'; i--)
        {
            digits[i] = '0';
        }

        if (i >= 0)
        {
            digits[i]++;
        }
        else
        {
            digits[0] = '1';
            digits.Append('0');
        }

        return digits.ToString();
    }

    private static string DecDecimal(string decimalText)
    {
        var digits = new StringBuilder(decimalText);
        var i = digits.Length - 1;
        for (; i >= 0 && digits[i] == '0'; i--)
        {
            digits[i] = '9';
        }

        if (i < 0)
        {
            return "";
        }

        if (i == 0 && digits[i] == '1' && digits.Length > 1)
        {
            digits.Remove(0, 1);
        }
        else
        {
            digits[i]--;
        }

        return digits.ToString();
    }

    [GeneratedRegex(@"^v[0-9]+\.(0\.0-|[0-9]+\.[0-9]+-([^+]*\.)?0\.)[0-9]{14}-[A-Za-z0-9]+(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex PseudoVersionPattern();
}
