using System.Collections.Concurrent;
using System.Diagnostics;
using GoModLens.Analysis.Direct;
using GoModLens.Analysis.Ports;
using GoModLens.Infrastructure.Processes;

namespace GoModLens.Infrastructure.Vcs;

/// <summary>How <see cref="GitCommandRemote"/> runs git.</summary>
public sealed record GitCommandOptions
{
    /// <summary>The git executable (looked up on PATH when bare).</summary>
    public string Git { get; init; } = "git";

    /// <summary>How long one <c>git ls-remote</c> may run; go has no limit.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long a listing is reused (failures: a fifth of it): an editor re-check within it runs no git. Five minutes,
    /// as for a proxy's <c>@v/list</c>, which a listing stands in for.
    /// </summary>
    public TimeSpan CacheFor { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>git processes at once.</summary>
    public int MaxConcurrent { get; init; } = 4;

    /// <summary>Standard output read at most; more is a failure (a listing of this size is not a module repository's).</summary>
    public int MaxOutputBytes { get; init; } = 32 << 20;

    /// <summary>Variables set (or, with a null value, removed) on top of this process's environment; tests set http_proxy.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
}

/// <summary>
/// <see cref="IGitRemote"/> over the git command, with the environment go gives git (modload's init): no terminal
/// prompt, no credential-manager dialog, ssh in batch mode. An editor's background check must never wait for a
/// password, so askpass programs are off too (go would run them). Listings are shared while in flight and reused
/// for <see cref="GitCommandOptions.CacheFor"/> ("Check now" replaces the engine, and with it this cache).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The semaphore's wait handle is never created; git processes still running when the engine goes must be able to release their slot.")]
public sealed class GitCommandRemote : IGitRemote
{
    private readonly GitCommandOptions _options;
    private readonly ConcurrentDictionary<string, (Task<GitListing> Task, long Started)> _listings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (Task<GitRevision> Task, long Started)> _revisions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots;

    public GitCommandRemote(GitCommandOptions? options = null)
    {
        _options = options ?? new GitCommandOptions();
        _slots = new SemaphoreSlim(_options.MaxConcurrent);
    }

    public Task<GitListing> ListAsync(string repoUrl, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        var entry = _listings.AddOrUpdate(repoUrl,
            url => (RunAsync(url), now),
            (url, old) => Fresh(old.Task, old.Started, now, l => l.Succeeded, false) ? old : (RunAsync(url), now));
        return entry.Task.WaitAsync(cancellationToken);
    }

    public Task<GitRevision> ReadRevisionAsync(string repoUrl, GitRevisionRequest request, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        var immutable = IsFullHash(request.Revision); // what a commit holds never changes; a tag can move
        var entry = _revisions.AddOrUpdate(repoUrl + "\n" + request.Key,
            _ => (FetchRevisionAsync(repoUrl, request), now),
            (_, old) => Fresh(old.Task, old.Started, now, r => r.Succeeded || r.Missing, immutable) ? old : (FetchRevisionAsync(repoUrl, request), now));
        return entry.Task.WaitAsync(cancellationToken);
    }

    private bool Fresh<T>(Task<T> task, long started, long now, Func<T, bool> answered, bool immutable)
    {
        if (!task.IsCompleted)
        {
            return true;
        }

        var age = Stopwatch.GetElapsedTime(started, now);
        return answered(task.Result) ? immutable || age < _options.CacheFor : age < _options.CacheFor / 5;
    }

