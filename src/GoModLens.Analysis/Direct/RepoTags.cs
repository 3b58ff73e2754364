using GoModLens.ModFile.Module;
using GoModLens.ModFile.Versions;

namespace GoModLens.Analysis.Direct;

/// <summary>
/// A module's versions as go reads them from its repository's refs (cmd/go/internal/modfetch, codeRepo): a module in
/// a subdirectory tags <c>sub/v1.2.3</c> (the subdirectory without its /vN suffix), one at the root <c>v1.2.3</c>; a
/// <c>+incompatible</c> version is the plain tag. Only what <c>git ls-remote</c> shows: the tags and branch tips.
/// </summary>
public sealed class RepoTags
{
    private readonly IReadOnlyDictionary<string, string> _refs;
    private readonly string _pathMajor;

    private RepoTags(IReadOnlyDictionary<string, string> refs, string tagPrefix, string pathMajor)
    {
        _refs = refs;
        TagPrefix = tagPrefix;
        _pathMajor = pathMajor;
    }

    /// <summary>What precedes a version in this module's tags: empty at the repository root, else <c>subdir/</c>.</summary>
    public string TagPrefix { get; }

    /// <param name="refs">Ref name → commit, annotated tags already peeled.</param>
    /// <param name="root">The repository root's import path.</param>
    /// <param name="modulePath">The module path (the root or below it).</param>
    public static RepoTags For(IReadOnlyDictionary<string, string> refs, string root, string modulePath)
    {
        var (prefix, pathMajor, _) = ModulePath.SplitPathVersion(modulePath);
        var codeDir = modulePath == root || !prefix.StartsWith(root, StringComparison.Ordinal) ? "" : prefix[root.Length..].Trim('/');
        return new RepoTags(refs, codeDir.Length == 0 ? "" : codeDir + "/", pathMajor);
    }

    /// <summary>The tag a (non-pseudo) version is read from.</summary>
    public string TagOf(string version) =>
        TagPrefix + (version.EndsWith("+incompatible", StringComparison.Ordinal) ? version[..^"+incompatible".Length] : version);

    /// <summary>
    /// Where <paramref name="version"/> is in the refs: its tag, or for a pseudo-version a branch or tag whose tip is
    /// its commit. Null when the refs do not show it (for a pseudo-version go would still fetch and look further).
    /// </summary>
    public (string Ref, string Commit)? Find(string version)
    {
        if (PseudoVersion.IsPseudoVersion(version))
        {
            var revision = PseudoVersion.PseudoVersionRev(version);
            foreach (var (name, commit) in _refs.OrderBy(r => r.Key == "HEAD").ThenBy(r => r.Key, StringComparer.Ordinal)) // a named branch or tag over HEAD
            {
                if (commit.StartsWith(revision, StringComparison.Ordinal))
                {
                    return (name, commit);
                }
            }

            return null;
        }

        var tag = "refs/tags/" + TagOf(version);
        return _refs.TryGetValue(tag, out var hash) ? (tag, hash) : null;
    }

    /// <summary>
    /// The tagged versions go lists for the module (<c>go list -m -versions</c>), sorted: canonical semver tags under
    /// <see cref="TagPrefix"/> of the path's major version. v2+ tags of a v0/v1 path (<c>+incompatible</c>) need the
    /// tree to decide and are returned, sorted, in <paramref name="incompatibleTags"/> instead (see <see cref="CodeRepo.VersionsAsync"/>).
    /// </summary>
    public IReadOnlyList<string> Versions(out IReadOnlyList<string> incompatibleTags)
    {
        var incompatible = new List<string>();
        var versions = new List<string>();
        foreach (var name in _refs.Keys)
        {
            if (!name.StartsWith("refs/tags/" + TagPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var v = name[("refs/tags/" + TagPrefix).Length..];
            if (!Semver.IsValid(v) || Semver.Canonical(v) != v || PseudoVersion.IsPseudoVersion(v))
            {
                continue;
            }

            if (ModulePath.CheckPathMajor(v, _pathMajor) is null)
            {
                versions.Add(v);
            }
            else if (_pathMajor.Length == 0 && TagPrefix.Length == 0 && string.CompareOrdinal(Semver.Major(v), "v1") > 0)
            {
                incompatible.Add(v);
            }
        }

        Semver.Sort(versions);
        Semver.Sort(incompatible);
        incompatibleTags = incompatible;
        return versions;
    }

    /// <summary>The commit of the default branch (HEAD), if listed.</summary>
    public string? Head => _refs.TryGetValue("HEAD", out var head) ? head : null;

    /// <summary>Parses <c>git ls-remote</c> output (<c>commit TAB ref</c>); an annotated tag's <c>^{}</c> line gives its commit.</summary>
    public static IReadOnlyDictionary<string, string> ParseLsRemote(string output)
    {
        var refs = new Dictionary<string, string>(StringComparer.Ordinal);
        var peeled = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n'))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                continue;
            }

            var hash = line[..tab].Trim();
            var name = line[(tab + 1)..].TrimEnd('\r');
            if (name.EndsWith("^{}", StringComparison.Ordinal))
            {
                peeled[name[..^3]] = hash;
            }
            else
            {
                refs[name] = hash;
            }
        }

        foreach (var (name, hash) in peeled)
        {
            refs[name] = hash;
        }

        return refs;
    }
}
