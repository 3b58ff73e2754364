using System.Text;
using GoModLens.Analysis.Ports;
using GoModLens.ModFile.Module;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Text;
using GoModLens.ModFile.Versions;

namespace GoModLens.Analysis.Direct;

/// <summary>
/// What go's codeRepo (cmd/go/internal/modfetch/coderepo.go) concludes from a git repository's tree: where the
/// module's go.mod is at a revision (findDir), whether the version's major version and <c>+incompatible</c> suffix
/// fit it (checkCanonical), whether a pseudo-version's commit, time and base tag agree with the repository
/// (validatePseudoVersion), and which <c>+incompatible</c> versions go lists. Errors are go's, without the
/// <c>path@version: </c> prefix.
/// </summary>
internal sealed class CodeRepo
{
    private readonly IGitRemote _git;
    private readonly RepoRoot _repo;
    private readonly string _modulePath;
    private readonly IReadOnlyDictionary<string, string> _refs;
    private readonly string _codeDir;
    private readonly string _pathPrefix;
    private readonly string _pathMajor;
    private readonly string _pseudoMajor;

    public CodeRepo(IGitRemote git, RepoRoot repo, string modulePath, IReadOnlyDictionary<string, string> refs)
    {
        _git = git;
        _repo = repo;
        _modulePath = modulePath;
        _refs = refs;
        (_pathPrefix, _pathMajor, _) = ModulePath.SplitPathVersion(modulePath);
        _codeDir = modulePath == repo.Root || !_pathPrefix.StartsWith(repo.Root, StringComparison.Ordinal) ? "" : _pathPrefix[repo.Root.Length..].Trim('/');
        _pseudoMajor = PathMajorPrefix(_pathMajor);
    }

    private string TagPrefix => _codeDir.Length == 0 ? "" : _codeDir + "/";

    /// <summary>A version as the repository holds it.</summary>
    /// <param name="Commit">The commit (null on error).</param>
    /// <param name="Time">The commit time (go's <c>Time</c>).</param>
    /// <param name="GoMod">The module's go.mod; go's synthesized <c>module path</c> file when the tree has none.</param>
    /// <param name="Error">go's error after <c>path@version: </c>, or null.</param>
    /// <param name="Missing">The revision is not in the repository (go: unknown revision).</param>
    /// <param name="GitError">git failed: the revision as read (command, status, stderr).</param>
    public sealed record Stat(string? Commit, DateTimeOffset? Time, byte[]? GoMod, string? Error, bool Missing, GitRevision? GitError)
    {
        /// <summary>The module's directory in the repository at the version, where findDir found it ("" for the root).</summary>
        public string Dir { get; init; } = "";

        /// <summary>For a pseudo-version go rejects, the version go accepts for the same commit, when the fields alone were wrong.</summary>
        public string? Corrected { get; init; }

        /// <summary>
        /// The error is one go counts as "not found" (fs.ErrNotExist): an unknown revision, or no go.mod for the module
        /// where findDir looks. go list -m -u sets no error for those.
        /// </summary>
        public bool NotExist { get; init; }

        /// <summary>Whether the version cannot be used: go rejects it (<see cref="Error"/>) or git failed (<see cref="GitError"/>).</summary>
        public bool Failed => Error is not null || GitError is not null;

        /// <summary>go's refusal to zip the module's files at this version (<c>create zip: …</c>), from the tree's listing; null when it would.</summary>
        public string? ZipRefusal { get; init; }
    }

    /// <summary>What reading <paramref name="version"/> takes: the git request, go's revision name, the pseudo-version's base tag.</summary>
    private (GitRevisionRequest Request, string Rev, string BaseVersion, string? Error) Plan(string version)
    {
        if (!PseudoVersion.IsPseudoVersion(version))
        {
            var tag = TagPrefix + Strip(version);
            return (new GitRevisionRequest("refs/tags/" + tag, FilesFor(version), null), tag, "", null);
        }

        var rev = PseudoVersion.PseudoVersionRev(version);
        if (!PseudoVersion.TryGetBase(Strip(version), out var baseVersion, out var baseError))
        {
            return (new GitRevisionRequest(rev, [], null), rev, "", "invalid pseudo-version: " + baseError);
        }

        // A ref's full commit lets git fetch just it; otherwise go fetches every branch and tag to find the prefix.
        var revision = _refs.Values.FirstOrDefault(c => c.StartsWith(rev, StringComparison.Ordinal)) ?? rev;
        // With a base tag, go checks the commit descends from it: the tags it is merged into come along.
        return (new GitRevisionRequest(revision, FilesFor(version), baseVersion.Length == 0 ? null : TagPrefix), rev, baseVersion, null);
    }

