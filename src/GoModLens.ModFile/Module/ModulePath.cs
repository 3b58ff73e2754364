using System.Text;
using GoModLens.ModFile.Text;
using GoModLens.ModFile.Versions;

namespace GoModLens.ModFile.Module;

/// <summary>
/// golang.org/x/mod/module path rules with go's exact error texts. Check* methods return null when valid, else the
/// full message (e.g. <c>malformed module path "x": missing dot in first path element</c>).
/// </summary>
public static class ModulePath
{
    private static readonly string[] s_badWindowsNames =
    [
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];

    private enum PathKind
    {
        Module,
        Import,
        File,
    }

    /// <summary>module.CheckPath.</summary>
    // Every keystroke re-checks every require's path and version, and every resolution escapes them again.
    private static readonly BoundedMemo<string, string?> CheckedPaths = new(16_384);
    private static readonly BoundedMemo<string, string> CanonicalVersions = new(16_384);

    public static string? CheckPath(string path) => CheckedPaths.GetOrAdd(path, static p =>
        CheckPathReason(p) is { } reason ? $"malformed module path {GoQuote.Quote(p)}: {reason}" : null);

    /// <summary>The reason alone (without the "malformed module path" prefix), or null when valid.</summary>
    public static string? CheckPathReason(string path)
    {
        var reason = CheckGeneral(path, PathKind.Module);
        if (reason is not null)
        {
            return reason;
        }

        var i = path.IndexOf('/', StringComparison.Ordinal);
        if (i < 0)
        {
            i = path.Length;
        }

        if (i == 0)
        {
            return "leading slash";
        }

        var first = path[..i];
        if (!first.Contains('.', StringComparison.Ordinal))
        {
            return "missing dot in first path element";
        }

        if (path[0] == '-')
        {
            return "leading dash in first path element";
        }

        foreach (var r in first.EnumerateRunes())
        {
            if (!FirstPathOk(r.Value))
            {
                return $"invalid char {GoQuote.QuoteRune(r.Value)} in first path element";
            }
        }

        return SplitPathVersion(path).Ok ? null : "invalid version";
    }

    /// <summary>module.CheckImportPath.</summary>
    public static string? CheckImportPath(string path)
    {
        var reason = CheckGeneral(path, PathKind.Import);
        return reason is null ? null : $"malformed import path {GoQuote.Quote(path)}: {reason}";
    }

    /// <summary>module.CheckFilePath (names inside module zips).</summary>
    public static string? CheckFilePath(string path)
    {
        var reason = CheckGeneral(path, PathKind.File);
        return reason is null ? null : $"malformed file path {GoQuote.Quote(path)}: {reason}";
    }

    /// <summary>
    /// module.Check(path, version): the path is valid, the version is semver, and they agree on the major version.
    /// Returns go's message (<c>path@version: invalid version: should be v2, not v1</c>) or null.
    /// </summary>
    public static string? Check(string path, string version)
    {
        if (CheckPath(path) is { } pathError)
        {
            return pathError;
        }

        if (!Semver.IsValid(version))
        {
            return VersionErrorMessage(path, version, "not a semantic version");
        }

        var reason = CheckPathMajor(version, SplitPathVersion(path).PathMajor);
        return reason is null ? null : VersionErrorMessage(path, version, reason);
    }

    /// <summary>Go's ModuleError wrapping an InvalidVersionError: <c>path@version: invalid version: reason</c>.</summary>
    public static string VersionErrorMessage(string path, string version, string reason, bool pseudo = false) =>
        $"{path}@{version}: invalid {(pseudo ? "pseudo-version" : "version")}: {reason}";

    /// <summary>
    /// module.SplitPathVersion: Prefix + PathMajor == path, PathMajor "" or "/vN" (N ≥ 2), or ".vN[-unstable]" for
    /// gopkg.in. Ok is false for a path whose last element looks like a bad major suffix ("/v1", "/v0", "/v1.2").
    /// </summary>
    public static (string Prefix, string PathMajor, bool Ok) SplitPathVersion(string path) => SplitPaths.GetOrAdd(path, SplitPathVersionUncached);

