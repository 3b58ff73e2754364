using GoModLens.Analysis.Ports;

namespace GoModLens.Analysis.Direct;

/// <summary>How far GoModLens followed go's <c>direct</c> path for a module version.</summary>
public enum DirectOutcome
{
    /// <summary>Not looked at: network off, probing disabled, or a VCS other than git.</summary>
    NotRun,
    /// <summary>The version's tag (or, for a pseudo-version, a branch or tag tip with its commit) is in the repository.</summary>
    Found,
    /// <summary>The repository answered and has no such tag or commit: go fails with <c>unknown revision</c>.</summary>
    UnknownRevision,
    /// <summary>The revision exists but go rejects the version: go.mod location or path, major version, pseudo-version fields.</summary>
    InvalidVersion,
    /// <summary>No repository for the path: the <c>?go-get=1</c> page failed or had no go-import tag (<c>unrecognized import path</c>).</summary>
    NoRepository,
    /// <summary>GOVCS does not allow the repository's VCS for this path.</summary>
    Disallowed,
    /// <summary><c>git ls-remote</c> failed: authentication, repository not found, network, no git.</summary>
    Failed,
}

/// <summary>What go's <c>direct</c> path gave for one module version.</summary>
/// <param name="Repo">The repository go would use, once known.</param>
/// <param name="Ref">The ref the version was found at (<c>refs/tags/v1.2.3</c>).</param>
/// <param name="Commit">The commit of <paramref name="Ref"/>.</param>
/// <param name="GoError">The error go prints (without <c>go: </c>); null when go would go on.</param>
/// <param name="Kind">Classification of the failure (from git's and curl's messages for <see cref="DirectOutcome.Failed"/>).</param>
/// <param name="Elapsed">Time of the meta lookup and git together.</param>
/// <param name="Note">GoModLens's own explanation where go says nothing (why not run, what is not checked).</param>
public sealed record DirectVcsResult(DirectOutcome Outcome, RepoRoot? Repo, string? Ref, string? Commit, string? GoError, FailureKind Kind, TimeSpan Elapsed, string? Note)
{
    /// <summary>The tagged versions of the module in the repository, sorted (empty unless the refs were listed).</summary>
    public IReadOnlyList<string> Versions { get; init; } = [];

    /// <summary>
    /// v2+ tags of a v0/v1 module at the repository root whose <c>+incompatible</c> versions could not be decided
    /// (git could not read the trees go looks at); zero when decided, the outcome then in <see cref="Versions"/>.
    /// </summary>
    public int UndecidedIncompatibleTags { get; init; }

    /// <summary>For a pseudo-version go rejects for its own fields (time, commit name, base tag), one go accepts for that commit.</summary>
    public string? Corrected { get; init; }

    /// <summary>The module's directory in the repository at the version ("" for the root), once found: what go zips.</summary>
    public string? Dir { get; init; }

    /// <summary>
    /// go's error when it cannot create the module zip from the tree at the version (<c>path@version: create zip: …</c>:
    /// colliding, invalid or unclean file names), from the tree's listing; null when it can or when not listed.
    /// </summary>
    public string? ZipError { get; init; }

    /// <summary>The commit time of the version (go's <c>Time</c>), once fetched.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>The version's go.mod as go reads it from the tree (go's synthesized one when there is none); null if not fetched.</summary>
    public byte[]? GoMod { get; init; }

    /// <summary>The latest version ignoring retractions and exclusions, whose go.mod go reads for them.</summary>
    public string? RawLatest { get; init; }

    /// <summary>The retract lines of <see cref="RawLatest"/>'s go.mod.</summary>
    public IReadOnlyList<ModFile.Semantics.RetractStmt> Retractions { get; init; } = [];

    /// <summary>The Deprecated: paragraph of <see cref="RawLatest"/>'s go.mod, or null.</summary>
    public string? Deprecated { get; init; }

    /// <summary>go's error when <see cref="RawLatest"/>'s go.mod could not be read (<c>loading module retractions for …</c>).</summary>
    public string? LatestError { get; init; }

    /// <summary>What <c>go list -m path@latest</c> gives with exclusions and retractions: a tag, else the default branch's head.</summary>
    public string? Latest { get; init; }

    /// <summary>go list -m -u's Update: the "upgrade" query's version when it is above the required one.</summary>
    public string? Upgrade { get; init; }

    /// <summary>go's error from the "upgrade" query (the picked version's tree rejected, git failed).</summary>
    public string? UpgradeError { get; init; }

    /// <summary>
    /// Where the version is, for messages: <c>refs/tags/v1.2.3 is commit 0123456789ab of https://…</c>, or for a commit
    /// no ref names <c>commit 0123456789ab of https://…</c>; null unless found.
    /// </summary>
    public string? Location => Commit is null || Repo is null ? null
        : (Ref is null ? "" : Ref + " is ") + "commit " + Commit[..Math.Min(12, Commit.Length)] + " of " + Repo.RedactedUrl;

    /// <summary>The default branch's commit (HEAD), if listed.</summary>
    public string? Head { get; init; }
}