    /// <summary>Starts reading several versions in one fetch where git allows; <see cref="StatAsync"/> then finds them read.</summary>
    public Task PrefetchAsync(IEnumerable<string> versions, CancellationToken cancellationToken)
    {
        var requests = versions.Distinct(StringComparer.Ordinal).Select(Plan).Where(p => p.Error is null).Select(p => p.Request).ToList();
        return requests.Count == 0 ? Task.CompletedTask : _git.ReadRevisionsAsync(_repo.RepoUrl, requests, cancellationToken);
    }

    /// <summary>go's Stat and GoMod of <paramref name="version"/> (a tag's version or a pseudo-version).</summary>
    public async Task<Stat> StatAsync(string version, CancellationToken cancellationToken)
    {
        var (request, rev, baseVersion, planError) = Plan(version);
        if (planError is not null)
        {
            return new Stat(null, null, null, planError, false, null);
        }

        var read = (await _git.ReadRevisionsAsync(_repo.RepoUrl, [request], cancellationToken))[0];
        if (!read.Succeeded)
        {
            return read.Missing
                ? new Stat(null, null, null, "invalid version: unknown revision " + rev, true, null) { NotExist = true }
                : new Stat(null, null, null, null, false, read);
        }

        var (goMod, dir, error, notExist) = CheckCanonical(version, rev, read);
        string? corrected = null;
        if (error is null && PseudoVersion.IsPseudoVersion(version))
        {
            (error, corrected, var goGet) = ValidatePseudoVersion(version, rev, baseVersion, read.Commit!, read);
            if (goGet)
            {
                corrected = GoGetVersion(read, await RetractedAsync(cancellationToken));
            }
        }

        var zipRefusal = error is null && read.Tree is { } tree ? Resolution.ModuleZips.ListingRefusal(_modulePath, version, dir, tree, goMod) : null;
        return new Stat(read.Commit, read.Time, error is null ? goMod ?? LegacyGoMod() : null, error, false, null) { Corrected = corrected, Dir = dir, ZipRefusal = zipRefusal, NotExist = notExist };
    }

    /// <summary>The tags go tries as a pseudo-version's base: this module's tags equal to the base version in semver.</summary>
    private List<string> BaseTags(string baseVersion) =>
        [.. _refs.Keys.Where(r => r.StartsWith("refs/tags/" + TagPrefix, StringComparison.Ordinal)
            && Semver.Compare(r[("refs/tags/" + TagPrefix).Length..], baseVersion) == 0).Order(StringComparer.Ordinal)];

    /// <summary>
    /// go's version list: <paramref name="compatible"/> plus the <c>+incompatible</c> versions of v2+ tags at the root
    /// of a v0/v1 module (appendIncompatibleVersions), decided by whether the latest compatible version, and the
    /// latest tag of each major version, has a go.mod. Null when git could not read a tree go needs.
    /// </summary>
    public async Task<IReadOnlyList<string>?> VersionsAsync(IReadOnlyList<string> compatible, IReadOnlyList<string> incompatible, CancellationToken cancellationToken)
    {
        if (incompatible.Count == 0 || _pathMajor.Length > 0)
        {
            return compatible;
        }

        async Task<bool?> HasGoModAsync(string v)
        {
            var read = (await _git.ReadRevisionsAsync(_repo.RepoUrl, [Plan(v).Request], cancellationToken))[0];
            return read.Succeeded ? read.Files.GetValueOrDefault("go.mod") is not null : null;
        }

        if (compatible.Count > 0)
        {
            switch (await HasGoModAsync(compatible[^1]))
            {
                case null:
                    return null;
                case true:
                    return compatible; // the author keeps users on v0/v1 (go.dev/issue/34189)
            }
        }

        var list = new List<string>(compatible);
        foreach (var major in incompatible.GroupBy(v => Semver.Major(v)))
        {
            switch (await HasGoModAsync(major.Last()))
            {
                case null:
                    return null;
                case false:
                    list.AddRange(major.Select(v => v + "+incompatible"));
                    break;
            }
        }

        return list;
    }