    private static readonly BoundedMemo<string, (string, string, bool)> SplitPaths = new(16_384);
    private static readonly BoundedMemo<(string Version, string PathMajor), string?> PathMajorChecks = new(16_384);

    private static (string Prefix, string PathMajor, bool Ok) SplitPathVersionUncached(string path)
    {
        if (IsGopkgIn(path))
        {
            return SplitGopkgIn(path);
        }

        var i = path.Length;
        var dot = false;
        while (i > 0 && (char.IsAsciiDigit(path[i - 1]) || path[i - 1] == '.'))
        {
            dot |= path[i - 1] == '.';
            i--;
        }

        if (i <= 1 || i == path.Length || path[i - 1] != 'v' || path[i - 2] != '/')
        {
            return (path, "", true);
        }

        var pathMajor = path[(i - 2)..];
        if (dot || pathMajor.Length <= 2 || pathMajor[2] == '0' || pathMajor == "/v1")
        {
            return (path, "", false);
        }

        return (path[..(i - 2)], pathMajor, true);
    }

    public static bool IsGopkgIn(string path) => path.StartsWith("gopkg.in/", StringComparison.Ordinal);

    /// <summary>module.MatchPathMajor.</summary>
    public static bool MatchPathMajor(string version, string pathMajor) => CheckPathMajor(version, pathMajor) is null;

    /// <summary>
    /// module.CheckPathMajor: null when the version's major agrees with the path suffix, else the reason
    /// (<c>should be v0 or v1, not v2</c>); wrap it with <see cref="VersionErrorMessage"/> for go's full text.
    /// </summary>
    public static string? CheckPathMajor(string version, string pathMajor) =>
        PathMajorChecks.GetOrAdd((version, pathMajor), static k => CheckPathMajorUncached(k.Version, k.PathMajor));

