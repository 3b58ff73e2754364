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

    /// <summary>
    /// How long fetching a whole tree and archiving it may take (go's module zip, for the go.sum module hash of a
    /// module go fetches directly); go has no limit.
    /// </summary>
    public TimeSpan ArchiveTimeout { get; init; } = TimeSpan.FromSeconds(60);

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
    /// go's fetch and reads (codehost/git.go) in a <see cref="ScratchRepository"/>. Tags and full hashes are fetched
    /// with depth 1 as go does; a hash prefix, or a request for ancestry, takes every branch and tag with their history.
    /// Partial clone keeps that to commits (and the tags' trees) plus the files read, which git fetches as needed.
    /// </summary>
    private async Task<IReadOnlyList<GitRevision>> FetchRevisionsAsync(string repoUrl, IReadOnlyList<GitRevisionRequest> requests)
    {
        await _slots.WaitAsync();
        var started = Stopwatch.GetTimestamp();
        ScratchRepository? scratch = null;
        IReadOnlyList<GitRevision> All(GitRevision failed) => [.. requests.Select(_ => failed)];
        try
        {
            var history = requests.Any(NeedsHistory);
            var filter = history ? "tree:0" : "blob:none";
            (scratch, var init) = await ScratchRepository.CreateAsync(ScratchGit, repoUrl, filter, _options.Timeout);
            GitRevision Failed(ScratchGitRun run, string? command = null, bool missing = false) =>
                GitRevision.Failed(run.Failure, command ?? run.Command, run.Run?.ExitCode, run.Stderr, scratch.Elapsed, missing);

            if (init.Failure != GitFailure.None)
            {
                return All(Failed(init));
            }

            string[] refspecs = history ? ["refs/heads/*:refs/heads/*", "refs/tags/*:refs/tags/*"]
                : [.. requests.Select(r => RefSpec(r.Revision)).Distinct()];
            string[] fetchArgs = ["-c", "protocol.version=2", "fetch", "-q", "-f", .. history ? Array.Empty<string>() : ["--depth=1"], "--filter=" + filter, "--end-of-options", "origin", .. refspecs];
            var fetch = await scratch.GitAsync(null, fetchArgs);
            if (fetch.Failure != GitFailure.None)
            {
                return All(Failed(fetch, ShownFetch(fetchArgs), IsGone(fetch)));
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
                var (objects, batch) = await CatFileAsync(scratch, [commitName, .. request.Files.Select(f => commitName + ":" + f)]);
                if (objects is null)
                {
                    return Failed(batch);
                }

                if (objects.Count != request.Files.Count + 1 || objects[0] is not { Type: "commit" } commitObject
                    || CatFileBatch.CommitTime(commitObject.Content) is not { } time)
                {
                    // The name is not a commit here: an unknown revision (go: "unknown revision").
                    return Failed(batch with { Failure = GitFailure.Exit }, "git cat-file --batch", missing: objects.Count > 0 && objects[0].Type is null);
                }

                var files = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
                for (var i = 0; i < request.Files.Count; i++)
                {
                    files[request.Files[i]] = objects[i + 1] is { Type: "blob" } blob ? blob.Content : null;
                }

                List<string> merged = [];
                if (request.MergedTagPrefix is { } prefix)
                {
                    var refs = await scratch.GitAsync(null, "for-each-ref", "--format=%(refname)", "--merged", commitObject.Name, "--end-of-options", ("refs/tags/" + prefix).TrimEnd('/'));
                    if (refs.Failure != GitFailure.None)
                    {
                        return Failed(refs);
                    }

                    merged = [.. System.Text.Encoding.UTF8.GetString(refs.Run!.StdoutBytes).Split('\n', StringSplitOptions.RemoveEmptyEntries)];
                }

                // The whole tree's names (trees came with the depth-1 fetch; no blob is needed): what go would zip.
                IReadOnlyList<GitTreeEntry>? tree = null;
                if (!history)
                {
                    var listing = await scratch.GitAsync(null, "ls-tree", "-r", "-z", "--full-tree", commitObject.Name);
                    tree = listing.Failure == GitFailure.None ? ParseTree(listing.Run!.StdoutBytes) : null;
                }

                return new GitRevision(commitObject.Name, time, files, merged, false, GitFailure.None, null, 0, "", scratch.Elapsed) { Tree = tree };
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
            scratch?.Dispose();
        }
    }

    /// <summary><c>git ls-tree -r -z</c> lines, <c>&lt;mode&gt; &lt;type&gt; &lt;object&gt;\t&lt;path&gt;</c>; submodules (type commit) are not part of an archive.</summary>
    internal static IReadOnlyList<GitTreeEntry> ParseTree(byte[] output)
    {
        var entries = new List<GitTreeEntry>();
        foreach (var record in System.Text.Encoding.UTF8.GetString(output).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = record.IndexOf('\t', StringComparison.Ordinal);
            var fields = tab < 0 ? [] : record[..tab].Split(' ');
            if (fields.Length != 3 || fields[1] == "commit")
            {
                continue;
            }

            var kind = fields[1] != "blob" ? ModFile.Module.ModuleZipEntryKind.Other
                : fields[0] == "120000" ? ModFile.Module.ModuleZipEntryKind.Symlink : ModFile.Module.ModuleZipEntryKind.Regular;
            entries.Add(new GitTreeEntry(record[(tab + 1)..], kind));
        }

        return entries;
    }

    public async Task<GitArchive<T>> ReadArchiveAsync<T>(string repoUrl, GitArchiveRequest request, Func<GitArchiveContent, T> read, CancellationToken cancellationToken)
        where T : class
    {
        await _slots.WaitAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        ScratchRepository? scratch = null;
        try
        {
            // Every file of the tree is needed: no partial-clone filter.
            (scratch, var init) = await ScratchRepository.CreateAsync(ScratchGit, repoUrl, null, _options.ArchiveTimeout);
            GitArchive<T> Failed(ScratchGitRun run, string? command = null, bool missing = false) =>
                new(null, missing, false, run.Failure, command ?? run.Command, run.Run?.ExitCode, run.Stderr, scratch.Elapsed);

            if (init.Failure != GitFailure.None)
            {
                return Failed(init);
            }

            string[] fetchArgs = ["-c", "protocol.version=2", "fetch", "-q", "-f", "--depth=1", "--end-of-options", "origin", RefSpec(request.Revision)];
            var fetch = await scratch.GitAsync(null, fetchArgs);
            if (fetch.Failure != GitFailure.None)
            {
                return Failed(fetch, ShownFetch(fetchArgs), IsGone(fetch));
            }

            // ensureGitAttributes: the same archive whatever the repository's export-subst and export-ignore say.
            var info = Directory.CreateDirectory(Path.Combine(scratch.Directory.FullName, "info"));
            await File.AppendAllTextAsync(Path.Combine(info.FullName, "attributes"), "\n* -export-subst -export-ignore\n", cancellationToken);
            // A tag is archived as fetched now (if it moved since it was listed, a fresh machine gets the new tree too).
            var tree = request.Revision.StartsWith("refs/", StringComparison.Ordinal) ? request.Revision + "^{commit}" : request.Commit;
            var zipPath = Path.Combine(scratch.Directory.FullName, "module.zip");
            string[] archiveArgs = ["-c", "core.autocrlf=input", "-c", "core.eol=lf", "archive", "--format=zip", "--prefix=prefix/", "--output=" + zipPath, "--end-of-options", tree,
                .. request.Subdir.Length == 0 ? Array.Empty<string>() : [request.Subdir]];
            var archive = await scratch.GitAsync(null, archiveArgs);
            if (archive.Failure != GitFailure.None)
            {
                var missing = archive.Stderr.Contains("did not match any files", StringComparison.Ordinal) || archive.Stderr.Contains("not a valid object name", StringComparison.Ordinal);
                return Failed(archive, missing: missing);
            }

            if (new FileInfo(zipPath).Length > ModFile.Module.ModuleZip.MaxZipFile)
            {
                return new GitArchive<T>(null, false, true, GitFailure.None, archive.Command, 0, "", scratch.Elapsed);
            }

            var files = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
            if (request.Files.Count > 0)
            {
                var (objects, batch) = await CatFileAsync(scratch, [.. request.Files.Select(f => tree + ":" + f)]);
                if (objects is null || objects.Count != request.Files.Count)
                {
                    return Failed(batch with { Failure = batch.Failure == GitFailure.None ? GitFailure.Exit : batch.Failure });
                }

                for (var i = 0; i < request.Files.Count; i++)
                {
                    files[request.Files[i]] = objects[i] is { Type: "blob" } blob ? blob.Content : null;
                }
            }

            using var zip = System.IO.Compression.ZipFile.OpenRead(zipPath);
            var entries = zip.Entries.Select(e => new ModFile.Module.ModuleZipEntry(e.FullName, KindOf(e), e.Length, e.Open)).ToList();
            return new GitArchive<T>(read(new GitArchiveContent(entries, files)), false, false, GitFailure.None, archive.Command, 0, "", scratch.Elapsed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // No scratch directory, or an archive that is no zip: said as the failure it is.
            return new GitArchive<T>(null, false, false, GitFailure.Exit, "git archive", null, e.Message, Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            _slots.Release();
            scratch?.Dispose();
        }
    }

    /// <summary>
    /// The file mode go's archive/zip reads from an entry git wrote: git stores a Unix mode only for symlinks and
    /// executables (their external attributes' high half), MS-DOS attributes (a regular file) for the rest.
    /// </summary>
    private static ModFile.Module.ModuleZipEntryKind KindOf(System.IO.Compression.ZipArchiveEntry entry) =>
        ((entry.ExternalAttributes >> 16) & 0xF000) switch
        {
            0 or 0x8000 => ModFile.Module.ModuleZipEntryKind.Regular,
            0xA000 => ModFile.Module.ModuleZipEntryKind.Symlink,
            _ => ModFile.Module.ModuleZipEntryKind.Other,
        };

    /// <summary>A ref is fetched to the same name (so it can be read by it); a commit hash as it is.</summary>
    private static string RefSpec(string revision) => revision.StartsWith("refs/", StringComparison.Ordinal) ? revision + ":" + revision : revision;

    /// <summary>The fetch as go shows it: without GoModLens's quiet flag and partial-clone filter.</summary>
    private static string ShownFetch(string[] fetchArgs) =>
        "git " + string.Join(' ', fetchArgs.Where(a => a != "-q" && !a.StartsWith("--filter", StringComparison.Ordinal)));

    /// <summary>The server has no such ref or commit.</summary>
    private static bool IsGone(ScratchGitRun fetch) =>
        fetch.Run?.Stderr is { } e && (e.Contains("couldn't find remote ref", StringComparison.Ordinal) || e.Contains("not our ref", StringComparison.Ordinal));

    /// <summary>One <c>git cat-file --batch</c> of <paramref name="names"/>; null objects when git failed.</summary>
    private static async Task<(IReadOnlyList<CatFileBatch.Entry>? Objects, ScratchGitRun Run)> CatFileAsync(ScratchRepository scratch, IReadOnlyList<string> names)
    {
        var batch = await scratch.GitAsync(string.Concat(names.Select(n => n + "\n")), "cat-file", "--batch");
        return batch.Failure != GitFailure.None ? (null, batch) : (CatFileBatch.Parse(batch.Run!.StdoutBytes), batch);
    }

    private Task<(ChildProcessResult? Run, GitFailure Failure)> ScratchGit(string directory, IEnumerable<string> args, string? stdin, TimeSpan timeout) =>
        RunGitAsync(directory, directory, args, stdin, timeout, MaxOutputBytes, binary: true);

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
