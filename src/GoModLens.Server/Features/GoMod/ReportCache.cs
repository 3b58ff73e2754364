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
    private readonly ConcurrentDictionary<(string Path, string Query), VersionQueryResult> _queries = new();

    /// <summary>Keeps go's fixer answer for a version query (not an unanswered one), for the local stage of later edits.</summary>
    public void StoreQuery(QueriedVersion query, VersionQueryResult result)
    {
        if (result.Canonical is not null || result.GoMessage is not null)
        {
            _queries[(query.ModulePath, query.Query)] = result;
        }
    }

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
        if (report.Latest is { Versions.Count: > 0 } latest)
        {
            _versions[report.ModulePath] = latest.Versions;
        }

        if (report.Latest?.Latest is { } newest)
        {
            _latest[report.ModulePath] = newest;
        }
    }

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
        _queries.Clear();
    }
}
