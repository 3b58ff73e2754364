using GoModLens.Analysis.Ports;
using GoModLens.Analysis.ProxyConfig;
using GoModLens.ModFile.Semantics;

namespace GoModLens.Analysis.Resolution;

/// <summary>Everything GoModLens learned about one requirement.</summary>
/// <param name="ModulePath">The path as required.</param>
/// <param name="Version">The version as required (canonical form from the parser).</param>
/// <param name="Require">The require statement (for its syntax tokens/spans); null for <see cref="IRequirementResolver.ResolveAsync"/>.</param>
/// <param name="Status">Headline outcome.</param>
/// <param name="Target">What is actually fetched: the replacement module@version when a replace applies, else the requirement.</param>
/// <param name="Replace">The replace directive that applied, if any.</param>
/// <param name="Route">How go routes the fetched path (steps per GOPROXY entry).</param>
/// <param name="Info">The <c>.info</c> answer when the version resolved.</param>
/// <param name="Latest">go list -m -u's view: latest version, retraction, deprecation; null when not computed.</param>
/// <param name="Failure">Why resolution failed, with go's exact message and the per-entry trace.</param>
/// <param name="Direct">What go would do via <c>direct</c> and what our meta-discovery probe saw; null when direct is not involved.</param>
/// <param name="MirrorSuggestion">A mirror that serves this module@version when the configured proxy failed; null otherwise.</param>
/// <param name="Elapsed">Wall time GoModLens spent on this requirement.</param>
/// <param name="Notes">GoModLens's own remarks (deadlines, stale cache, breaker) that go would not print.</param>
public sealed record RequirementReport(
    string ModulePath,
    string Version,
    RequireStmt? Require,
    RequirementStatus Status,
    ModuleTarget Target,
    ReplaceStmt? Replace,
    ModuleRoute? Route,
    VersionInfo? Info,
    LatestReport? Latest,
    ResolutionFailure? Failure,
    DirectReport? Direct,
    MirrorSuggestion? MirrorSuggestion,
    TimeSpan Elapsed,
    IReadOnlyList<string> Notes)
{
    /// <summary>
    /// Set when <see cref="Replace"/> is written in another file: the go.work, or another workspace module's go.mod
    /// (workspace mode puts those in force for every workspace module).
    /// </summary>
    public Workspace.WorkspaceReplacement? ReplacedElsewhere { get; init; }

    /// <summary>
    /// Requirements in this version's go.mod (its replacement's, when replaced) above what the main go.mod lists for
    /// the same path (<see cref="ModuleGraphEdges"/>); empty when none, or when the go.mod was not read.
    /// </summary>
    public IReadOnlyList<ModPathVersion> RequiresAbove { get; init; } = [];

    /// <summary>
    /// Every requirement in this version's go.mod (its replacement's, when replaced): its edges in go's module graph
    /// (<c>go mod graph</c>). Empty when none, or when the go.mod was not read.
    /// </summary>
    public IReadOnlyList<ModPathVersion> Requires { get; init; } = [];

    /// <summary>
    /// The go.mod files go loads below this require because graph pruning does not apply (<see cref="UnprunedGraph"/>):
    /// the edges above the listed versions (like <see cref="RequiresAbove"/>) and how each module was reached.
    /// </summary>
    public UnprunedGraphResult Unpruned { get; init; } = UnprunedGraphResult.Empty;

    /// <summary>
    /// The go.mod of the fetched version as go downloads it (proxy <c>.mod</c>, module cache, or the repository's tree
    /// where go goes direct), for go.sum's "/go.mod" check; null when not read (failures, local replacements).
    /// </summary>
    public byte[]? GoMod { get; init; }

    public bool IsRetracted => Latest?.Retracted is { Count: > 0 } || Latest?.RetractedWithoutRationale == true;

    public bool IsDeprecated => !string.IsNullOrEmpty(Latest?.Deprecated);
}

/// <summary>The module@version that is fetched.</summary>
public sealed record ModuleTarget(string Path, string Version);

