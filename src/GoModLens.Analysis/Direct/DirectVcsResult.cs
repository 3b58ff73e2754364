using GoModLens.Analysis.Ports;

namespace GoModLens.Analysis.Direct;

/// <summary>How far GoModLens followed go's <c>direct</c> path for a module version.</summary>
public enum DirectOutcome
{
    /// <summary>Not looked at: network off, probing disabled, or a VCS other than git.</summary>
    NotRun,
    /// <summary>The version's tag (or, for a pseudo-version, a branch or tag tip with its commit) is in the repository.</summary>
    Found,
    /// <summary>A pseudo-version whose commit is no branch or tag tip: go fetches the repository to find it; not checked.</summary>
    CommitNotListed,
    /// <summary>The repository answered and has no such tag: go fails with <c>unknown revision</c>.</summary>
    UnknownRevision,
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

    /// <summary>v2+ tags of a v0/v1 module at the repository root: <c>+incompatible</c> candidates go decides on from the tree.</summary>
    public int IncompatibleTags { get; init; }

    /// <summary>The default branch's commit (HEAD), if listed.</summary>
    public string? Head { get; init; }
}
