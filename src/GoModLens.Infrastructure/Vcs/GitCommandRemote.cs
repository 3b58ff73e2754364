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

    /// <summary>git operations (a listing, or a fetch with its reads) at once: they mostly wait on the network.</summary>
    public int MaxConcurrent { get; init; } = 8;

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

    public async Task<IReadOnlyList<GitRevision>> ReadRevisionsAsync(string repoUrl, IReadOnlyList<GitRevisionRequest> requests,
        CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        var tasks = new Task<GitRevision>[requests.Count];
        var mine = new List<(GitRevisionRequest Request, TaskCompletionSource<GitRevision> Source)>();
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            var immutable = IsFullHash(request.Revision); // what a commit holds never changes; a tag can move
            TaskCompletionSource<GitRevision>? created = null;
            Task<GitRevision> Own()
            {
                created = new TaskCompletionSource<GitRevision>(TaskCreationOptions.RunContinuationsAsynchronously);
                return created.Task;
            }

            var entry = _revisions.AddOrUpdate(repoUrl + "\n" + request.Key,
                _ => (Own(), now),
                (_, old) => Fresh(old.Task, old.Started, now, r => r.Succeeded || r.Missing, immutable) ? old : (Own(), now));
            if (created is not null && entry.Task == created.Task)
            {
                mine.Add((request, created));
            }

            tasks[i] = entry.Task;
        }

        if (mine.Count > 0)
        {
            _ = FetchTogetherAsync(repoUrl, mine);
        }

        return await Task.WhenAll(tasks).WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Tags and full hashes in one shallow fetch (one negotiation with the server instead of one per version); a request
    /// that needs history alone. If a combined fetch misses a ref, each is fetched on its own so one gone tag does not
    /// fail the others.
    /// </summary>
    private async Task FetchTogetherAsync(string repoUrl, List<(GitRevisionRequest Request, TaskCompletionSource<GitRevision> Source)> work)
    {
        async Task RunAsync(List<(GitRevisionRequest Request, TaskCompletionSource<GitRevision> Source)> group)
        {
            var results = await FetchRevisionsAsync(repoUrl, [.. group.Select(g => g.Request)]);
            if (group.Count > 1 && results.Any(r => r.Missing))
            {
                await Task.WhenAll(group.Select(g => RunAsync([g])));
                return;
            }

            for (var i = 0; i < group.Count; i++)
            {
                group[i].Source.TrySetResult(results[i]);
            }
        }

        try
        {
            var shallow = work.Where(w => !NeedsHistory(w.Request)).ToList();
            var tasks = work.Where(w => NeedsHistory(w.Request)).Select(w => RunAsync([w])).ToList();
            if (shallow.Count > 0)
            {
                tasks.Add(RunAsync(shallow));
            }

            await Task.WhenAll(tasks);
        }
        catch (Exception e)
        {
            // Never leave a caller waiting: an unexpected failure is every request's answer.
            foreach (var (_, source) in work)
            {
                source.TrySetResult(GitRevision.Failed(GitFailure.Exit, "git fetch", null, e.Message, TimeSpan.Zero));
            }
        }
    }

    private static bool NeedsHistory(GitRevisionRequest request) =>
        request.MergedTagPrefix is not null || (!IsFullHash(request.Revision) && !request.Revision.StartsWith("refs/", StringComparison.Ordinal));

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
            var (run, failure) = await RunGitAsync(Path.GetTempPath(), null, ["ls-remote", "-q", "--end-of-options", repoUrl], null, _options.Timeout, _options.MaxOutputBytes, binary: false);
            return failure switch
            {
                GitFailure.None => new GitListing(RepoTags.ParseLsRemote(run!.Stdout), GitFailure.None, 0, run.Stderr.TrimEnd(), run.Elapsed),
                GitFailure.Exit => new GitListing(null, GitFailure.Exit, run!.ExitCode, run.Stderr.TrimEnd(), run.Elapsed),
                _ => new GitListing(null, failure, null, "", run?.Elapsed ?? TimeSpan.Zero),
            };
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// go's fetch and reads (codehost/git.go) in a scratch bare repository that is deleted afterwards, never in go's
    /// $GOMODCACHE/cache/vcs: GoModLens must not change what go finds there. Tags and full hashes are fetched with
    /// depth 1 as go does; a hash prefix, or a request for ancestry, takes every branch and tag with their history.
    /// Partial clone keeps that to commits (and the tags' trees) plus the files read, which git fetches as needed.
    /// The remote is configuration on each command line (git passes it on to the fetches it starts itself).
    /// </summary>
    private async Task<IReadOnlyList<GitRevision>> FetchRevisionsAsync(string repoUrl, IReadOnlyList<GitRevisionRequest> requests)
    {
        await _slots.WaitAsync();
        var started = Stopwatch.GetTimestamp();
        DirectoryInfo? scratch = null;
        IReadOnlyList<GitRevision> All(GitRevision failed) => [.. requests.Select(_ => failed)];
        try
        {
            scratch = Directory.CreateTempSubdirectory("gomodlens-git-");
            var history = requests.Any(NeedsHistory);
            var filter = history ? "tree:0" : "blob:none";
            string[] remote = ["-c", "remote.origin.url=" + repoUrl, "-c", "remote.origin.promisor=true", "-c", "remote.origin.partialclonefilter=" + filter];
            GitRevision Failed(GitFailure failure, string command, ChildProcessResult? run, bool missing = false) =>
                GitRevision.Failed(failure, command, run?.ExitCode, run?.Stderr.TrimEnd() ?? "", Stopwatch.GetElapsedTime(started), missing);

            async Task<(ChildProcessResult? Run, string Command, GitFailure Failure)> Git(string? stdin, params string[] args)
            {
                var left = _options.Timeout - Stopwatch.GetElapsedTime(started);
                var command = "git " + string.Join(' ', args);
                if (left <= TimeSpan.Zero)
                {
                    return (null, command, GitFailure.Timeout);
                }

                var (run, failure) = await RunGitAsync(scratch.FullName, scratch.FullName, [.. remote, .. args], stdin, left, MaxOutputBytes, binary: true);
                return (run, command, failure);
            }

            if (await Git(null, "init", "--bare", "-q") is { Failure: not GitFailure.None } init)
            {
                return All(Failed(init.Failure, init.Command, init.Run));
            }

            string[] refspecs = history ? ["refs/heads/*:refs/heads/*", "refs/tags/*:refs/tags/*"]
                : [.. requests.Select(r => r.Revision.StartsWith("refs/", StringComparison.Ordinal) ? r.Revision + ":" + r.Revision : r.Revision).Distinct()];
            string[] fetchArgs = ["-c", "protocol.version=2", "fetch", "-q", "-f", .. history ? Array.Empty<string>() : ["--depth=1"], "--filter=" + filter, "--end-of-options", "origin", .. refspecs];
            var fetch = await Git(null, fetchArgs);
            if (fetch.Failure != GitFailure.None)
            {
                var gone = fetch.Run?.Stderr is { } e && (e.Contains("couldn't find remote ref", StringComparison.Ordinal) || e.Contains("not our ref", StringComparison.Ordinal));
                return All(Failed(fetch.Failure, "git " + string.Join(' ', fetchArgs.Where(a => a != "-q" && !a.StartsWith("--filter", StringComparison.Ordinal))), fetch.Run, gone));
            }

            var results = new List<GitRevision>();
            foreach (var request in requests)
            {
                results.Add(await ReadAsync(request));
            }

            return results;

            // One cat-file for the commit and every file (go runs git log, then cat-file per file).
            async Task<GitRevision> ReadAsync(GitRevisionRequest request)
            {
                var commitName = request.Revision + "^{commit}";
                var input = string.Concat(((string[])[commitName, .. request.Files.Select(f => commitName + ":" + f)]).Select(n => n + "\n"));
                var batch = await Git(input, "cat-file", "--batch");
                if (batch.Failure != GitFailure.None)
                {
                    return Failed(batch.Failure, batch.Command, batch.Run);
                }

                var objects = CatFileBatch.Parse(batch.Run!.StdoutBytes);
                if (objects.Count != request.Files.Count + 1 || objects[0] is not { Type: "commit" } commitObject
                    || CatFileBatch.CommitTime(commitObject.Content) is not { } time)
                {
                    // The name is not a commit here: an unknown revision (go: "unknown revision").
                    return Failed(GitFailure.Exit, "git cat-file --batch", batch.Run, missing: objects.Count > 0 && objects[0].Type is null);
                }

                var files = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
                for (var i = 0; i < request.Files.Count; i++)
                {
                    files[request.Files[i]] = objects[i + 1] is { Type: "blob" } blob ? blob.Content : null;
                }

                List<string> merged = [];
                if (request.MergedTagPrefix is { } prefix)
                {
                    var refs = await Git(null, "for-each-ref", "--format=%(refname)", "--merged", commitObject.Name, "--end-of-options", ("refs/tags/" + prefix).TrimEnd('/'));
                    if (refs.Failure != GitFailure.None)
                    {
                        return Failed(refs.Failure, refs.Command, refs.Run);
                    }

                    merged = [.. System.Text.Encoding.UTF8.GetString(refs.Run!.StdoutBytes).Split('\n', StringSplitOptions.RemoveEmptyEntries)];
                }

                return new GitRevision(commitObject.Name, time, files, merged, false, GitFailure.None, null, 0, "", Stopwatch.GetElapsedTime(started));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No scratch directory (a full or read-only temp folder): said as the failure it is.
            return All(GitRevision.Failed(GitFailure.Exit, "mkdir " + Path.GetTempPath(), null, e.Message, Stopwatch.GetElapsedTime(started)));
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

    /// <summary>One git process in go's git environment (<paramref name="gitDir"/>: the repository it works on, when any).</summary>
    private async Task<(ChildProcessResult? Run, GitFailure Failure)> RunGitAsync(string workingDirectory, string? gitDir, IEnumerable<string> args, string? stdin,
        TimeSpan timeout, int maxOutputBytes, bool binary)
    {
        var start = new ProcessStartInfo(_options.Git) { WorkingDirectory = workingDirectory };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        SetGitEnvironment(start.Environment, _options.Environment);
        if (gitDir is not null)
        {
            start.Environment["GIT_DIR"] = gitDir;
        }

        var run = await ChildProcess.RunAsync(start, stdin, timeout, maxOutputBytes, binary);
        return (run, run switch
        {
            null => GitFailure.NotInstalled,
            { TimedOut: true } => GitFailure.Timeout,
            { Overflow: true } => GitFailure.Oversize,
            { ExitCode: not 0 } => GitFailure.Exit,
            _ => GitFailure.None,
        });
    }

    private static bool IsFullHash(string revision) => revision.Length is 40 or 64 && revision.All(char.IsAsciiHexDigitLower);

    /// <summary>What one read may print: go reads at most 16 MiB of a go.mod (codehost.MaxGoMod), and a revision has a few.</summary>
    private const int MaxOutputBytes = 64 << 20;

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
