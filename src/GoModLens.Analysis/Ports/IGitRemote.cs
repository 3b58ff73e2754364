namespace GoModLens.Analysis.Ports;

/// <summary>
/// <c>git ls-remote</c> against a repository, the first thing go runs for a module it fetches directly (GOPROXY
/// <c>direct</c>, GOPRIVATE). Only the refs are listed: nothing is cloned and no local repository is touched.
/// </summary>
public interface IGitRemote
{
    /// <summary>Lists the refs of <paramref name="repoUrl"/>; never throws for a failing git, only for cancellation.</summary>
    Task<GitListing> ListAsync(string repoUrl, CancellationToken cancellationToken);
}

/// <summary>What <c>git ls-remote -q --end-of-options &lt;url&gt;</c> gave.</summary>
/// <param name="Refs">The refs (name → commit; for annotated tags the peeled commit); null when git failed.</param>
/// <param name="Failure">Why there are no refs.</param>
/// <param name="ExitCode">git's exit status when it ran and failed.</param>
/// <param name="Stderr">git's standard error, trimmed; go prints it under its own message.</param>
/// <param name="Elapsed">Wall time of the git process.</param>
public sealed record GitListing(IReadOnlyDictionary<string, string>? Refs, GitFailure Failure, int? ExitCode, string Stderr, TimeSpan Elapsed)
{
    public bool Succeeded => Refs is not null;
}

public enum GitFailure
{
    None,
    /// <summary>git exited with a non-zero status.</summary>
    Exit,
    /// <summary>No git executable (go: <c>exec: "git": executable file not found in $PATH</c>).</summary>
    NotInstalled,
    /// <summary>GoModLens's deadline ended the process (go itself would keep waiting).</summary>
    Timeout,
    /// <summary>The output went over GoModLens's size cap.</summary>
    Oversize,
}
