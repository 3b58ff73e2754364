using GoModLens.Analysis.Resolution;
using GoModLens.ModFile.Module;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Syntax;
using GoModLens.ModFile.Text;
using GoModLens.ModFile.Versions;

namespace GoModLens.Analysis.Findings;

/// <summary>
/// The fixes for GML2003, a version whose major the module path does not carry (<c>example.com/m v2.0.0</c>: go says
/// "should be v0 or v1, not v2"). go makes no request for it, so only GOPROXY can say which of the two ways out exists:
/// the same path at <c>v2.0.0+incompatible</c> (a repository without a go.mod), or the path with the version's major
/// (<c>example.com/m/v2 v2.0.0</c>). Each is offered only when the proxy answers for it.
/// </summary>
public static class MajorVersionFixes
{
    /// <summary>A require go's parser rejected for its major version, with the spans a fix edits.</summary>
    public sealed record MismatchedRequire(string ModulePath, string Version, int Line, TextSpan PathRange, TextSpan VersionRange);

    /// <summary>A fix the proxy confirmed, for the require on <paramref name="Line"/>.</summary>
    public sealed record ConfirmedFix(int Line, SuggestedFix Fix);

    /// <summary>The requires of the parse's GML2003 diagnostics (not a prefix such as <c>v2</c>: go's fixer answers that query).</summary>
    public static IReadOnlyList<MismatchedRequire> Find(ParseResult parse, string text)
    {
        var mismatched = new List<MismatchedRequire>();
        var lines = parse.Diagnostics
            .Where(d => d.Stage == ModDiagnosticStage.Directive && d.Message.StartsWith("require ", StringComparison.Ordinal)
                && d.Message.Contains(" invalid: should be ", StringComparison.Ordinal))
            .Select(d => d.Position.Line)
            .ToHashSet();
        if (lines.Count == 0)
        {
            return mismatched;
        }

        foreach (var line in FindingsBuilder.RequireLines(parse.Syntax))
        {
            var offset = line.InBlock ? 0 : 1;
            if (lines.Contains(line.Start.Line) && line.Tokens.Count >= offset + 2
                && line.Tokens[offset].Span is { } pathRange && line.Tokens[offset + 1].Span is { } versionRange
                && ModulePath.CanonicalVersion(Unquoted(line.Tokens[offset + 1].Text)) is { Length: > 0 } version
                && !VersionQuery.IsSemverPrefix(Unquoted(FindingsBuilder.Slice(text, versionRange))))
            {
                mismatched.Add(new MismatchedRequire(Unquoted(line.Tokens[offset].Text), version, line.Start.Line, pathRange, versionRange));
            }
        }

        return mismatched;
    }

    /// <summary>
    /// The two ways out, as module@version pairs to ask GOPROXY for: <c>+incompatible</c> on the same path (only for a
    /// path without a major suffix and a v2+ release), and the path that carries the version's major.
    /// </summary>
    public static IEnumerable<(string Path, string Version)> Candidates(MismatchedRequire require)
    {
        var (prefix, pathMajor, ok) = ModulePath.SplitPathVersion(require.ModulePath);
        var major = Semver.Major(require.Version);
        if (!ok || major.Length == 0)
        {
            yield break;
        }

        var isV0OrV1 = major is "v0" or "v1";
        if (pathMajor.Length == 0 && !isV0OrV1 && Semver.Build(require.Version).Length == 0)
        {
            yield return (require.ModulePath, require.Version + "+incompatible");
        }

        var version = require.Version.EndsWith("+incompatible", StringComparison.Ordinal) ? require.Version[..^"+incompatible".Length] : require.Version;
        var path = pathMajor.StartsWith('.') ? $"{prefix}.{major}" // gopkg.in/yaml.v2 at v3.0.0 is gopkg.in/yaml.v3
            : isV0OrV1 ? prefix
            : $"{prefix}/{major}";
        if (path != require.ModulePath && ModulePath.Check(path, version) is null)
        {
            yield return (path, version);
        }
    }

    /// <summary>Asks GOPROXY for every candidate (a stat of its <c>.info</c>, through the walk); the fixes it confirmed, and the requests made.</summary>
    public static async Task<(IReadOnlyList<ConfirmedFix> Fixes, int Requests)> ProbeAsync(IRequirementResolver resolver, ParseResult parse, string text,
        ResolveOptions options, CancellationToken cancellationToken)
    {
        var fixes = new List<ConfirmedFix>();
        var requests = 0;
        foreach (var require in Find(parse, text))
        {
            foreach (var (path, version) in Candidates(require))
            {
                var answer = await resolver.ResolveQueryAsync(path, version, options, cancellationToken).ConfigureAwait(false);
                requests += resolver.LastRunRequestCount;
                if (answer.Canonical != version)
                {
                    continue;
                }

                fixes.Add(new ConfirmedFix(require.Line, path == require.ModulePath
                    ? new UpgradeTo(path, version, require.VersionRange)
                    : new RequireModulePath(require.ModulePath, path, version, require.PathRange, require.VersionRange)));
            }
        }

        return (fixes, requests);
    }

    /// <summary>Every GML2003 finding with the fixes confirmed for its line; other findings as they are.</summary>
    public static IEnumerable<Finding> Apply(IEnumerable<Finding> findings, IReadOnlyList<ConfirmedFix> fixes)
    {
        foreach (var f in findings)
        {
            var mine = f.Code == FindingCodes.MajorVersionMismatch ? fixes.Where(x => x.Line == f.Range.Start.Line).Select(x => x.Fix).ToList() : [];
            yield return mine.Count == 0 ? f : f with
            {
                Message = $"{f.Message}; GOPROXY has {string.Join(" and ", mine.Select(Describe))}",
                Fixes = [.. f.Fixes, .. mine],
            };
        }
    }

    private static string Describe(SuggestedFix fix) => fix switch
    {
        UpgradeTo u => $"{u.Module} {u.Version}",
        RequireModulePath p => $"{p.NewPath} {p.Version}",
        _ => fix.Title,
    };

    private static string Unquoted(string token) => GoQuote.TryUnquote(token, out var s) ? s : token;
}
