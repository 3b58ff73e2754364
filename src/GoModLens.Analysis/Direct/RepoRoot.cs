using System.Text.RegularExpressions;

namespace GoModLens.Analysis.Direct;

/// <summary>Where go fetches a module path from when it goes <c>direct</c>: the repository root path, the VCS and its URL.</summary>
/// <param name="Root">The import path of the repository root (a prefix of the module path).</param>
/// <param name="Vcs">git, hg, svn, bzr or fossil.</param>
/// <param name="RepoUrl">The URL go hands the VCS tool.</param>
/// <param name="FromMeta">Found through a <c>?go-get=1</c> page rather than go's table of known hosts.</param>
public sealed record RepoRoot(string Root, string Vcs, string RepoUrl, bool FromMeta)
{
    /// <summary><see cref="RepoUrl"/> with any password replaced by <c>xxxxx</c>: the only form ever shown.</summary>
    public string RedactedUrl => Reports.Redaction.Url(RepoUrl);
}

/// <summary>
/// go's table of hosts whose repository layout it knows without asking (cmd/go/internal/vcs, vcsPaths): for these go
/// requests no <c>?go-get=1</c> page. A path matching none of them is looked up through its go-import meta tag.
/// </summary>
public static partial class KnownHosts
{
    // RE2's \w is ASCII; spelled out so .NET's Unicode \w does not accept more than go.
    private const string Word = "[A-Za-z0-9_.\\-]";

    [GeneratedRegex("^(?<root>github\\.com/" + Word + "+/" + Word + "+)(/" + Word + "+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex GitHub();

    [GeneratedRegex("^(?<root>bitbucket\\.org/" + Word + "+/" + Word + "+)(/" + Word + "+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Bitbucket();

    [GeneratedRegex("^(?<root>hub\\.jazz\\.net/git/[a-z0-9]+/" + Word + "+)(/" + Word + "+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex JazzHub();

    [GeneratedRegex("^(?<root>git\\.apache\\.org/[a-z0-9_.\\-]+\\.git)(/" + Word + "+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Apache();

    [GeneratedRegex("^(?<root>git\\.openstack\\.org/" + Word + "+/" + Word + "+)(\\.git)?(/" + Word + "+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex OpenStack();

    [GeneratedRegex("^(?<root>chiselapp\\.com/user/[A-Za-z0-9]+/repository/" + Word + "+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ChiselApp();

    [GeneratedRegex("^(?<root>launchpad\\.net/((?<project>" + Word + "+)(?<series>/" + Word + "+)?|~" + Word + "+/(\\+junk|" + Word + "+)/" + Word + "+))(/" + Word + "+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Launchpad();

    /// <summary>A path that names its VCS: <c>host/repo.git/sub</c> (go tries https first for it).</summary>
    [GeneratedRegex("^(?<root>(?<repo>([a-z0-9.\\-]+\\.)+[a-z0-9.\\-]+(:[0-9]+)?(/~?" + Word + "+)+?)\\.(?<vcs>bzr|fossil|git|hg|svn))(/~?" + Word + "+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex VcsSuffix();

    /// <summary>The repository go would use for <paramref name="path"/> without a meta lookup, or null.</summary>
    /// <param name="error">Set when the path is on a known host but not a repository path there (go: <c>invalid … import path</c>).</param>
    public static RepoRoot? Match(string path, out string? error)
    {
        error = null;
        (string Prefix, Regex Pattern, string Vcs)[] hosts =
        [
            ("github.com/", GitHub(), "git"),
            ("bitbucket.org/", Bitbucket(), "git"),
            ("hub.jazz.net/git/", JazzHub(), "git"),
            ("git.apache.org/", Apache(), "git"),
            ("git.openstack.org/", OpenStack(), "git"),
            ("chiselapp.com/", ChiselApp(), "fossil"),
            ("launchpad.net/", Launchpad(), "bzr"),
        ];
        foreach (var (prefix, pattern, vcs) in hosts)
        {
            if (!path.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var m = pattern.Match(path);
            if (!m.Success)
            {
                error = $"invalid {prefix.TrimEnd('/')} import path {GoModLens.ModFile.Text.GoQuote.Quote(path)}";
                return null;
            }

            var root = m.Groups["root"].Value;
            return new RepoRoot(root, vcs, "https://" + root, false);
        }

        var suffix = VcsSuffix().Match(path);
        return suffix.Success
            ? new RepoRoot(suffix.Groups["root"].Value, suffix.Groups["vcs"].Value, "https://" + suffix.Groups["repo"].Value + "." + suffix.Groups["vcs"].Value, false)
            : null;
    }
}
