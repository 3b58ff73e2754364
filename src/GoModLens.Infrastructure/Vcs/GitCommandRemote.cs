using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using GoModLens.Analysis.Direct;
using GoModLens.Analysis.Ports;

namespace GoModLens.Infrastructure.Vcs;

/// <summary>How <see cref="GitCommandRemote"/> runs git.</summary>
public sealed record GitCommandOptions
{
    /// <summary>The git executable (looked up on PATH when bare).</summary>
    public string Git { get; init; } = "git";

    /// <summary>How long one <c>git ls-remote</c> may run; go has no limit.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a listing is reused: an editor re-check within it runs no git (failures: a fifth of it).</summary>
    public TimeSpan CacheFor { get; init; } = TimeSpan.FromMinutes(1);

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
/// for <see cref="GitCommandOptions.CacheFor"/>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The semaphore's wait handle is never created; git processes still running when the engine goes must be able to release their slot.")]
public sealed class GitCommandRemote(GitCommandOptions? options = null) : IGitRemote
{
    private readonly GitCommandOptions _options = options ?? new GitCommandOptions();
    private readonly ConcurrentDictionary<string, (Task<GitListing> Task, long Started)> _listings = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots = new((options ?? new GitCommandOptions()).MaxConcurrent);

    public Task<GitListing> ListAsync(string repoUrl, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        var entry = _listings.AddOrUpdate(repoUrl,
            url => (RunAsync(url), now),
            (url, old) => Fresh(old, now) ? old : (RunAsync(url), now));
        return entry.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Forgets every listing (the editor's "check now").</summary>
    public void Clear() => _listings.Clear();

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
        var started = Stopwatch.GetTimestamp();
        try
        {
            var psi = new ProcessStartInfo(_options.Git)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
                UseShellExecute = false,
                CreateNoWindow = true,
                WorkingDirectory = Path.GetTempPath(), // no repository around it whose config could apply
            };
            foreach (var a in (string[])["ls-remote", "-q", "--end-of-options", repoUrl])
            {
                psi.ArgumentList.Add(a);
            }

            SetGitEnvironment(psi.Environment, _options.Environment);
            Process process;
            try
            {
                process = Process.Start(psi) ?? throw new Win32Exception("git did not start");
            }
            catch (Win32Exception)
            {
                return new GitListing(null, GitFailure.NotInstalled, null, "", Stopwatch.GetElapsedTime(started));
            }

            using (process)
            using (var timeout = new CancellationTokenSource(_options.Timeout))
            {
                process.StandardInput.Close();
                var stdout = ReadCappedAsync(process.StandardOutput, _options.MaxOutputBytes);
                var stderr = ReadCappedAsync(process.StandardError, 64 << 10);
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    Kill(process);
                    return new GitListing(null, GitFailure.Timeout, null, "", Stopwatch.GetElapsedTime(started));
                }

                var (output, overflow) = await stdout;
                var (error, _) = await stderr;
                var elapsed = Stopwatch.GetElapsedTime(started);
                return overflow ? new GitListing(null, GitFailure.Oversize, null, "", elapsed)
                    : process.ExitCode != 0 ? new GitListing(null, GitFailure.Exit, process.ExitCode, error.TrimEnd(), elapsed)
                    : new GitListing(RepoTags.ParseLsRemote(output), GitFailure.None, 0, error.TrimEnd(), elapsed);
            }
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

    private static async Task<(string Text, bool Overflow)> ReadCappedAsync(StreamReader reader, int maxChars)
    {
        var text = new StringBuilder();
        var buffer = new char[16 << 10];
        var overflow = false;
        int n;
        while ((n = await reader.ReadAsync(buffer)) > 0)
        {
            // Past the cap the rest is drained, not kept, so git is not left blocked on a full pipe.
            overflow |= text.Length + n > maxChars;
            if (!overflow)
            {
                text.Append(buffer, 0, n);
            }
        }

        return (text.ToString(), overflow);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }
}
