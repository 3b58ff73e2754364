using GoModLens.Analysis.Findings;
using System.Collections.Concurrent;
using GoModLens.Analysis.Resolution;

namespace GoModLens.Server.Features.GoMod;

/// <summary>The latest resolution report per module@version (hover, inlay hints, completion and code actions read it; never the network).</summary>
internal sealed class ReportCache
{
    private readonly ConcurrentDictionary<(string Path, string Version), RequirementReport> _reports = new();
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _versions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _newestCached = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<RetractedRange>> _retractions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Path, string Query), VersionQueryResult> _queries = new();
    private readonly ConcurrentDictionary<(string Path, string Query), VersionQueryResult> _unanswered = new();

    /// <summary>
    /// Keeps go's fixer answer for a version query, for the local stage of later edits. An unanswered one (the budget
    /// ran out, or go would ask the repository) is kept apart, for hovers to say why, and only while no answer is known:
    /// the local stage must not take it for an answer.
    /// </summary>
    public void StoreQuery(QueriedVersion query, VersionQueryResult result)
    {
        var key = (query.ModulePath, query.Query);
        if (result.Canonical is not null || result.GoMessage is not null)
        {
            _queries[key] = result;
            _unanswered.TryRemove(key, out _);
        }
        else if (result.Unanswered is not null && !_queries.ContainsKey(key))
        {
            _unanswered[key] = result;
        }
    }

    /// <summary>What the last network stage got for a version query: its answer, else why it has none; null when never asked.</summary>
    public VersionQueryResult? QueryResult(QueriedVersion query) =>
        _queries.GetValueOrDefault((query.ModulePath, query.Query)) ?? _unanswered.GetValueOrDefault((query.ModulePath, query.Query));

    /// <summary>The answers known for <paramref name="queries"/>; those never answered are left out.</summary>
    public Dictionary<QueriedVersion, VersionQueryResult> QueryAnswers(IReadOnlyList<QueriedVersion> queries)
    {
        var answers = new Dictionary<QueriedVersion, VersionQueryResult>();
        foreach (var q in queries)
        {
            if (_queries.TryGetValue((q.ModulePath, q.Query), out var result))
            {
                answers[q] = result;
            }
        }

        return answers;
    }

    public void Store(RequirementReport report)
    {
        _reports[(report.ModulePath, report.Version)] = report;
        if (report.Latest?.Latest is { } newest)
        {
            _latest[report.ModulePath] = newest;
        }

        // The list last: completion takes a cached list as the sign that the rest is there.
        if (report.Latest is { Versions.Count: > 0 } latest)
        {
            _retractions[report.ModulePath] = latest.Retractions;
            _versions[report.ModulePath] = latest.Versions;
        }
    }

    /// <summary>
    /// Completion's own fetch of a module's versions (<see cref="IRequirementResolver.ListVersionsAsync"/>): kept like a
    /// resolution's when a GOPROXY entry (or the repository) answered the list, even an empty one, so the next request
    /// is served from here; a list nobody answered is not kept, and the next request asks again.
    /// </summary>
    public void StoreVersions(string path, LatestReport latest)
    {
        if (latest.AnsweredBy is null && latest.Versions.Count == 0)
        {
            return;
        }

        // The list last: completion takes a cached list as the sign that the rest is there.
        _retractions[path] = latest.Retractions;
        if (latest.Latest is { } newest)
        {
            _latest[path] = newest;
        }

        _versions[path] = latest.Versions;
    }

    /// <summary>The retract intervals of the module's latest go.mod, read with its last <c>@v/list</c>; empty when none or unknown.</summary>
    public IReadOnlyList<RetractedRange> Retractions(string path) => _retractions.GetValueOrDefault(path) ?? [];

    public RequirementReport? Get(string path, string version) => _reports.GetValueOrDefault((path, version));

    /// <summary>Tagged versions from the last <c>@v/list</c> seen for the module, or null.</summary>
    public IReadOnlyList<string>? Versions(string path) => _versions.GetValueOrDefault(path);

    /// <summary>What go's <c>@latest</c> query last resolved to for the module (retractions and the +incompatible rule applied), or null.</summary>
    public string? Latest(string path) => _latest.GetValueOrDefault(path);

    /// <summary>Offline runs: the newest tagged version in the module cache (no <c>@v/list</c> can be fetched).</summary>
    public void StoreNewestCached(string path, string? version)
    {
        if (version is null)
        {
            _newestCached.TryRemove(path, out _);
        }
        else
        {
            _newestCached[path] = version;
        }
    }

    public string? NewestCached(string path) => _newestCached.GetValueOrDefault(path);

    public void Clear()
    {
        _reports.Clear();
        _versions.Clear();
        _latest.Clear();
        _newestCached.Clear();
        _retractions.Clear();
        _queries.Clear();
        _unanswered.Clear();
    }
}