    /// <summary>
    /// go's Latest for the repository (gitRepo.Latest, then codeRepo.convert): the default branch's head as a version,
    /// its highest tag that is not retracted, else a pseudo-version on the highest such tag it descends from, else on
    /// none. What "latest" and "upgrade" from a pseudo-version fall back to when no tag qualifies. Null when go
    /// finds nothing there (ErrNoCommits, or the head's tree does not hold the module: both "not found" to go); a
    /// failed <see cref="Stat"/> when the head's version is rejected otherwise, or git failed.
    /// </summary>
    public async Task<(string Version, Stat Stat)?> LatestAsync(CancellationToken cancellationToken)
    {
        if (!_refs.TryGetValue("HEAD", out var head))
        {
            return null;
        }

        var read = (await _git.ReadRevisionsAsync(_repo.RepoUrl, [new GitRevisionRequest(head, FilesFor("v0.0.0"), TagPrefix)], cancellationToken))[0];
        if (!read.Succeeded)
        {
            return read.Missing ? null : (head, new Stat(null, null, null, null, false, read));
        }

        var version = GoGetVersion(read, await RetractedAsync(cancellationToken));
        var stat = await StatAsync(version, cancellationToken);
        return stat.NotExist ? null : (version, stat);
    }

    /// <summary>The files findDir and canUseIncompatible read, asked for together so one fetch answers all.</summary>
    private List<string> FilesFor(string version)
    {
        List<string> files = [Join(_codeDir, "go.mod")];
        if (File2Dir() is { } dir2)
        {
            files.Add(Join(dir2, "go.mod"));
        }

        var major = Semver.Major(version);
        if (_codeDir.Length == 0 && _pathMajor.Length == 0 && string.CompareOrdinal(major, "v1") > 0 && !files.Contains(major + "/go.mod"))
        {
            files.Add(major + "/go.mod");
        }

        return files;
    }

    /// <summary>The vN subdirectory findDir also looks in for a /vN path whose repository root is not the module path.</summary>
    private string? File2Dir() =>
        _pathMajor.Length > 0 && _repo.Root != _modulePath && !_pathMajor.StartsWith('.') ? Join(_codeDir, _pathMajor[1..]) : null;

    /// <summary>findDir, then the major-version and <c>+incompatible</c> checks of checkCanonical.</summary>
    private (byte[]? GoMod, string Dir, string? Error, bool NotExist) CheckCanonical(string version, string rev, GitRevision read)
    {
        var (goMod, dir, dirError) = FindDir(version, rev, read);
        if (dirError is not null)
        {
            return (null, dir, "invalid version: " + dirError, true); // go wraps findDir's errors in notExistError
        }

        var baseVersion = Strip(version);
        if (!ModulePath.MatchPathMajor(baseVersion, _pathMajor))
        {
            if (!CanUseIncompatible(baseVersion, version, read))
            {
                return (null, dir, _pathMajor.Length > 0
                    ? "invalid version: module path includes a major version suffix, so major version must match"
                    : $"invalid version: module contains a go.mod file, so module path must match major version ({GoQuote.Quote(_pathPrefix + "/" + Semver.Major(version))})", false);
            }
        }
        else if (version.EndsWith("+incompatible", StringComparison.Ordinal))
        {
            return (null, dir, $"invalid version: +incompatible suffix not allowed: major version {Semver.Major(version)} is compatible", false);
        }

        return (goMod, dir, null, false);
    }

    private bool CanUseIncompatible(string baseVersion, string version, GitRevision read)
    {
        if (_codeDir.Length > 0 || _pathMajor.Length > 0 || read.Files.GetValueOrDefault("go.mod") is not null)
        {
            return false;
        }

        // go.dev/issue/51324: vN/go.mod claims the vN tags, unless +incompatible was asked for explicitly.
        return version.EndsWith("+incompatible", StringComparison.Ordinal) || read.Files.GetValueOrDefault(Semver.Major(baseVersion) + "/go.mod") is null;
    }

