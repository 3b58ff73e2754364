namespace GoModLens.Analysis.Ports;

/// <summary>
/// <c>git ls-remote</c> against a repository, the first thing go runs for a module it fetches directly (GOPROXY
/// <c>direct</c>, GOPRIVATE). Only the refs are listed: nothing is cloned and no local repository is touched.
/// </summary>
public interface IGitRemote
{
    /// <summary>Lists the refs of <paramref name="repoUrl"/>; never throws for a failing git, only for cancellation.</summary>
    Task<GitListing> ListAsync(string repoUrl, CancellationToken cancellationToken);

    /// <summary>
    /// Fetches revisions as go does before it reads a module version's files (modfetch/codehost, git.go): tags
    /// shallowly (<c>git fetch --depth=1 origin refs/tags/v1.2.3</c>; several in one fetch); a commit no ref names,
    /// with the history of every branch and tag. Then reads the files and ancestry asked for. Where the server allows
    /// partial clone only commits, trees and those files are transferred; nothing is kept afterwards. Results are
    /// reused (a commit's for good, a tag's like a listing). One result per request, in order; never throws for a
    /// failing git, only for cancellation.
    /// </summary>
    Task<IReadOnlyList<GitRevision>> ReadRevisionsAsync(string repoUrl, IReadOnlyList<GitRevisionRequest> requests, CancellationToken cancellationToken);

    /// <summary>
    /// go's <c>git archive</c> of a revision (codehost/git.go ReadZip): the revision fetched with depth 1 and every
    /// file, export-subst and export-ignore off, <c>git -c core.autocrlf=input -c core.eol=lf archive --format=zip
    /// --prefix=prefix/</c> of the commit (limited to <see cref="GitArchiveRequest.Subdir"/>), handed to
    /// <paramref name="read"/> while the archive exists; nothing is kept afterwards. Never throws for a failing git,
    /// only for cancellation.
    /// </summary>
    Task<GitArchive<T>> ReadArchiveAsync<T>(string repoUrl, GitArchiveRequest request, Func<GitArchiveContent, T> read, CancellationToken cancellationToken)
        where T : class;
}

/// <summary>Which tree to archive.</summary>
/// <param name="Revision">What to fetch: the version's ref (<c>refs/tags/v1.2.3</c>) or its full commit hash.</param>
/// <param name="Commit">The commit <paramref name="Revision"/> named when it was read: what is archived for a hash (a ref is archived as fetched).</param>
/// <param name="Subdir">The module's directory in the repository ("" for the root).</param>
/// <param name="Files">Files read from the commit as stored (go reads the root LICENSE this way for a module in a subdirectory).</param>
public sealed record GitArchiveRequest(string Revision, string Commit, string Subdir, IReadOnlyList<string> Files);

/// <summary>An archive's entries (names as stored, <c>prefix/…</c>; directories end in "/") and the extra files (null where absent).</summary>
public sealed record GitArchiveContent(IReadOnlyList<ModFile.Module.ModuleZipEntry> Entries, IReadOnlyDictionary<string, byte[]?> Files);

/// <summary>What reading an archive gave: <paramref name="Value"/> from the reader, or why there is none.</summary>
/// <param name="Value">The reader's result; null when git failed.</param>
/// <param name="Missing">The commit is not there (the ref moved since it was listed, or the subdirectory is not in the tree).</param>
/// <param name="TooLarge">The archive is larger than go's 500 MiB limit (go: <c>downloaded zip file too large</c>).</param>
public sealed record GitArchive<T>(T? Value, bool Missing, bool TooLarge, GitFailure Failure, string? Command, int? ExitCode, string Stderr, TimeSpan Elapsed)
    where T : class;

/// <summary>What to fetch and read from one revision.</summary>
/// <param name="Revision">A ref (<c>refs/tags/v1.2.3</c>) or a commit hash or hash prefix.</param>
/// <param name="Files">Paths in the tree to read (<c>go.mod</c>, <c>sub/v2/go.mod</c>).</param>
/// <param name="MergedTagPrefix">
/// When set, the tags under <c>refs/tags/</c> + this prefix that the revision descends from (go's RecentTag and
/// DescendsFrom: <c>git for-each-ref --merged</c>); this needs the history.
/// </param>
public sealed record GitRevisionRequest(string Revision, IReadOnlyList<string> Files, string? MergedTagPrefix)
{
    /// <summary>A key for reusing results: the same request gives the same answer while the refs do not move.</summary>
    public string Key => Revision + "\u0000" + string.Join('\u0001', Files) + "\u0000" + MergedTagPrefix;
}

/// <summary>What one revision holds.</summary>
/// <param name="Commit">The commit the revision names; null when the revision was not found or git failed.</param>
/// <param name="Time">The commit's committer time (go's RevInfo.Time).</param>
/// <param name="Files">Each requested file's content, or null where the tree has no such file.</param>
/// <param name="MergedTags">With <see cref="GitRevisionRequest.MergedTagPrefix"/>: the tags (<c>refs/tags/…</c>) the commit descends from.</param>
/// <param name="Missing">The repository answered and has no such revision (go: <c>unknown revision</c>).</param>
/// <param name="Failure">Why there is no commit when git itself failed.</param>
/// <param name="Command">The git command that failed, as go would show it (without the directory).</param>
/// <param name="ExitCode">git's exit status when it failed.</param>
/// <param name="Stderr">git's standard error when it failed, trimmed.</param>
/// <param name="Elapsed">Wall time of all git processes together.</param>
public sealed record GitRevision(
    string? Commit,
    DateTimeOffset? Time,
    IReadOnlyDictionary<string, byte[]?> Files,
    IReadOnlyList<string> MergedTags,
    bool Missing,
    GitFailure Failure,
    string? Command,
    int? ExitCode,
    string Stderr,
    TimeSpan Elapsed)
{
    public bool Succeeded => Commit is not null;

    /// <summary>
    /// Every file of the commit's tree (<c>git ls-tree -r</c>: names and kinds, no contents), when the fetch brought the
    /// trees (a tag or full hash, fetched with depth 1); null otherwise. What go would zip, before its rules.
    /// </summary>
    public IReadOnlyList<GitTreeEntry>? Tree { get; init; }

    /// <summary>No commit: git failed (<paramref name="failure"/>), or with <paramref name="missing"/> the revision is not there.</summary>
    public static GitRevision Failed(GitFailure failure, string? command, int? exitCode, string stderr, TimeSpan elapsed, bool missing = false) =>
        new(null, null, new Dictionary<string, byte[]?>(), [], missing, failure, command, exitCode, stderr, elapsed);
}

/// <summary>A file in a commit's tree, relative to the repository root: its slash path and kind (symlink, regular, other).</summary>
public sealed record GitTreeEntry(string Path, ModFile.Module.ModuleZipEntryKind Kind);

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