/// <summary>A successful <c>.info</c> stat.</summary>
/// <param name="Version">The canonical version the proxy returned.</param>
/// <param name="Time">The commit/tag time from <c>.info</c>, if present.</param>
/// <param name="AnsweredBy">The GOPROXY entry that answered (redacted), or "module cache".</param>
/// <param name="FromModuleCache">Served from $GOMODCACHE/cache/download (offline answer).</param>
/// <param name="Elapsed">Time of the answering request (zero for cache hits).</param>
/// <param name="StaleAge">Set when a failed live fetch was answered from GoModLens's cache: the age of that body.</param>
/// <param name="GoModHasModuleLine">Whether the <c>.mod</c> had the expected module line (go checks the path).</param>
public sealed record VersionInfo(
    string Version,
    DateTimeOffset? Time,
    string AnsweredBy,
    bool FromModuleCache,
    TimeSpan Elapsed,
    TimeSpan? StaleAge,
    bool GoModHasModuleLine);

/// <summary>The <c>go list -m -u</c> fields for one module.</summary>
/// <param name="Latest">What <c>@latest</c> resolves to (exclusions and retractions applied, §4.5); null if none.</param>
/// <param name="LatestPreRelease">Highest allowed pre-release above <see cref="Latest"/>, for "also available" display; null if none.</param>
/// <param name="Update">The version <c>-u</c> reports as Update (only when newer than the required version).</param>
/// <param name="Retracted">Rationales of every retract interval covering the required version (empty strings kept out).</param>
/// <param name="RetractedWithoutRationale">Retracted by an interval without a comment (go prints "retracted by module author").</param>
/// <param name="Deprecated">The Deprecated: paragraph of the latest go.mod, or null.</param>
/// <param name="Versions">The tagged versions from <c>@v/list</c>, sorted (pseudo-versions dropped).</param>
/// <param name="Error">go's advisory error when @latest/retractions/deprecation could not be loaded (e.g. <c>loading module retractions for …</c>).</param>
/// <param name="AnsweredBy">The entry that served <c>@v/list</c>.</param>
public sealed record LatestReport(
    string? Latest,
    string? LatestPreRelease,
    string? Update,
    IReadOnlyList<string> Retracted,
    bool RetractedWithoutRationale,
    string? Deprecated,
    IReadOnlyList<string> Versions,
    string? Error,
    string? AnsweredBy)
{
    /// <summary>
    /// Every retract interval of the go.mod go reads retractions from (the latest version ignoring retractions), in
    /// file order: what marks a listed version retracted (go list -m -retracted -versions). Empty when that go.mod
    /// has none or could not be read.
    /// </summary>
    public IReadOnlyList<RetractedRange> Retractions { get; init; } = [];
}

/// <summary>One <c>retract</c> interval [Low, High] of a module's latest go.mod and its rationale (the comment; empty for none).</summary>
public sealed record RetractedRange(string Low, string High, string Rationale)
{
    public static RetractedRange From(RetractStmt retract) => new(retract.Low, retract.High, retract.Rationale);

    public bool Covers(string version) =>
        ModFile.Versions.Semver.Compare(Low, version) <= 0 && ModFile.Versions.Semver.Compare(version, High) <= 0;

    /// <summary>
    /// Whether an interval of <paramref name="retractions"/> covers <paramref name="version"/> (go list -m -retracted),
    /// with the rationale of each that does, empty ones left out (go then says "retracted by module author" alone).
    /// </summary>
    public static bool IsRetracted(IReadOnlyList<RetractedRange> retractions, string version, out List<string> rationales)
    {
        rationales = [];
        var hit = false;
        foreach (var r in retractions)
        {
            if (r.Covers(version))
            {
                hit = true;
                if (r.Rationale.Length > 0)
                {
                    rationales.Add(r.Rationale);
                }
            }
        }

        return hit;
    }
}

