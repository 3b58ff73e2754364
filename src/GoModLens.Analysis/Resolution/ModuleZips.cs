using System.IO.Compression;
using GoModLens.Analysis.Direct;
using GoModLens.Analysis.GoSum;
using GoModLens.Analysis.Ports;
using GoModLens.Analysis.ProxyConfig;
using GoModLens.ModFile.GoSum;
using GoModLens.ModFile.Module;

namespace GoModLens.Analysis.Resolution;

/// <summary>
/// The h1 hash of the module zip go would verify against go.sum's module line, from where go would get the zip:
/// <list type="bullet">
/// <item>from the repository where go goes direct (modfetch/coderepo.go Zip): <c>git archive</c> of the commit in the
/// module's directory, go's translation of that archive (the top-level prefix and the directory stripped, the root
/// LICENSE added for a module in a subdirectory), x/mod/zip's file rules, then the hash;</item>
/// <item>from a proxy, walking GOPROXY for the <c>.zip</c> as go does (downloadZip: a zip whose files are all under
/// <c>path@version/</c>, then dirhash.HashZip).</item>
/// </list>
/// Answers are kept for the engine's lifetime (a commit's zip never changes; a proxy's should not); failures are
/// tried again after two minutes, except a tree go refuses to zip.
/// </summary>
internal sealed class ModuleZips(IProxyTransport transport, IGitRemote? git)
{
    /// <summary>
    /// How long a failed hash stands before it is tried again: the editor re-checks a go.sum on every change, and a
    /// tree that timed out must not be fetched again for each keystroke.
    /// </summary>
    private static readonly TimeSpan RetryFailuresAfter = TimeSpan.FromMinutes(2);

    private readonly Dictionary<string, (Task<ModuleZipHash> Task, long Started)> _hashes = new(StringComparer.Ordinal);

    /// <summary>The zip hash of the version <paramref name="vcs"/> found in its repository; null when it found none or git is off.</summary>
    public Task<ModuleZipHash>? FromRepositoryAsync(ModuleVersionKey module, DirectVcsResult vcs, ResolveOptions options, CancellationToken cancellationToken) =>
        git is not null && vcs is { Outcome: DirectOutcome.Found, Repo: { } repo, Commit: { } commit, Dir: { } dir }
            ? Cached(string.Join('\n', "git", repo.RepoUrl, commit, dir, module.Path, module.Version), () => ArchiveAsync(git, module, vcs, repo, commit, dir, options), cancellationToken)
            : null;

    /// <summary>The zip hash of the version as the first proxy step of <paramref name="steps"/> that has it serves it.</summary>
    public Task<ModuleZipHash> FromProxyAsync(ModuleVersionKey module, ModuleRoute route, IReadOnlyList<ProxyStep> steps, CancellationToken cancellationToken) =>
        Cached(string.Join('\n', ["proxy", module.Path, module.Version, .. steps.Select(s => s.BaseUrl)]), () => DownloadAsync(module, route, steps), cancellationToken);

    private Task<ModuleZipHash> Cached(string key, Func<Task<ModuleZipHash>> compute, CancellationToken cancellationToken)
    {
        Task<ModuleZipHash> task;
        lock (_hashes)
        {
            if (!_hashes.TryGetValue(key, out var known) || (Failed(known.Task) && System.Diagnostics.Stopwatch.GetElapsedTime(known.Started) >= RetryFailuresAfter))
            {
                // Not the caller's token: the result is shared, and a hover that goes away must not cancel it for the next.
                known = (compute(), System.Diagnostics.Stopwatch.GetTimestamp());
                _hashes[key] = known;
            }

            task = known.Task;
        }

        return task.WaitAsync(cancellationToken);

        static bool Failed(Task<ModuleZipHash> t) => t.IsFaulted || (t.IsCompletedSuccessfully && t.Result.Hash is null && !IsFinal(t.Result));
    }

    /// <summary>A refusal go would repeat (its zip rules) is kept; a git or network failure is not.</summary>
    private static bool IsFinal(ModuleZipHash hash) => hash.GoError?.Contains(": create zip: ", StringComparison.Ordinal) == true;

