using System.Diagnostics;
using GoModLens.Analysis.Ports;
using GoModLens.Infrastructure.Processes;

namespace GoModLens.Infrastructure.Vcs;

/// <summary>One git command run in a <see cref="ScratchRepository"/>: its result, the command as go would show it, how it ended.</summary>
internal readonly record struct ScratchGitRun(ChildProcessResult? Run, string Command, GitFailure Failure)
{
    public string Stderr => Run?.Stderr.TrimEnd() ?? "";
}

/// <summary>
/// A bare repository in a fresh temp directory for one fetch and its reads, deleted on dispose: GoModLens never
/// works in go's $GOMODCACHE/cache/vcs, so it cannot change what go finds there. The remote is configuration on each
/// command line (git passes it on to the fetches it starts itself); every command shares one deadline.
/// </summary>
internal sealed class ScratchRepository : IDisposable
{
    /// <summary>Runs git in a directory (the repository's as GIT_DIR) with go's environment.</summary>
    public delegate Task<(ChildProcessResult? Run, GitFailure Failure)> GitRunner(string directory, IEnumerable<string> args, string? stdin, TimeSpan timeout);

    private readonly GitRunner _git;
    private readonly string[] _remote;
    private readonly TimeSpan _timeout;
    private readonly long _started = Stopwatch.GetTimestamp();

    private ScratchRepository(DirectoryInfo directory, GitRunner git, string repoUrl, string? filter, TimeSpan timeout)
    {
        Directory = directory;
        _git = git;
        _timeout = timeout;
        _remote = filter is null
            ? ["-c", "remote.origin.url=" + repoUrl]
            : ["-c", "remote.origin.url=" + repoUrl, "-c", "remote.origin.promisor=true", "-c", "remote.origin.partialclonefilter=" + filter];
    }

    public DirectoryInfo Directory { get; }

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    /// <summary>Creates and initialises the repository; <paramref name="filter"/> makes origin a partial-clone promisor.</summary>
    /// <exception cref="IOException">No temp directory could be made.</exception>
    public static async Task<(ScratchRepository Repository, ScratchGitRun Init)> CreateAsync(GitRunner git, string repoUrl, string? filter, TimeSpan timeout)
    {
        var repository = new ScratchRepository(System.IO.Directory.CreateTempSubdirectory("gomodlens-git-"), git, repoUrl, filter, timeout);
        return (repository, await repository.GitAsync(null, "init", "--bare", "-q"));
    }

    /// <summary>One git command, with what is left of the deadline.</summary>
    public async Task<ScratchGitRun> GitAsync(string? stdin, params string[] args)
    {
        var command = "git " + string.Join(' ', args);
        var left = _timeout - Elapsed;
        if (left <= TimeSpan.Zero)
        {
            return new ScratchGitRun(null, command, GitFailure.Timeout);
        }

        var (run, failure) = await _git(Directory.FullName, [.. _remote, .. args], stdin, left);
        return new ScratchGitRun(run, command, failure);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a leftover scratch directory in the temp folder harms nothing
        }
    }
}