    private async Task<GitListing> RunAsync(string repoUrl)
    {
        await _slots.WaitAsync();
        try
        {
            // No repository around the working directory whose config could apply.
            var start = new ProcessStartInfo(_options.Git) { WorkingDirectory = Path.GetTempPath() };
            foreach (var a in (string[])["ls-remote", "-q", "--end-of-options", repoUrl])
            {
                start.ArgumentList.Add(a);
            }

            SetGitEnvironment(start.Environment, _options.Environment);
            var run = await ChildProcess.RunAsync(start, null, _options.Timeout, _options.MaxOutputBytes);
            return run switch
            {
                null => new GitListing(null, GitFailure.NotInstalled, null, "", TimeSpan.Zero),
                { TimedOut: true } => new GitListing(null, GitFailure.Timeout, null, "", run.Elapsed),
                { Overflow: true } => new GitListing(null, GitFailure.Oversize, null, "", run.Elapsed),
                { ExitCode: not 0 } => new GitListing(null, GitFailure.Exit, run.ExitCode, run.Stderr.TrimEnd(), run.Elapsed),
                _ => new GitListing(RepoTags.ParseLsRemote(run.Stdout), GitFailure.None, 0, run.Stderr.TrimEnd(), run.Elapsed),
            };
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// go's fetch and reads (codehost/git.go) in a scratch bare repository that is deleted afterwards, never in go's
    /// $GOMODCACHE/cache/vcs: GoModLens must not change what go finds there. A tag or full hash is fetched with
    /// depth 1 as go does; a hash prefix, or a request for ancestry, takes every branch and tag with their history.
    /// Partial clone keeps that to commits (and a tag's trees) plus the files read, which git fetches as needed.
    /// </summary>
    private async Task<GitRevision> FetchRevisionAsync(string repoUrl, GitRevisionRequest request)
    {
        await _slots.WaitAsync();
        var started = Stopwatch.GetTimestamp();
        DirectoryInfo? scratch = null;
        try
        {
            scratch = Directory.CreateTempSubdirectory("gomodlens-git-");
            var history = !IsFullHash(request.Revision) && !request.Revision.StartsWith("refs/", StringComparison.Ordinal) || request.AncestorTags.Count > 0;
            var filter = history ? "tree:0" : "blob:none";
            var files = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
            GitRevision Failed(GitFailure failure, string command, ChildProcessResult? run, bool missing = false) =>
                new(null, null, files, [], missing, failure, command, run?.ExitCode, run?.Stderr.TrimEnd() ?? "", Stopwatch.GetElapsedTime(started));

            async Task<(ChildProcessResult? Run, string Command, GitFailure Failure)> Git(params string[] args)
            {
                var left = _options.Timeout - Stopwatch.GetElapsedTime(started);
                var command = "git " + string.Join(' ', args);
                if (left <= TimeSpan.Zero)
                {
                    return (null, command, GitFailure.Timeout);
                }

                var start = new ProcessStartInfo(_options.Git) { WorkingDirectory = scratch.FullName };
                foreach (var a in args)
                {
                    start.ArgumentList.Add(a);
                }

                SetGitEnvironment(start.Environment, _options.Environment);
                start.Environment["GIT_DIR"] = scratch.FullName;
                var run = await ChildProcess.RunAsync(start, null, left, MaxGoModChars);
                var failure = run switch
                {
                    null => GitFailure.NotInstalled,
                    { TimedOut: true } => GitFailure.Timeout,
                    { Overflow: true } => GitFailure.Oversize,
                    { ExitCode: not 0 } => GitFailure.Exit,
                    _ => GitFailure.None,
                };
                return (run, command, failure);
            }

            foreach (var setup in (string[][])[
                ["init", "--bare", "-q"],
                ["remote", "add", "origin", "--", repoUrl],
                ["config", "remote.origin.promisor", "true"],
                ["config", "remote.origin.partialclonefilter", filter]])
            {
                if (await Git(setup) is { Failure: not GitFailure.None } broken)
                {
                    return Failed(broken.Failure, broken.Command, broken.Run);
                }
            }

            string[] refspecs = history ? ["refs/heads/*:refs/heads/*", "refs/tags/*:refs/tags/*"]
                : request.Revision.StartsWith("refs/", StringComparison.Ordinal) ? [request.Revision + ":" + request.Revision]
                : [request.Revision];
            string[] fetchArgs = ["-c", "protocol.version=2", "fetch", "-q", "-f", .. history ? Array.Empty<string>() : ["--depth=1"], "--filter=" + filter, "--end-of-options", "origin", .. refspecs];
            var fetch = await Git(fetchArgs);
            if (fetch.Failure != GitFailure.None)
            {
                var gone = fetch.Run?.Stderr is { } e && (e.Contains("couldn't find remote ref", StringComparison.Ordinal) || e.Contains("not our ref", StringComparison.Ordinal));
                return Failed(fetch.Failure, "git " + string.Join(' ', fetchArgs.Where(a => a != "-q" && !a.StartsWith("--filter", StringComparison.Ordinal))), fetch.Run, gone);
            }

            var target = history ? request.Revision + "^{commit}" : request.Revision;
            var log = await Git("-c", "log.showsignature=false", "log", "--no-decorate", "-n1", "--format=format:%H %ct", "--end-of-options", target, "--");
            if (log.Failure != GitFailure.None)
            {
                // Fetched history without the commit: go says "unknown revision".
                return Failed(log.Failure, log.Command, log.Run, log.Failure == GitFailure.Exit);
            }

            var parts = log.Run!.Stdout.Trim().Split(' ');
            if (parts.Length != 2 || !long.TryParse(parts[1], out var seconds))
            {
                return Failed(GitFailure.Exit, log.Command, log.Run);
            }

            var commit = parts[0];
            foreach (var file in request.Files)
            {
                var read = await Git("cat-file", "--end-of-options", "blob", commit + ":" + file);
                if (read.Failure == GitFailure.None)
                {
                    files[file] = System.Text.Encoding.UTF8.GetBytes(read.Run!.Stdout);
                }
                else if (read.Failure == GitFailure.Exit && read.Run!.Stderr.Contains("does not exist in", StringComparison.Ordinal))
                {
                    files[file] = null;
                }
                else
                {
                    return Failed(read.Failure, read.Command, read.Run);
                }
            }

            var ancestors = new List<string>();
            foreach (var tag in request.AncestorTags)
            {
                var test = await Git("merge-base", "--is-ancestor", "--end-of-options", tag, commit);
                if (test.Failure == GitFailure.None)
                {
                    ancestors.Add(tag);
                }
            }

            return new GitRevision(commit, DateTimeOffset.FromUnixTimeSeconds(seconds), files, ancestors, false, GitFailure.None, null, 0, "", Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No scratch directory (a full or read-only temp folder): said as the failure it is.
            return new GitRevision(null, null, new Dictionary<string, byte[]?>(), [], false, GitFailure.Exit, "mkdir " + Path.GetTempPath(), null, e.Message, Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            _slots.Release();
            try
            {
                scratch?.Delete(recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // a leftover scratch directory in the temp folder harms nothing
            }
        }
    }

    private static bool IsFullHash(string revision) => revision.Length is 40 or 64 && revision.All(char.IsAsciiHexDigitLower);

    /// <summary>go reads at most 16 MiB of a go.mod (codehost.MaxGoMod).</summary>
    private const int MaxGoModChars = 16 << 20;

    /// <summary>go's git environment (cmd/go/internal/modload, init), with prompting of any kind off.</summary>
    internal static void SetGitEnvironment(IDictionary<string, string?> environment, IReadOnlyDictionary<string, string?> overrides)
    {
        foreach (var (name, value) in overrides)
        {
            if (value is null)
            {
                environment.Remove(name);
            }
            else
            {
                environment[name] = value;
            }
        }

        environment["GIT_TERMINAL_PROMPT"] = "0";
        environment["GIT_ASKPASS"] = ""; // empty: git then asks no askpass program, not even SSH_ASKPASS
        environment["GCM_INTERACTIVE"] = "never";
        if (!environment.TryGetValue("GIT_SSH", out var ssh) || string.IsNullOrEmpty(ssh))
        {
            if (!environment.TryGetValue("GIT_SSH_COMMAND", out var sshCommand) || string.IsNullOrEmpty(sshCommand))
            {
                environment["GIT_SSH_COMMAND"] = "ssh -o ControlMaster=no -o BatchMode=yes";
            }
        }
    }
}