    private (byte[]? GoMod, string Dir, string? Error) FindDir(string version, string rev, GitRevision read)
    {
        var file1 = Join(_codeDir, "go.mod");
        var gomod1 = read.Files.GetValueOrDefault(file1);
        var mpath1 = gomod1 is null ? "" : ModFileParser.ModulePath(Encoding.UTF8.GetString(gomod1));
        var found1 = gomod1 is not null && (IsMajor(mpath1, _pathMajor) || (_pathMajor.Length == 0 && mpath1.StartsWith("gopkg.in/", StringComparison.Ordinal)));

        string? file2 = null;
        if (File2Dir() is { } dir2)
        {
            file2 = Join(dir2, "go.mod");
            var gomod2 = read.Files.GetValueOrDefault(file2);
            var mpath2 = gomod2 is null ? "" : ModFileParser.ModulePath(Encoding.UTF8.GetString(gomod2));
            var found2 = gomod2 is not null && IsMajor(mpath2, _pathMajor);
            if (found1 && found2)
            {
                return (null, _codeDir, $"{_pathPrefix}/{file1} and ...{_pathMajor}/go.mod both have ...{_pathMajor} module paths at revision {rev}");
            }

            if (found2)
            {
                return (gomod2, dir2, null);
            }

            if (gomod2 is not null)
            {
                return (null, _codeDir, mpath2.Length == 0
                    ? $"{_repo.Root}/{file2} is missing module path at revision {rev}"
                    : $"{_repo.Root}/{file2} has non-...{_pathMajor} module path {GoQuote.Quote(mpath2)} at revision {rev}");
            }
        }

        if (found1)
        {
            return (gomod1, _codeDir, null);
        }

        if (gomod1 is not null)
        {
            var suffix = file2 is not null ? $" (and ...{_pathMajor}/go.mod does not exist)" : "";
            return (null, _codeDir, mpath1.Length == 0 ? $"{file1} is missing module path{suffix} at revision {rev}"
                : _pathMajor.Length > 0 ? $"{file1} has non-...{_pathMajor} module path {GoQuote.Quote(mpath1)}{suffix} at revision {rev}"
                : !ModulePath.SplitPathVersion(mpath1).Ok ? $"{file1} has malformed module path {GoQuote.Quote(mpath1)}{suffix} at revision {rev}"
                : $"{file1} has post-{Semver.Major(version)} module path {GoQuote.Quote(mpath1)}{suffix} at revision {rev}");
        }

        if (_codeDir.Length == 0 && (_pathMajor.Length == 0 || _pathMajor.StartsWith('.')))
        {
            return (null, _codeDir, null); // no go.mod at the root of a v0/v1 (or gopkg.in) module: go synthesizes one
        }

        return (null, _codeDir, file2 is not null
            ? $"missing {_pathPrefix}/go.mod and ...{_pathMajor}/go.mod at revision {rev}"
            : $"missing {_pathPrefix}/go.mod at revision {rev}");
    }

    /// <summary>
    /// validatePseudoVersion: the commit's short name and time, and a base tag the commit descends from. With an error,
    /// a version go accepts for the commit: the same base with the commit's time and 12-character name (v0 without a
    /// base); or, when the base itself is wrong (a tag on the commit, a tag it does not descend from), with
    /// <c>GoGet</c> set: the caller asks <see cref="GoGetVersion"/>, which needs the retractions.
    /// </summary>
    private (string? Error, string? Corrected, bool GoGet) ValidatePseudoVersion(string version, string rev, string baseVersion, string commit, GitRevision read)
    {
        var shortName = commit[..12];
        var incompatible = version.EndsWith("+incompatible", StringComparison.Ordinal) ? "+incompatible" : "";
        var fixedFields = PseudoVersion.Build(_pseudoMajor.Length > 0 ? _pseudoMajor : "v0", baseVersion.Length == 0 ? "" : baseVersion + incompatible,
            read.Time!.Value.UtcDateTime, shortName);
        if (rev != shortName)
        {
            return ("invalid pseudo-version: " + (rev.StartsWith(shortName, StringComparison.Ordinal) ? $"revision is longer than canonical (expected {shortName})"
                : shortName.StartsWith(rev, StringComparison.Ordinal) ? $"revision is shorter than canonical (expected {shortName})"
                : $"does not match short name of revision (expected {shortName})"), fixedFields, false);
        }

        if (!PseudoVersion.TryGetTime(version, out var time, out var timeError))
        {
            return ("invalid pseudo-version: " + timeError, fixedFields, false);
        }

        if (time != read.Time.Value.UtcDateTime)
        {
            var expected = read.Time.Value.UtcDateTime.ToString(PseudoVersion.TimestampFormat, System.Globalization.CultureInfo.InvariantCulture);
            return ($"invalid pseudo-version: does not match version-control timestamp (expected {expected})", fixedFields, false);
        }

        if (baseVersion.Length == 0)
        {
            return _pseudoMajor.Length == 0 && Semver.Major(version) == "v1"
                ? ("invalid pseudo-version: major version without preceding tag must be v0, not v1", fixedFields, false)
                : (null, null, false);
        }

        foreach (var (name, tagged) in _refs)
        {
            if (tagged == commit && name.StartsWith("refs/tags/" + TagPrefix, StringComparison.Ordinal) && name[("refs/tags/" + TagPrefix).Length..] == baseVersion)
            {
                return ($"invalid pseudo-version: tag ({name["refs/tags/".Length..]}) found on revision {rev} is already canonical, so should not be replaced with a pseudo-version derived from that tag",
                    null, true);
            }
        }

        var candidates = BaseTags(baseVersion);
        if (candidates.Count == 0)
        {
            return ($"invalid pseudo-version: preceding tag ({baseVersion}) not found", null, true);
        }

        return candidates.Any(read.MergedTags.Contains)
            ? (null, null, false)
            : ($"invalid pseudo-version: revision {rev} is not a descendent of preceding tag ({candidates[^1]["refs/tags/".Length..]})", null, true);
    }