/// <summary>Why a requirement could not be resolved.</summary>
/// <param name="Kind">The transport classification of the reported error (<see cref="FailureKind.None"/> for non-network errors).</param>
/// <param name="GoMessage">Exactly what go prints after <c>go: </c>, e.g. <c>example.com/m@v1.0.0: reading https://…/v1.0.0.info: 404 Not Found</c>.</param>
/// <param name="Trace">Every GOPROXY entry tried, in order, with its own error (go reports only the ranked one).</param>
/// <param name="OwnDeadline">True when GoModLens's per-module deadline (not go) ended the attempt.</param>
public sealed record ResolutionFailure(
    FailureKind Kind,
    string GoMessage,
    IReadOnlyList<TraceLine> Trace,
    bool OwnDeadline);

/// <summary>One entry of the walk, for display.</summary>
/// <param name="Entry">The GOPROXY entry as go prints it (redacted URL or keyword).</param>
/// <param name="Operation">What was asked (<c>info</c>, <c>mod</c>, <c>list</c>, <c>latest</c>).</param>
/// <param name="Outcome">"ok", or the entry's error text.</param>
/// <param name="Kind">Transport classification for this entry.</param>
/// <param name="Elapsed">Time of the request (zero for refused/keyword entries).</param>
/// <param name="Reported">This is the error go reports (TryProxies ranking).</param>
/// <param name="StoppedWalk">go stops at this entry.</param>
public sealed record TraceLine(string Entry, string Operation, string Outcome, FailureKind Kind, TimeSpan Elapsed, bool Reported, bool StoppedWalk);

/// <summary>What go would do with <c>direct</c> for a module, and what GoModLens could observe without VCS.</summary>
/// <param name="Reason">Why direct is involved (private path, or every proxy said not found).</param>
/// <param name="MetaUrl">The meta-discovery URL go requests: <c>https://&lt;path&gt;?go-get=1</c>.</param>
/// <param name="MetaOutcome">What the probe saw: the go-import meta tag (<c>prefix vcs repo</c>), or go's <c>unrecognized import path</c> error.</param>
/// <param name="Reachable">The host answered (any HTTP response); false for DNS/connect/TLS failures; null when not probed.</param>
/// <param name="GoImport">The parsed go-import meta, if found.</param>
public sealed record DirectReport(string Reason, string MetaUrl, string? MetaOutcome, bool? Reachable, GoImportMeta? GoImport)
{
    /// <summary>What go's direct path gave as far as GoModLens follows it (repository, GOVCS, git ls-remote); null when not probed.</summary>
    public Direct.DirectVcsResult? Vcs { get; init; }
}

/// <summary>A <c>&lt;meta name="go-import" content="prefix vcs repo"&gt;</c> tag.</summary>
public sealed record GoImportMeta(string Prefix, string Vcs, string RepoRoot);

/// <summary>A mirror that answered this module@version when the configured proxy did not.</summary>
/// <param name="Mirror">Base URL.</param>
/// <param name="Elapsed">Probe time.</param>
/// <param name="GoProxyValue">The GOPROXY value to set, <c>&lt;mirror&gt;,direct</c>.</param>
public sealed record MirrorSuggestion(Uri Mirror, TimeSpan Elapsed, string GoProxyValue)
{
    /// <summary>The command a user would run.</summary>
    public string GoEnvCommand => Findings.GoEnvCommand.For("GOPROXY", GoProxyValue);
}

/// <summary>Outcome of go's version fixer query for a go.mod version that is not canonical (<see cref="VersionQuery"/>).</summary>
/// <param name="Canonical">The version go would write, or null.</param>
/// <param name="GoMessage">
/// On failure, go's message as its parse error shows it after <c>go.mod:N: </c> (e.g. <c>no matching versions for query "v1.3"</c>,
/// <c>require example.com/m: version "master" invalid: …</c>); null when the query was not made (offline) or got no answer.
/// </param>
/// <param name="Unanswered">Why there is no answer, in GoModLens's words, when go would still have one: the budget ran
/// out (go has no overall timeout and keeps waiting), or the walk reached direct (go runs VCS; GoModLens does not).</param>
public sealed record VersionQueryResult(string ModulePath, string Query, string? Canonical, string? GoMessage, string? Unanswered = null);
