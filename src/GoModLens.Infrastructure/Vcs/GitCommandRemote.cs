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
            (url, old) => Fresh(old, now) ? old : (RunAsync(url), now));
        return entry.Task.WaitAsync(cancellationToken);
    }

    private bool Fresh((Task<GitListing> Task, long Started) entry, long now)
    {
        if (!entry.Task.IsCompleted)
        {
            return true;
        }

        var age = Stopwatch.GetElapsedTime(entry.Started, now);
        return age < (entry.Task.Result.Succeeded ? _options.CacheFor : _options.CacheFor / 5);
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