    /// <summary>
    /// go's zip download through the proxies (TryProxies): the first that serves it; on to the next after a 404/410
    /// (after any error with "|"). Stops at the first other failure, with go's message.
    /// </summary>
    private async Task<ModuleZipHash> DownloadAsync(ModuleVersionKey module, ModuleRoute route, IReadOnlyList<ProxyStep> steps)
    {
        var at = module.Path + "@" + module.Version;
        ModuleZipHash? last = null;
        foreach (var step in steps)
        {
            if (ProxyUrls.Zip(step.BaseUrl, route.LookupPath, module.Version, out var urlError) is not { } url)
            {
                return new ModuleZipHash(module, null, $"{at}: {urlError}", step.Entry.Display, 0, 0, TimeSpan.Zero, FromRepository: false);
            }

            var fetch = await transport.GetAsync(url.ToRequest(ProxyEndpoint.Zip), CancellationToken.None).ConfigureAwait(false);
            if (fetch is { IsSuccess: true, Body: { } body })
            {
                return FromZip(module, body, fetch.RedactedUrl, fetch.Elapsed);
            }

            last = new ModuleZipHash(module, null, $"{at}: {fetch.GoError ?? "download failed"}", fetch.RedactedUrl, 0, 0, fetch.Elapsed, FromRepository: false);
            if (!fetch.IsNotFound && !step.Entry.FallBackOnError)
            {
                break;
            }
        }

        return last ?? new ModuleZipHash(module, null, $"{at}: no proxy serves the zip", "", 0, 0, TimeSpan.Zero, FromRepository: false);
    }

    /// <summary>downloadZip's checks, then dirhash.HashZip: a zip go can read whose every file is under <c>path@version/</c>.</summary>
    internal static ModuleZipHash FromZip(ModuleVersionKey module, byte[] body, string source, TimeSpan elapsed)
    {
        var at = module.Path + "@" + module.Version;
        var prefix = at + "/";
        try
        {
            int count;
            using (var archive = new ZipArchive(new MemoryStream(body, writable: false), ZipArchiveMode.Read))
            {
                if (archive.Entries.FirstOrDefault(e => !e.FullName.StartsWith(prefix, StringComparison.Ordinal)) is { } stray)
                {
                    return new ModuleZipHash(module, null, $"{at}: zip for {at} has unexpected file {stray.FullName}", source, 0, 0, elapsed, FromRepository: false);
                }

                count = archive.Entries.Count;
            }

            using var zip = new MemoryStream(body, writable: false);
            return new ModuleZipHash(module, DirHash.HashZip(zip), null, source, count, 0, elapsed, FromRepository: false);
        }
        catch (InvalidDataException)
        {
            return new ModuleZipHash(module, null, $"{at}: zip: not a valid zip file", source, 0, 0, elapsed, FromRepository: false);
        }
        catch (ArgumentException e)
        {
            return new ModuleZipHash(module, null, $"{at}: {e.Message}", source, 0, 0, elapsed, FromRepository: false); // a file name with a newline
        }
    }

    private static async Task<ModuleZipHash> ArchiveAsync(IGitRemote git, ModuleVersionKey module, DirectVcsResult vcs, RepoRoot repo, string commit, string dir, ResolveOptions options)
    {
        var at = module.Path + "@" + module.Version;
        // A tag names the version; a pseudo-version's commit is fetched by its hash (a branch tip it was found at moves on).
        var tag = vcs.Ref is { } r && r.StartsWith("refs/tags/", StringComparison.Ordinal) ? r : null;
        var source = $"{repo.RedactedUrl} at {tag ?? "commit " + commit[..Math.Min(12, commit.Length)]}";
        var request = new GitArchiveRequest(tag ?? commit, commit, dir, dir.Length > 0 ? ["LICENSE"] : []);
        var archive = await git.ReadArchiveAsync(repo.RepoUrl, request, content => FromArchive(module.Path, module.Version, dir, content), CancellationToken.None);
        if (archive.Value is { } zip)
        {
            return new ModuleZipHash(module, zip.Hash, zip.Error is null ? null : $"{at}: {zip.Error}", source, zip.Files.Count, zip.Omitted.Count, archive.Elapsed, FromRepository: true);
        }

        var error = archive.TooLarge ? "downloaded zip file too large"
            : archive.Missing ? $"invalid version: unknown revision {tag?["refs/tags/".Length..] ?? commit}"
            : DirectLookup.GitFailureMessage(new GitListing(null, archive.Failure, archive.ExitCode, archive.Stderr, archive.Elapsed), repo.RepoUrl,
                options.Settings.GoModCache, TimeSpan.FromSeconds(60), archive.Command).Message;
        return new ModuleZipHash(module, null, $"{at}: {error}", source, 0, 0, archive.Elapsed, FromRepository: true);
    }

