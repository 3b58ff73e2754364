using GoModLens.Analysis.Ports;
using GoModLens.Analysis.Resolution;

namespace GoModLens.Analysis.Reports;

/// <summary>
/// One failure many requirements share: the same GOPROXY entry failing the same way for each (a proxy whose name does
/// not resolve, a mirror that times out, a 403 for every module), said once instead of once per require.
/// </summary>
/// <param name="Entry">The GOPROXY entry whose error go reports (redacted).</param>
/// <param name="Kind">How it failed.</param>
/// <param name="Error">The error without its module's URL (<c>dial tcp: lookup proxy.golang.org on …: no such host</c>).</param>
/// <param name="Modules">The requirements that failed so, in file order.</param>
/// <param name="Notes">The notes every one of them has (why no mirror can be suggested, say).</param>
/// <param name="Mirror">The mirror suggested to most of them, if any was.</param>
/// <param name="MirrorServes">How many of them <paramref name="Mirror"/> serves.</param>
public sealed record SharedFailure(string Entry, FailureKind Kind, string Error, IReadOnlyList<string> Modules, IReadOnlyList<string> Notes,
    MirrorSuggestion? Mirror, int MirrorServes)
{
    /// <summary>The kind as the status bar names it (DNS, TLS, timeout, 503).</summary>
    public string KindLabel => DisplayText.FailureLabel(Kind);
}

/// <summary>Groups the failed requirements of a check by what failed them.</summary>
public static class SharedFailures
{
    /// <summary>
    /// The failures at least two requirements share, largest first. A version a proxy does not have (404, 410) or
    /// answers badly for is the module's own matter, not a shared cause, and is left out; so are lookups the
    /// configuration turns off (GOPROXY=off, an invalid GOPROXY), which their own findings explain.
    /// </summary>
    public static IReadOnlyList<SharedFailure> Find(IEnumerable<RequirementReport> reports) =>
    [
        .. reports
            .Select(r => (Report: r, Line: r.Failure?.Trace.LastOrDefault(t => t.Reported)))
            .Where(x => x.Line is { Kind: not (FailureKind.None or FailureKind.NotFound or FailureKind.Gone or FailureKind.InvalidResponse or FailureKind.Oversize
                or FailureKind.Disabled or FailureKind.ConfigurationError) })
            .GroupBy(x => (x.Line!.Entry, x.Line.Kind, Error: WithoutUrl(x.Line.Outcome)))
            .Where(g => g.Count() >= 2)
            .OrderByDescending(g => g.Count())
            .Select(g =>
            {
                var members = g.Select(x => x.Report).ToList();
                var notes = members.Skip(1).Aggregate((IEnumerable<string>)members[0].Notes, (common, r) => common.Intersect(r.Notes, StringComparer.Ordinal));
                var mirror = members.Select(r => r.MirrorSuggestion).OfType<MirrorSuggestion>().GroupBy(m => m.GoProxyValue, StringComparer.Ordinal)
                    .OrderByDescending(m => m.Count()).FirstOrDefault();
                return new SharedFailure(g.Key.Entry, g.Key.Kind, g.Key.Error, [.. members.Select(r => $"{r.ModulePath}@{r.Version}")], [.. notes],
                    mirror?.MinBy(m => m.Elapsed), mirror?.Count() ?? 0);
            }),
    ];

    /// <summary>
    /// The first line of an entry's error without the request go names first: <c>Get "https://…": dial tcp: …</c> and
    /// <c>reading https://…: 403 Forbidden</c> become <c>dial tcp: …</c> and <c>403 Forbidden</c>.
    /// </summary>
    internal static string WithoutUrl(string outcome)
    {
        var line = outcome.Split('\n')[0];
        if (line.StartsWith("Get \"", StringComparison.Ordinal) && line.IndexOf("\": ", 5, StringComparison.Ordinal) is var end and > 0)
        {
            return line[(end + 3)..];
        }

        if (line.StartsWith("reading ", StringComparison.Ordinal) && line.IndexOf(": ", 8, StringComparison.Ordinal) is var colon and > 0)
        {
            return line[(colon + 2)..];
        }

        return line;
    }
}
