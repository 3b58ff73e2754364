using GoModLens.Analysis.Direct;
using GoModLens.Analysis.Ports;

namespace GoModLens.Analysis.Tests.Resolution;

/// <summary>The pieces of go's direct path that need no repository: known hosts, GOVCS, tag mapping, git's errors.</summary>
public sealed class DirectUnitTests
{
    [Theory]
    [InlineData("github.com/owner/repo", "github.com/owner/repo", "git", "https://github.com/owner/repo")]
    [InlineData("github.com/owner/repo/v2/sub", "github.com/owner/repo", "git", "https://github.com/owner/repo")]
    [InlineData("bitbucket.org/team/project", "bitbucket.org/team/project", "git", "https://bitbucket.org/team/project")]
    [InlineData("git.example.com/group/repo.git/sub", "git.example.com/group/repo.git", "git", "https://git.example.com/group/repo.git")]
    [InlineData("hg.example.com/repo.hg", "hg.example.com/repo.hg", "hg", "https://hg.example.com/repo.hg")]
    public void Known_hosts_need_no_go_get_page(string path, string root, string vcs, string url)
    {
        var repo = KnownHosts.Match(path, out var error);
        Assert.Null(error);
        Assert.Equal(new RepoRoot(root, vcs, url, false), repo);
    }

    [Fact]
    public void Other_paths_go_to_the_go_get_page_and_a_bad_known_host_path_is_gos_error()
    {
        Assert.Null(KnownHosts.Match("example.com/foo/bar", out var none));
        Assert.Null(none);
        Assert.Null(KnownHosts.Match("github.com/owner", out var error));
        Assert.Equal("invalid github.com import path \"github.com/owner\"", error);
        Assert.Null(KnownHosts.Match("github.com/owner/répo", out var unicode)); // RE2's \w is ASCII
        Assert.NotNull(unicode);
    }

    [Theory]
    [InlineData("", "", "example.com/r", "git", null)]
    [InlineData("", "", "example.com/r", "svn", "GOVCS disallows using svn for public example.com/r; see 'go help vcs'")]
    [InlineData("", "example.com", "example.com/r", "svn", null)] // private: all
    [InlineData("example.com:off", "example.com", "example.com/r", "git", "GOVCS disallows using git for private example.com/r; see 'go help vcs'")]
    [InlineData("example.com:git,example.com/r:hg", "", "example.com/r", "hg", "GOVCS disallows using hg for public example.com/r; see 'go help vcs'")] // first match decides
    [InlineData("*.com:all", "", "example.com/r", "bzr", null)]
    [InlineData("public:git|svn", "", "example.com/r", "svn", null)]
    public void GOVCS_first_matching_rule_then_gos_defaults(string govcs, string goprivate, string root, string vcs, string? refusal)
    {
        var policy = GoVcsPolicy.Parse(govcs, goprivate, out var error);
        Assert.Null(error);
        Assert.Equal(refusal, policy.Check(root, vcs));
    }

    [Theory]
    [InlineData("a:git,", "empty entry in GOVCS")]
    [InlineData("example.com", "malformed entry in GOVCS (missing colon): \"example.com\"")]
    [InlineData(":git", "empty pattern in GOVCS: \":git\"")]
    [InlineData("example.com:", "empty VCS list in GOVCS: \"example.com:\"")]
    [InlineData("./x:git", "relative pattern not allowed in GOVCS: \"./x\"")]
    [InlineData("a:git,a:hg", "unreachable pattern in GOVCS: \"a:hg\" after \"a:git\"")]
    [InlineData("a:git||hg", "empty VCS name in GOVCS: \"a:git||hg\"")]
    public void Malformed_GOVCS_is_gos_error(string govcs, string message) =>
        Assert.Equal(message, GoVcsPolicy.Parse(govcs, "", out var error) is not null ? error : null);

    private static readonly IReadOnlyDictionary<string, string> s_refs = RepoTags.ParseLsRemote(
        "1111111111111111111111111111111111111111\tHEAD\n" +
        "1111111111111111111111111111111111111111\trefs/heads/main\n" +
        "2222222222222222222222222222222222222222\trefs/tags/v1.0.0\n" +
        "3333333333333333333333333333333333333333\trefs/tags/v1.1.0\n" +
        "4444444444444444444444444444444444444444\trefs/tags/v1.1.0^{}\n" +
        "5555555555555555555555555555555555555555\trefs/tags/v1.2\n" +
        "6666666666666666666666666666666666666666\trefs/tags/v2.0.0\n" +
        "7777777777777777777777777777777777777777\trefs/tags/v1.3.0-rc.1\n" +
        "8888888888888888888888888888888888888888\trefs/tags/sub/v0.1.0\n" +
        "9999999999999999999999999999999999999999\trefs/tags/v1.4.0+meta\n");