    private static string? CheckPathMajorUncached(string version, string pathMajor)
    {
        if (pathMajor.StartsWith(".v", StringComparison.Ordinal) && pathMajor.EndsWith("-unstable", StringComparison.Ordinal))
        {
            pathMajor = pathMajor[..^"-unstable".Length];
        }

        if (version.StartsWith("v0.0.0-", StringComparison.Ordinal) && pathMajor == ".v1")
        {
            return null; // gopkg.in/x.v1 historically accepted v0 pseudo-versions
        }

        var m = Semver.Major(version);
        if (pathMajor.Length == 0)
        {
            if (m is "v0" or "v1" || Semver.Build(version) == "+incompatible")
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

    /// <summary>module.CanonicalVersion: semver.Canonical but keeping "+incompatible".</summary>
    public static string CanonicalVersion(string version) => CanonicalVersions.GetOrAdd(version, static v =>
    {
        var cv = Semver.Canonical(v);
        return Semver.Build(v) == "+incompatible" ? cv + "+incompatible" : cv;
    });

    /// <summary>module.EscapePath: "!x" for each upper-case X, after CheckPath.</summary>
    public static bool TryEscapePath(string path, out string escaped, out string? error)
    {
        escaped = "";
        error = CheckPath(path);
        if (error is not null)
        {
            return false;
        }

        escaped = EscapeString(path);
        return true;
    }

    /// <inheritdoc cref="TryEscapePath"/>
    public static string EscapePath(string path) =>
        TryEscapePath(path, out var escaped, out var error) ? escaped : throw new FormatException(error);

    /// <summary>module.EscapeVersion: the version must be a valid file-name element without '!'.</summary>
    public static bool TryEscapeVersion(string version, out string escaped, out string? error)
    {
        escaped = "";
        if (CheckElem(version, PathKind.File) is not null || version.Contains('!', StringComparison.Ordinal))
        {
            error = $"version {GoQuote.Quote(version)} invalid: disallowed version string";
            return false;
        }

        if (HasNonAscii(version))
        {
            // Unicode letters pass the file-name check but go's escaper refuses them with this (odd) message.
            error = "internal error: inconsistency in EscapePath";
            return false;
        }

        error = null;
        escaped = EscapeString(version);
        return true;
    }

    /// <inheritdoc cref="TryEscapeVersion"/>
    public static string EscapeVersion(string version) =>
        TryEscapeVersion(version, out var escaped, out var error) ? escaped : throw new FormatException(error);

    /// <summary>module.UnescapePath: decodes "!x" and requires the result to be a valid module path.</summary>
    public static bool TryUnescapePath(string escaped, out string path, out string? error)
    {
        path = "";
        if (!TryUnescapeString(escaped, out var decoded))
        {
            error = $"invalid escaped module path {GoQuote.Quote(escaped)}";
            return false;
        }

        if (CheckPath(decoded) is { } pathError)
        {
            error = $"invalid escaped module path {GoQuote.Quote(escaped)}: {pathError}";
            return false;
        }

        error = null;
        path = decoded;
        return true;
    }

    /// <inheritdoc cref="TryUnescapePath"/>
    public static string UnescapePath(string escaped) =>
        TryUnescapePath(escaped, out var path, out var error) ? path : throw new FormatException(error);

    /// <summary>module.UnescapeVersion.</summary>
    public static bool TryUnescapeVersion(string escaped, out string version, out string? error)
    {
        version = "";
        if (!TryUnescapeString(escaped, out var decoded))
        {
            error = $"invalid escaped version {GoQuote.Quote(escaped)}";
            return false;
        }

        if (CheckElem(decoded, PathKind.File) is { } reason)
        {
            error = $"invalid escaped version {GoQuote.Quote(decoded)}: {reason}";
            return false;
        }

        error = null;
        version = decoded;
        return true;
    }

    /// <inheritdoc cref="TryUnescapeVersion"/>
    public static string UnescapeVersion(string escaped) =>
        TryUnescapeVersion(escaped, out var version, out var error) ? version : throw new FormatException(error);

    /// <summary>
    /// module.MatchPrefixPatterns (GOPRIVATE, GONOPROXY, GONOSUMDB, GOINSECURE): comma-separated path.Match globs, each
    /// matched against the target's leading elements (as many as the glob has). No trimming of spaces, like go.
    /// </summary>
    public static bool MatchPrefixPatterns(string globs, string target)
    {
        foreach (var item in globs.Split(','))
        {
            var glob = item.EndsWith('/') ? item[..^1] : item;
            if (glob.Length == 0)
            {
                continue;
            }

            var n = glob.Count(c => c == '/');
            var prefix = target;
            for (var i = 0; i < target.Length; i++)
            {
                if (target[i] == '/')
                {
                    if (n == 0)
                    {
                        prefix = target[..i];
                        break;
                    }

                    n--;
                }
            }

            if (n > 0)
            {
                continue;
            }

            if (PathGlob.TryMatch(glob, prefix, out var matched) && matched)
            {
                return true;
            }
        }

        return false;
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

        var pathMajor = path[(i - 2)..];
        if (pathMajor.Length <= 2 || (pathMajor[2] == '0' && pathMajor != ".v0"))
        {
            return (path, "", false);
        }

        return (path[..(i - 2)], pathMajor, true);
    }

    private static string? CheckGeneral(string path, PathKind kind)
    {
        if (!Utf16Text.IsWellFormed(path))
        {
            return "invalid UTF-8";
        }

        if (path.Length == 0)
        {
            return "empty string";
        }

        if (path[0] == '-' && kind != PathKind.File)
        {
            return "leading dash";
        }

        if (path.Contains("//", StringComparison.Ordinal))
        {
            return "double slash";
        }

        if (path[^1] == '/')
        {
            return "trailing slash";
        }

        var start = 0;
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '/')
            {
                if (CheckElem(path[start..i], kind) is { } reason)
                {
                    return reason;
                }

                start = i + 1;
            }
        }

        return CheckElem(path[start..], kind);
    }

