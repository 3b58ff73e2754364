using GoModLens.Analysis.GoSum;
using GoModLens.Analysis.Ports;
using GoModLens.Analysis.Resolution;
using GoModLens.ModFile.Module;

namespace GoModLens.Analysis.Direct;

/// <summary>
/// The module zip go creates for a version it fetches directly (modfetch/coderepo.go Zip): <c>git archive</c> of the
/// commit in the module's directory, go's translation of that archive (the top-level prefix and the directory
/// stripped, the root LICENSE added for a module in a subdirectory), x/mod/zip's file rules, then the h1 hash. A
/// commit's hash never changes, so answers are kept for the engine's lifetime; failures are retried next time.
/// </summary>
internal sealed class DirectZips(IGitRemote git)
{
    private readonly Dictionary<string, Task<ModuleZipHash>> _hashes = new(StringComparer.Ordinal);

    /// <summary>The zip hash of the version <paramref name="vcs"/> found; null when it found none.</summary>
    public Task<ModuleZipHash>? HashAsync(ModuleVersionKey module, DirectVcsResult vcs, ResolveOptions options, CancellationToken cancellationToken)
    {
        if (vcs is not { Outcome: DirectOutcome.Found, Repo: { } repo, Commit: { } commit, Dir: { } dir })
        {
            return null;
        }

        var key = string.Join('\n', repo.RepoUrl, commit, dir, module.Path, module.Version);
        Task<ModuleZipHash>? task;
        lock (_hashes)
        {
            if (!_hashes.TryGetValue(key, out task) || task.IsFaulted || (task.IsCompletedSuccessfully && task.Result.Hash is null && !IsFinal(task.Result)))
            {
                _hashes[key] = task = ComputeAsync(module, vcs, repo, commit, dir, options);
            }
        }

        return task.WaitAsync(cancellationToken);
    }

    /// <summary>A refusal go would repeat (its zip rules) is kept; a git failure is not.</summary>
    private static bool IsFinal(ModuleZipHash hash) => hash.GoError?.Contains(": create zip: ", StringComparison.Ordinal) == true;

    private async Task<ModuleZipHash> ComputeAsync(ModuleVersionKey module, DirectVcsResult vcs, RepoRoot repo, string commit, string dir, ResolveOptions options)
    {
        var at = module.Path + "@" + module.Version;
        // A tag names the version; a pseudo-version's commit is fetched by its hash (a branch tip it was found at moves on).
        var tag = vcs.Ref is { } r && r.StartsWith("refs/tags/", StringComparison.Ordinal) ? r : null;
        var source = $"{repo.RedactedUrl} at {tag ?? "commit " + commit[..Math.Min(12, commit.Length)]}";
        // Not the caller's token: the result is shared, and a hover that goes away must not cancel it for the next.
        var request = new GitArchiveRequest(tag ?? commit, commit, dir, dir.Length > 0 ? ["LICENSE"] : []);
        var archive = await git.ReadArchiveAsync(repo.RepoUrl, request, content => FromArchive(module.Path, module.Version, dir, content), CancellationToken.None);
        if (archive.Value is { } zip)
        {
            return new ModuleZipHash(module, zip.Hash, zip.Error is null ? null : $"{at}: {zip.Error}", source, zip.Files.Count, zip.Omitted.Count, archive.Elapsed);
        }

        var error = archive.TooLarge ? "downloaded zip file too large"
            : archive.Missing ? $"invalid version: unknown revision {tag?["refs/tags/".Length..] ?? commit}"
            : DirectLookup.GitFailureMessage(new GitListing(null, archive.Failure, archive.ExitCode, archive.Stderr, archive.Elapsed), repo.RepoUrl,
                options.Settings.GoModCache, TimeSpan.FromSeconds(60), archive.Command).Message;
        return new ModuleZipHash(module, null, $"{at}: {error}", source, 0, 0, archive.Elapsed);
    }

    /// <summary>
    /// coderepo.Zip's translation of git's archive (every name under one <c>prefix/</c>; only <paramref name="dir"/>'s
    /// files, relative to it; directories dropped; the root LICENSE for a module below the root that has none), then
    /// x/mod/zip's rules and hash.
    /// </summary>
    internal static ModuleZipResult FromArchive(string modulePath, string version, string dir, GitArchiveContent content)
    {
        var subdir = dir.Trim('/');
        if (subdir.Length > 0)
        {
            subdir += "/";
        }

        var files = new List<ModuleZipEntry>();
        var haveLicense = false;
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

            var name = entry.Path[topPrefix.Length..];
            if (!name.StartsWith(subdir, StringComparison.Ordinal))
            {
                continue;
            }

            name = name[subdir.Length..];
            if (name.Length == 0 || name.EndsWith('/'))
            {
                continue;
            }

            files.Add(entry with { Path = name });
            haveLicense |= name == "LICENSE";
        }

        if (!haveLicense && subdir.Length > 0 && content.Files.GetValueOrDefault("LICENSE") is { } license)
        {
            files.Add(new ModuleZipEntry("LICENSE", ModuleZipEntryKind.Regular, license.Length, () => new MemoryStream(license, writable: false)));
        }

        return ModuleZip.Hash(modulePath, version, files);
    }
}