    /// <summary>
    /// The version <c>go get m@commit</c> gives a commit (codeRepo.convert): its highest tag that is not retracted,
    /// else a pseudo-version on the highest non-retracted tag it descends from (RecentTag), else on none.
    /// </summary>
    private string GoGetVersion(GitRevision read, Func<string, bool> isRetracted)
    {
        var prefix = "refs/tags/" + TagPrefix;
        // A v2+ tag of a root module without go.mod at the commit counts as +incompatible (canUseIncompatible).
        var incompatibleAllowed = _codeDir.Length == 0 && _pathMajor.Length == 0 && read.Files.GetValueOrDefault("go.mod") is null;
        IEnumerable<string> Allowed(IEnumerable<string> tags) => tags
            .Where(v => Semver.IsValid(v) && Semver.Canonical(v) == v && !PseudoVersion.IsPseudoVersion(v))
            .Select(v => ModulePath.MatchPathMajor(v, _pathMajor) ? v : incompatibleAllowed && string.CompareOrdinal(Semver.Major(v), "v1") > 0 ? v + "+incompatible" : null)
            .OfType<string>()
            .Where(v => !isRetracted(v));
        static string Highest(IEnumerable<string> versions) => versions.Aggregate("", (max, v) => Semver.Compare(v, max) > 0 ? v : max);

        var onCommit = Highest(Allowed(_refs.Where(r => r.Value == read.Commit && r.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(r => r.Key[prefix.Length..])));
        if (onCommit.Length > 0)
        {
            return onCommit;
        }

        var recent = Highest(Allowed(read.MergedTags.Where(r => r.StartsWith(prefix, StringComparison.Ordinal)).Select(r => r[prefix.Length..])));
        return PseudoVersion.Build(_pseudoMajor.Length > 0 ? _pseudoMajor : "v0", recent, read.Time!.Value.UtcDateTime, read.Commit![..12]);
    }

    /// <summary>
    /// go's retractedVersions: the retract lines of the go.mod of the latest version ignoring retractions; nothing is
    /// retracted when there is no tag or that go.mod cannot be read (go ignores the error there too).
    /// </summary>
    private async Task<Func<string, bool>> RetractedAsync(CancellationToken cancellationToken)
    {
        if (DirectLookup.RawLatest(RepoTags.For(_refs, _repo.Root, _modulePath).Versions(out _)) is not { } latest
            || (await StatAsync(latest, cancellationToken)).GoMod is not { } goMod)
        {
            return _ => false;
        }

        var retract = ModFileParser.Parse("go.mod", goMod, ParseMode.Lax).Model.Retract;
        return v => Resolution.ProxyQueries.IsRetracted(retract, v, out _);
    }

    /// <summary>modfetch.LegacyGoMod: the go.mod go assumes for a module without one.</summary>
    private byte[] LegacyGoMod() => Encoding.UTF8.GetBytes("module " + ModQuoting.AutoQuote(_modulePath) + "\n");

    /// <summary>isMajor: whether a go.mod's module path allows the major version(s) the path suffix implies.</summary>
    private static bool IsMajor(string mpath, string pathMajor)
    {
        if (mpath.Length == 0)
        {
            return false;
        }

        var (_, mpathMajor, ok) = ModulePath.SplitPathVersion(mpath);
        if (!ok)
        {
            return false;
        }

        if (pathMajor.Length == 0)
        {
            return PathMajorPrefix(mpathMajor) is "" or "v0" or "v1";
        }

        return mpathMajor.Length > 0 && pathMajor[1..] == mpathMajor[1..];
    }

    /// <summary>module.PathMajorPrefix: <c>/v2</c> and <c>.v2</c> (and <c>.v2-unstable</c>) give <c>v2</c>.</summary>
    private static string PathMajorPrefix(string pathMajor)
    {
        if (pathMajor.Length == 0)
        {
            return "";
        }

        if (pathMajor.StartsWith(".v", StringComparison.Ordinal) && pathMajor.EndsWith("-unstable", StringComparison.Ordinal))
        {
            pathMajor = pathMajor[..^"-unstable".Length];
        }

        return pathMajor[1..];
    }

    private static string Strip(string version) =>
        version.EndsWith("+incompatible", StringComparison.Ordinal) ? version[..^"+incompatible".Length] : version;

    private static string Join(string dir, string file) => dir.Length == 0 ? file : dir + "/" + file;
}