    [Fact]
    public void Tags_map_to_versions_like_gos_code_repo()
    {
        var root = RepoTags.For(s_refs, "example.com/r", "example.com/r");
        Assert.Equal(["v1.0.0", "v1.1.0", "v1.3.0-rc.1"], root.Versions(out var incompatible)); // v1.2 is not canonical, v1.4.0+meta has build metadata
        Assert.Equal(["v2.0.0"], incompatible); // a +incompatible candidate
        Assert.Equal(("refs/tags/v1.1.0", "4444444444444444444444444444444444444444"), root.Find("v1.1.0")); // the peeled commit
        Assert.Equal(("refs/tags/v2.0.0", "6666666666666666666666666666666666666666"), root.Find("v2.0.0+incompatible"));
        Assert.Null(root.Find("v1.0.1"));
        Assert.Equal(("refs/heads/main", "1111111111111111111111111111111111111111"), root.Find("v0.0.0-20240102030405-111111111111"));
        Assert.Null(root.Find("v0.0.0-20240102030405-abcdefabcdef"));
        Assert.Equal("1111111111111111111111111111111111111111", root.Head);

        var sub = RepoTags.For(s_refs, "example.com/r", "example.com/r/sub");
        Assert.Equal("sub/", sub.TagPrefix);
        Assert.Equal(["v0.1.0"], sub.Versions(out _));
        Assert.Equal("sub/v0.2.0", sub.TagOf("v0.2.0"));

        var v2 = RepoTags.For(s_refs, "example.com/r", "example.com/r/v2");
        Assert.Equal("", v2.TagPrefix); // the /v2 suffix is not a directory in the tag
        Assert.Equal(["v2.0.0"], v2.Versions(out _));
    }

    [Theory]
    [InlineData("fatal: could not read Username for 'https://git.corp.example': terminal prompts disabled", FailureKind.Unauthorized)]
    [InlineData("remote: HTTP Basic: Access denied\nfatal: Authentication failed for 'https://gitlab.example/x.git/'", FailureKind.Unauthorized)]
    [InlineData("fatal: unable to access 'https://h/x.git/': The requested URL returned error: 403", FailureKind.Forbidden)]
    [InlineData("git@github.com: Permission denied (publickey).\nfatal: Could not read from remote repository.", FailureKind.Forbidden)]
    [InlineData("remote: Repository not found.\nfatal: repository 'https://github.com/o/x/' not found", FailureKind.NotFound)]
    [InlineData("fatal: unable to access 'https://h/x.git/': The requested URL returned error: 502", FailureKind.BadGateway)]
    [InlineData("fatal: unable to access 'https://h/x.git/': Could not resolve host: h", FailureKind.DnsNotFound)]
    [InlineData("fatal: unable to access 'https://h/x.git/': Failed to connect to h port 443 after 3 ms: Couldn't connect to server", FailureKind.ConnectionRefused)]
    [InlineData("fatal: unable to access 'https://h/x.git/': SSL certificate problem: self-signed certificate", FailureKind.Tls)]
    public void Gits_messages_are_classified(string stderr, FailureKind kind) => Assert.Equal(kind, DirectLookup.Classify(stderr));

    [Fact]
    public void Gos_help_text_follows_a_missing_username_only_and_passwords_are_never_printed()
    {
        var username = DirectLookup.GitFailureMessage(new GitListing(null, GitFailure.Exit, 128, "fatal: could not read Username for 'https://h': terminal prompts disabled", TimeSpan.Zero),
            "https://h/x.git", "/nonexistent/modcache", TimeSpan.FromSeconds(10));
        Assert.Equal("invalid version: git ls-remote -q --end-of-options https://h/x.git in /nonexistent/modcache/cache/vcs/"
            + DirectLookup.VcsDirectory("/m", "https://h/x.git")![^64..] + ": exit status 128:\n"
            + "\tfatal: could not read Username for 'https://h': terminal prompts disabled\n"
            + "Confirm the import path was entered correctly.\nIf this is a private repository, see https://golang.org/doc/faq#git_https for additional information.", username.Message);

        var leaked = DirectLookup.GitFailureMessage(new GitListing(null, GitFailure.Exit, 128, "fatal: unable to access 'https://bob:hunter2@h/x.git/': The requested URL returned error: 500", TimeSpan.Zero),
            "https://bob:hunter2@h/x.git", null, TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("hunter2", leaked.Message, StringComparison.Ordinal);
        Assert.Contains("https://bob:xxxxx@h/x.git/", leaked.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Confirm the import path", leaked.Message, StringComparison.Ordinal);
        Assert.Equal(FailureKind.ServerError, leaked.Kind);
    }

    [Theory]
    [InlineData("invalid version: unknown revision v1.1.0", "version \"v1.1.0\" invalid: unknown revision v1.1.0")]
    [InlineData("invalid pseudo-version: revision is shorter than canonical (expected 0123456789ab)", "pseudo-version \"v1.1.0\" invalid: revision is shorter than canonical (expected 0123456789ab)")]
    [InlineData("git fetch failed", "git fetch failed")]
    public void CheckRetractions_prints_the_error_inside_gos_ModuleError(string error, string expected) =>
        Assert.Equal(expected, DirectLookup.WithoutModuleFrame("v1.1.0", error)); // x/mod module.InvalidVersionError.Error
}