    /// <summary>
    /// coderepo.Zip's translation of git's archive (every name under one <c>prefix/</c>), then
    /// <see cref="ModuleFiles"/>, then x/mod/zip's rules and hash.
    /// </summary>
    internal static ModuleZipResult FromArchive(string modulePath, string version, string dir, GitArchiveContent content)
    {
        var rootFiles = new List<ModuleZipEntry>();
        var topPrefix = "";
        foreach (var entry in content.Entries)
        {
            if (topPrefix.Length == 0)
            {
                var slash = entry.Path.IndexOf('/', StringComparison.Ordinal);
                if (slash < 0)
                {
                    return new ModuleZipResult(null, "missing top-level directory prefix", [], []);
                }

                topPrefix = entry.Path[..(slash + 1)];
            }

            if (!entry.Path.StartsWith(topPrefix, StringComparison.Ordinal))
            {
                return new ModuleZipResult(null, "zip file contains more than one top-level directory", [], []);
            }

            rootFiles.Add(entry with { Path = entry.Path[topPrefix.Length..] });
        }

        var rootLicense = content.Files.GetValueOrDefault("LICENSE") is { } license
            ? new ModuleZipEntry("LICENSE", ModuleZipEntryKind.Regular, license.Length, () => new MemoryStream(license, writable: false))
            : null;
        return ModuleZip.Hash(modulePath, version, ModuleFiles(dir, rootFiles, rootLicense));
    }

    /// <summary>
    /// go's refusal to create the zip of the module in <paramref name="dir"/> of a commit whose tree is
    /// <paramref name="tree"/> (<c>create zip: …</c>), or null. From names and kinds alone: collisions, invalid and
    /// unclean paths, what is left out; sizes are not in a listing (the archive, read for go.sum's module line, has them).
    /// </summary>
    internal static string? ListingRefusal(string modulePath, string version, string dir, IReadOnlyList<GitTreeEntry> tree, byte[]? goMod)
    {
        var goModPath = (dir.Trim('/') is { Length: > 0 } d ? d + "/" : "") + "go.mod";
        var files = tree.Select(e => new ModuleZipEntry(e.Path, e.Kind, 0,
            () => new MemoryStream(e.Path == goModPath ? goMod ?? [] : [], writable: false))).ToList();
        var rootLicense = tree.Any(e => e.Path == "LICENSE" && e.Kind == ModuleZipEntryKind.Regular)
            ? new ModuleZipEntry("LICENSE", ModuleZipEntryKind.Regular, 0, () => new MemoryStream([], writable: false))
            : null;
        return ModuleZip.Refusal(modulePath, version, ModuleFiles(dir, files, rootLicense));
    }

    /// <summary>
    /// coderepo.Zip's choice of files from a commit's tree (paths relative to the repository root): only
    /// <paramref name="dir"/>'s files, relative to it; directories dropped; the root LICENSE for a module below the root
    /// that has none.
    /// </summary>
    private static List<ModuleZipEntry> ModuleFiles(string dir, IEnumerable<ModuleZipEntry> rootFiles, ModuleZipEntry? rootLicense)
    {
        var subdir = dir.Trim('/');
        if (subdir.Length > 0)
        {
            subdir += "/";
        }

        var files = new List<ModuleZipEntry>();
        var haveLicense = false;
        foreach (var entry in rootFiles)
        {
            if (!entry.Path.StartsWith(subdir, StringComparison.Ordinal))
            {
                continue;
            }

            var name = entry.Path[subdir.Length..];
            if (name.Length == 0 || name.EndsWith('/'))
            {
                continue;
            }

            files.Add(entry with { Path = name });
            haveLicense |= name == "LICENSE";
        }

        if (!haveLicense && subdir.Length > 0 && rootLicense is not null)
        {
            files.Add(rootLicense);
        }

        return files;
    }
}
