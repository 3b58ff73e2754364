using GoModLens.ModFile.Module;
using GoModLens.ModFile.Text;

namespace GoModLens.Analysis.Direct;

/// <summary>
/// GOVCS: which version control tools go may run for which module paths (cmd/go/internal/vcs, checkGOVCS). The
/// rules of the variable come first, then go's defaults <c>private:all,public:git|hg</c>; the first rule whose pattern
/// matches the repository root decides. "private" means matched by GOPRIVATE (not GONOPROXY).
/// </summary>
public sealed class GoVcsPolicy
{
    private static readonly (string Pattern, string[] Allowed)[] s_defaults = [("private", ["all"]), ("public", ["git", "hg"])];
    private readonly IReadOnlyList<(string Pattern, string[] Allowed)> _rules;
    private readonly string _goPrivate;

    private GoVcsPolicy(IReadOnlyList<(string, string[])> rules, string goPrivate)
    {
        _rules = rules;
        _goPrivate = goPrivate;
    }

    /// <summary>Parses GOVCS as go does; <paramref name="error"/> is go's message for a malformed value (go stops on it).</summary>
    public static GoVcsPolicy Parse(string govcs, string goPrivate, out string? error)
    {
        error = null;
        var rules = new List<(string, string[])>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var value = govcs.Trim();
        foreach (var raw in value.Length == 0 ? [] : value.Split(','))
        {
            var item = raw.Trim();
            var colon = item.IndexOf(':', StringComparison.Ordinal);
            var pattern = colon < 0 ? "" : item[..colon].Trim();
            var list = colon < 0 ? "" : item[(colon + 1)..].Trim();
            var allowed = list.Split('|').Select(a => a.Trim()).ToArray();
            error = item.Length == 0 ? "empty entry in GOVCS"
                : colon < 0 ? $"malformed entry in GOVCS (missing colon): {GoQuote.Quote(item)}"
                : pattern.Length == 0 ? $"empty pattern in GOVCS: {GoQuote.Quote(item)}"
                : list.Length == 0 ? $"empty VCS list in GOVCS: {GoQuote.Quote(item)}"
                : pattern.StartsWith("./", StringComparison.Ordinal) || pattern.StartsWith("../", StringComparison.Ordinal) || pattern is "." or ".."
                    ? $"relative pattern not allowed in GOVCS: {GoQuote.Quote(pattern)}"
                : seen.TryGetValue(pattern, out var earlier) ? $"unreachable pattern in GOVCS: {GoQuote.Quote(item)} after {GoQuote.Quote(earlier)}"
                : allowed.Any(a => a.Length == 0) ? $"empty VCS name in GOVCS: {GoQuote.Quote(item)}"
                : null;
            if (error is not null)
            {
                return new GoVcsPolicy(s_defaults, goPrivate);
            }

            seen[pattern] = item;
            rules.Add((pattern, allowed));
        }

        rules.AddRange(s_defaults);
        return new GoVcsPolicy(rules, goPrivate);
    }

    /// <summary>Null when go may run <paramref name="vcs"/> for the repository at <paramref name="root"/>, else go's refusal.</summary>
    public string? Check(string root, string vcs)
    {
        var isPrivate = ModulePath.MatchPrefixPatterns(_goPrivate, root);
        foreach (var (pattern, allowed) in _rules)
        {
            var matches = pattern switch
            {
                "private" => isPrivate,
                "public" => !isPrivate,
                _ => ModulePath.MatchPrefixPatterns(pattern, root),
            };
            if (!matches)
            {
                continue;
            }

            return allowed.Any(a => a == vcs || a == "all")
                ? null
                : $"GOVCS disallows using {vcs} for {(isPrivate ? "private" : "public")} {root}; see 'go help vcs'";
        }

        return null; // unreachable: the defaults match every path
    }
}