    private static string? CheckElem(string elem, PathKind kind)
    {
        if (elem.Length == 0)
        {
            return "empty path element";
        }

        if (elem.All(c => c == '.'))
        {
            return $"invalid path element {GoQuote.Quote(elem)}";
        }

        if (elem[0] == '.' && kind == PathKind.Module)
        {
            return "leading dot in path element";
        }

        if (elem[^1] == '.')
        {
            return "trailing dot in path element";
        }

        foreach (var r in elem.EnumerateRunes())
        {
            var ok = kind switch
            {
                PathKind.Module => ModPathOk(r.Value),
                PathKind.Import => ModPathOk(r.Value) || r.Value == '+',
                _ => FileNameOk(r),
            };
            if (!ok)
            {
                return $"invalid char {GoQuote.QuoteRune(r.Value)}";
            }
        }

        var dotIndex = elem.IndexOf('.', StringComparison.Ordinal);
        var shortName = dotIndex >= 0 ? elem[..dotIndex] : elem;
        foreach (var bad in s_badWindowsNames)
        {
            if (string.Equals(bad, shortName, StringComparison.OrdinalIgnoreCase))
            {
                return $"{GoQuote.Quote(shortName)} disallowed as path element component on Windows";
            }
        }

        if (kind == PathKind.File)
        {
            return null;
        }

        // Windows 8.3 short names ("PROGRA~1") could alias other paths.
        var tilde = shortName.LastIndexOf('~');
        if (tilde >= 0 && tilde < shortName.Length - 1 && shortName[(tilde + 1)..].All(char.IsAsciiDigit))
        {
            return "trailing tilde and digits in path element";
        }

        return null;
    }

    private static bool FirstPathOk(int r) => r is '-' or '.' or (>= '0' and <= '9') or (>= 'a' and <= 'z');

    private static bool ModPathOk(int r) =>
        r is '-' or '.' or '_' or '~' or (>= '0' and <= '9') or (>= 'A' and <= 'Z') or (>= 'a' and <= 'z');

    /// <summary>x/mod's fileNameOK for one rune: a few ASCII characters, and letters (unicode.IsLetter, go's tables) beyond ASCII.</summary>
    internal static bool FileNameOk(Rune r)
    {
        if (r.Value < 0x80)
        {
            return r.Value is (>= '0' and <= '9') or (>= 'A' and <= 'Z') or (>= 'a' and <= 'z')
                || "!#$%&()+,-.=@[]^_{}~ ".Contains((char)r.Value, StringComparison.Ordinal);
        }

        return Rune.IsLetter(r) && !Text.GoUnicode.AssignedAfterGoTables(r.Value);
    }

    private static bool HasNonAscii(string s) => s.Any(c => c >= 0x80);


    private static string EscapeString(string s)
    {
        if (!s.Any(char.IsAsciiLetterUpper))
        {
            return s;
        }

        var sb = new StringBuilder(s.Length + 8);
        foreach (var c in s)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                sb.Append('!').Append((char)(c + ('a' - 'A')));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static bool TryUnescapeString(string escaped, out string result)
    {
        result = "";
        var sb = new StringBuilder(escaped.Length);
        var bang = false;
        foreach (var c in escaped)
        {
            if (c >= 0x80)
            {
                return false;
            }

            if (bang)
            {
                bang = false;
                if (c is < 'a' or > 'z')
                {
                    return false;
                }

                sb.Append((char)(c - ('a' - 'A')));
                continue;
            }

            if (c == '!')
            {
                bang = true;
                continue;
            }

            if (char.IsAsciiLetterUpper(c))
            {
                return false;
            }

            sb.Append(c);
        }

        if (bang)
        {
            return false;
        }

        result = sb.ToString();
        return true;
    }
}
