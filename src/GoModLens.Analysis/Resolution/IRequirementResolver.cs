using GoModLens.ModFile.Semantics;

namespace GoModLens.Analysis.Resolution;

/// <summary>
/// Resolves the requirements of a go.mod the way the go command would (goproxy-spec §1.5, §2, §4.4–4.6): module cache
/// first, then the GOPROXY walk for <c>.info</c>/<c>.mod</c>, then <c>@latest</c>, retractions and deprecation.
/// Nothing here runs VCS: when go would go <c>direct</c>, the report says so and carries a meta-discovery probe.
/// </summary>
public interface IRequirementResolver
{
    /// <summary>
    /// One report per <c>require</c> (in completion order, not file order) as soon as that module is done, so an editor
    /// can show the first answers after one round trip instead of after the slowest module.
    /// </summary>
    IAsyncEnumerable<RequirementReport> ResolveAllAsync(GoModFile file, ResolveOptions options, CancellationToken cancellationToken);

    /// <summary>Distinct URLs the last call requested (check's summary counts them).</summary>
    int LastRunRequestCount { get; }

    /// <summary>Resolves one module@version outside of any go.mod (no replace/exclude applied).</summary>
    Task<RequirementReport> ResolveAsync(string modulePath, string version, ResolveOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// go's version fixer for a go.mod version that is not canonical (<see cref="VersionQuery"/>: a branch, tag or hash,
    /// <c>latest</c>, a prefix such as <c>v1.2</c>, a range such as <c>&gt;=v1.1.0</c>), through the GOPROXY walk: the
    /// version go would write, or go's error.
    /// </summary>
    Task<VersionQueryResult> ResolveQueryAsync(string modulePath, string query, ResolveOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// What an editor's version completion needs for a module no go.mod line has resolved yet (go list -m -u -versions
    /// outside any go.mod): the tagged versions of <c>@v/list</c>, what <c>@latest</c> chooses, and the retractions and
    /// deprecation of the latest version's go.mod, through the same GOPROXY walk as <see cref="ResolveAsync"/> (a
    /// GOPRIVATE/GONOPROXY path never reaches a proxy). A path or configuration go refuses gives no versions and go's
    /// reason as <see cref="LatestReport.Error"/>, without a request. Null offline, or when nothing answered within
    /// <see cref="ResolveOptions.PerModuleBudget"/> (asking again may help).
    /// </summary>
    Task<LatestReport?> ListVersionsAsync(string modulePath, ResolveOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// Can go reach the checksum database to verify module@version's go.mod (GOSUMDB through GOPROXY, goproxy-spec §5.6),
    /// and does the verified answer say? Null offline or with GOSUMDB=off.
    /// </summary>
    Task<GoSum.ChecksumDatabaseProbe?> ProbeChecksumDatabaseAsync(string modulePath, string version, ResolveOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// A checksum-database client for one check (go's, for one command): the GOSUMDB key, the latest tree and the tiles
    /// shared by its lookups. Null offline or with GOSUMDB=off; go's error for a GOSUMDB it refuses.
    /// </summary>
    (GoSum.ChecksumDatabaseClient? Client, string? Error)? OpenChecksumDatabase(ResolveOptions options);

    /// <summary>
    /// The go.sum module hash a machine without the module would compute for <paramref name="report"/>'s version, for
    /// a path the checksum database does not cover (GONOSUMDB, GOPRIVATE): where go goes direct, of the zip it creates
    /// from the tree (git archive, fetched whole); where a proxy serves it, of the proxy's zip. Null for other paths
    /// (the checksum database vouches for their zips), with git off for a direct module, or offline.
    /// </summary>
    Task<GoSum.ModuleZipHash?> ModuleZipHashAsync(RequirementReport report, ResolveOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// The go.sum module hash the checksum database's verified record gives for a module it covers (what every proxy
    /// serves), without downloading the zip; null offline, for paths it does not cover, or when it cannot answer now.
    /// </summary>
    Task<GoSum.ModuleZipHash?> RecordedZipHashAsync(GoSum.ModuleVersionKey module, ResolveOptions options, CancellationToken cancellationToken);
}
