using GoModLens.ModFile.Module;
using GoModLens.ModFile.Text;
using GoModLens.ModFile.Versions;

namespace GoModLens.Analysis.Resolution;

/// <summary>
/// A version query as go's fixer asks it when a go.mod names a version that is not canonical (modload.fixVersion calls
/// Query with no current version; newQueryMatcher decides what kind it is):
/// <list type="bullet">
/// <item>"latest" and "upgrade": the highest release, else pre-release, in <c>@v/list</c>; else <c>@latest</c>;</item>
/// <item>a prefix, <c>v1</c> or <c>v1.2</c>: the highest <c>v1.2.x</c> (never below <c>v1.2.0</c>);</item>
/// <item>a range: <c>&lt;</c>/<c>&lt;=</c> the highest below, <c>&gt;</c>/<c>&gt;=</c> the lowest above, releases first;</item>
/// <item>a complete semantic version that is not canonical (<c>v1.2.3+meta</c>) or a revision (a branch, tag or commit):
/// a stat of that <c>.info</c>.</item>
/// </list>
/// Excluded and retracted versions count: fixVersion passes no allowed function.
/// </summary>
public sealed class VersionQuery
{
    private readonly Func<string, bool>? _filter;

    private VersionQuery(string text, bool isStat, string prefix, Func<string, bool>? filter, bool preferLower, bool mayUseLatest, bool preferIncompatible)
    {
        Text = text;
        IsStat = isStat;
        Prefix = prefix;
        _filter = filter;
        PreferLower = preferLower;
        MayUseLatest = mayUseLatest;
        PreferIncompatible = preferIncompatible;
    }

    /// <summary>The query as written.</summary>
    public string Text { get; }

    /// <summary>Resolved by a stat of <see cref="Text"/>'s <c>.info</c> (a revision or a complete semantic version), not by the list.</summary>
    public bool IsStat { get; }

    /// <summary>Listed versions must start with this (<c>v1.2.</c> for <c>v1.2</c>); empty for none.</summary>
    public string Prefix { get; }

    /// <summary>The lowest matching version wins (<c>&gt;</c>, <c>&gt;=</c>); otherwise the highest.</summary>
    public bool PreferLower { get; }

    /// <summary>With no tagged match, the proxy's <c>@latest</c> (then the newest pseudo-version) may answer.</summary>
    public bool MayUseLatest { get; }

    /// <summary>+incompatible versions count from the start (the query names a major the path does not have).</summary>
    public bool PreferIncompatible { get; }

    /// <summary>go's NoMatchingVersionError for this query.</summary>
    public string NoMatchingVersions => $"no matching versions for query {GoQuote.Quote(Text)}";

    /// <summary>Whether a listed version satisfies the prefix and the range.</summary>
    public bool Allows(string version) =>
        (Prefix.Length == 0 || version.StartsWith(Prefix, StringComparison.Ordinal)) && (_filter is null || _filter(version));

    /// <summary>
    /// Whether a go.mod version makes go's fixer query the proxy: anything but a canonical version. A canonical version
    /// (pre-releases and pseudo-versions included) is taken as written.
    /// </summary>
    public static bool IsQuery(string version) => ModulePath.CanonicalVersion(version) != version;

    /// <summary>gover.ModIsPrefix for a module: a valid semantic version with at most one dot and no pre-release or build (<c>v1</c>, <c>v1.2</c>).</summary>
    public static bool IsSemverPrefix(string version) =>
        Semver.IsValid(version) && version.Count(c => c == '.') < 2 && version.IndexOfAny(['-', '+']) < 0;

    /// <summary>newQueryMatcher with no current version; null with go's error text for a query go refuses before any request.</summary>
    public static VersionQuery? Parse(string modulePath, string query, out string? error)
    {
        error = null;
        var (_, pathMajor, _) = ModulePath.SplitPathVersion(modulePath);
        bool MatchesMajor(string v) => ModulePath.CheckPathMajor(v, pathMajor) is null;

        if (query is "latest" or "upgrade")
        {
            return new VersionQuery(query, false, "", null, false, true, false);
        }

        if (query == "patch")
        {
            error = $"can't query version \"patch\" of module {modulePath}: no existing version is required";
            return null;
        }

        foreach (var op in (ReadOnlySpan<string>)["<=", "<", ">=", ">"])
        {
            if (!query.StartsWith(op, StringComparison.Ordinal))
            {
                continue;
            }

            var bound = query[op.Length..];
            if (!Semver.IsValid(bound))
            {
                error = $"invalid semantic version {GoQuote.Quote(bound)} in range {GoQuote.Quote(query)}";
                return null;
            }

            // "<=v1.2" and ">v1.2" cannot say whether v1.2.3 is in (v1.2 might mean v1.2.3); "<v1.2" and ">=v1.2" can.
            if (op is "<=" or ">" && IsSemverPrefix(bound))
            {
                error = $"ambiguous semantic version {GoQuote.Quote(bound)} in range {GoQuote.Quote(query)}";
                return null;
            }

            Func<string, bool> filter = op switch
            {
                "<=" => v => Semver.Compare(v, bound) <= 0,
                "<" => v => Semver.Compare(v, bound) < 0,
                ">=" => v => Semver.Compare(v, bound) >= 0,
                _ => v => Semver.Compare(v, bound) > 0,
            };
            return new VersionQuery(query, false, "", filter, op[0] == '>', false, !MatchesMajor(bound));
        }

        if (Semver.IsValid(query))
        {
            return IsSemverPrefix(query)
                ? new VersionQuery(query, false, query + ".", v => Semver.Compare(v, query) >= 0, false, false, !MatchesMajor(query))
                : new VersionQuery(query, true, Semver.Canonical(query), v => Semver.Compare(v, query) == 0, false, false, !MatchesMajor(query));
        }

        return new VersionQuery(query, true, "", null, false, false, false);
    }
}
