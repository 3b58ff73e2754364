using System.Text.Json;
using GoModLens.Analysis.Direct;
using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Ports;
using GoModLens.Analysis.Resolution;
using GoModLens.Infrastructure.Composition;
using GoModLens.Infrastructure.Vcs;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.GitHost;

namespace GoModLens.Analysis.Tests.Resolution;

/// <summary>Repositories on the vanity git host, built once: tags, an annotated tag, a module in a subdirectory, a /v2 module.</summary>
public sealed class GitHostFixture : IAsyncLifetime
{
    public VanityGitHost Host { get; private set; } = null!;

    /// <summary>A commit of lib that no ref points at.</summary>
    public string LibMiddle { get; private set; } = "";

    /// <summary>lib's v1.0.0 commit.</summary>
    public string LibV100 { get; private set; } = "";

    /// <summary>A commit of side's main branch, after v1.0.0 but not after v1.2.0 (tagged on another branch).</summary>
    public string SideMiddle { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (GoOracle.GoPath is null && !string.Equals(System.Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return; // every test here skips without the oracle
        }

        Host = await VanityGitHost.StartAsync();
        Host.AddRepository("lib", t =>
        {
            t.Write("go.mod", "module example.test/lib\n\ngo 1.21\n").Write("lib.go", "package lib\n").Commit("v1.0.0").Tag("v1.0.0");
            LibV100 = t.Head;
            t.Write("lib.go", "package lib\n\n// One more.\nconst One = 1\n").Commit("v1.1.0").Tag("v1.1.0", annotated: true);
            t.Commit("v1.2.0-rc.1").Tag("v1.2.0-rc.1");
            t.Write("sub/go.mod", "module example.test/lib/sub\n\ngo 1.21\n").Write("sub/sub.go", "package sub\n").Commit("sub").Tag("sub/v0.1.0");
            t.Commit("middle"); // neither tagged nor a branch tip
            LibMiddle = t.Head;
            t.Commit("tip"); // main moves past every tag
        });
        Host.AddRepository("major", t =>
        {
            t.Write("go.mod", "module example.test/major\n\ngo 1.21\n").Write("m.go", "package major\n").Commit("v1").Tag("v1.0.0");
            t.Write("go.mod", "module example.test/major/v2\n\ngo 1.21\n").Commit("v2").Tag("v2.0.0").Tag("v2.1.0-beta.1").Tag("v2.1.0-beta.2");
        });
        Host.AddRepository("untagged", t => t.Write("go.mod", "module example.test/untagged\n\ngo 1.21\n").Write("u.go", "package untagged\n").Commit("only"));

        // What go reads in the tree: retractions and deprecation in the latest go.mod, go.mod location and path, +incompatible.
        Host.AddRepository("retracting", t =>
        {
            t.Write("go.mod", "module example.test/retracting\n\ngo 1.21\n").Commit("v1.0.0").Tag("v1.0.0");
            t.Write("go.mod", "module example.test/retracting\n\ngo 1.21\n\nretract v1.0.0 // data loss on save\n").Commit("v1.1.0").Tag("v1.1.0");
        });
        Host.AddRepository("deprecated", t =>
        {
            t.Write("go.mod", "module example.test/deprecated\n\ngo 1.21\n").Commit("v1.0.0").Tag("v1.0.0");
            t.Write("go.mod", "// Deprecated: use example.test/lib instead.\nmodule example.test/deprecated\n\ngo 1.21\n").Commit("v1.1.0").Tag("v1.1.0");
        });
        Host.AddRepository("mono", t => t.Write("go.mod", "module example.test/mono\n\ngo 1.21\n").Write("sub/s.go", "package sub\n").Commit("one").Tag("sub/v1.0.0"));
        Host.AddRepository("inc", t => t.Write("go.mod", "module example.test/inc\n\ngo 1.21\n").Commit("one").Tag("v2.0.0"));
        Host.AddRepository("post", t => t.Write("go.mod", "module example.test/post/v2\n\ngo 1.21\n").Commit("one").Tag("v1.0.0"));
        Host.AddRepository("nomod", t =>
        {
            t.Write("n.go", "package nomod\n").Commit("v1").Tag("v1.0.0");
            t.Write("n.go", "package nomod\n\nconst Two = 2\n").Commit("v2").Tag("v2.0.0");
        }, allowFilter: false); // git without partial clone: whole trees come, as go fetches them
        Host.AddRepository("majorsub", t =>
        {
            t.Write("go.mod", "module example.test/majorsub\n\ngo 1.21\n").Commit("v1").Tag("v1.0.0");
            t.Write("v2/go.mod", "module example.test/majorsub/v2\n\ngo 1.21\n").Commit("v2 in a subdirectory").Tag("v2.0.0");
        });
        Host.AddRepository("both", t => t.Write("go.mod", "module example.test/both/v2\n").Write("v2/go.mod", "module example.test/both/v2\n").Commit("two").Tag("v2.0.0"));
        Host.AddRepository("neither", t => t.Write("go.mod", "module example.test/neither\n").Commit("v2 tag, v1 path").Tag("v2.0.0"));
        Host.AddRepository("other", t => t.Write("go.mod", "module example.test/different\n\ngo 1.21\n").Commit("one").Tag("v1.0.0"));
        Host.AddRepository("side", t =>
        {
            t.Write("go.mod", "module example.test/side\n\ngo 1.21\n").Commit("v1.0.0").Tag("v1.0.0");
            t.Git("checkout", "-q", "-b", "other");
            t.Write("x.go", "package side\n").Commit("side").Tag("v1.2.0");
            t.Git("checkout", "-q", "main");
            t.Write("y.go", "package side\n").Commit("middle");
            SideMiddle = t.Head;
            t.Commit("tip");
        });
        // v1.1.0 is retracted by the latest go.mod (v1.2.0, on another branch); a later commit of main descends from
        // v1.0.0 and v1.1.0, and v1.1.1 on main is retracted as well but tagged on that commit.
        Host.AddRepository("retractbase", t =>
        {
            t.Write("go.mod", "module example.test/retractbase\n\ngo 1.21\n").Commit("v1.0.0").Tag("v1.0.0");
            t.Write("a.go", "package retractbase\n").Commit("v1.1.0").Tag("v1.1.0");
            t.Git("checkout", "-q", "-b", "release");
            t.Write("go.mod", "module example.test/retractbase\n\ngo 1.21\n\nretract [v1.1.0, v1.1.1] // broken\n").Commit("v1.2.0").Tag("v1.2.0");
            t.Git("checkout", "-q", "main");
            t.Write("b.go", "package retractbase\n").Commit("later").Tag("v1.1.1");
            RetractBaseLater = t.Head;
            t.Commit("tip");
        });

        // Commits with their own dates, for go's rule that "upgrade" from a pseudo-version never goes back in time.
        Host.AddRepository("timed", t =>
        {
            t.Write("go.mod", "module example.test/timed\n\ngo 1.21\n").Commit("v1.0.0", "2024-01-01T00:00:00Z").Tag("v1.0.0");
            t.Git("checkout", "-q", "-b", "feature");
            t.Write("f.go", "package timed\n").Commit("feature, after v1.1.0 was tagged", "2024-06-01T00:00:00Z");
            Commits["timed/feature"] = t.Head;
            t.Git("checkout", "-q", "main");
            t.Write("b.go", "package timed\n").Commit("v1.1.0", "2024-03-01T00:00:00Z").Tag("v1.1.0");
            t.Write("c.go", "package timed\n").Commit("head, untagged", "2024-09-01T00:00:00Z");
            Commits["timed/head"] = t.Head;
        });
        // No tags: the head's go.mod deprecates the module and retracts the first commit's pseudo-versions.
        Host.AddRepository("moving", t =>
        {
            t.Write("go.mod", "module example.test/moving\n\ngo 1.21\n").Commit("first", "2024-01-01T00:00:00Z");
            Commits["moving/first"] = t.Head;
            t.Write("go.mod", "// Deprecated: use example.test/lib.\nmodule example.test/moving\n\ngo 1.21\n\n"
                + "retract [v0.0.0-20240101000000-000000000000, v0.0.0-20240101235959-ffffffffffff] // too early\n").Commit("head", "2024-02-01T00:00:00Z");
        });
        // The head (untagged) and the latest tag hold another module: go cannot read their go.mod for retractions.
        Host.AddRepository("badhead", t =>
        {
            t.Write("go.mod", "module example.test/badhead\n\ngo 1.21\n").Commit("first", "2024-01-01T00:00:00Z");
            Commits["badhead/first"] = t.Head;
            t.Write("go.mod", "module example.test/badhead/v2\n\ngo 1.21\n").Commit("head", "2024-02-01T00:00:00Z");
        });
        Host.AddRepository("postlater", t =>
        {
            t.Write("go.mod", "module example.test/postlater\n\ngo 1.21\n").Commit("v1.0.0").Tag("v1.0.0");
            Commits["postlater/v1.0.0"] = t.Head;
            t.Write("go.mod", "module example.test/postlater/v2\n\ngo 1.21\n").Commit("v1.1.0").Tag("v1.1.0");
        });
        Commits["lib/middle"] = LibMiddle;
    }

    /// <summary>Commits the upgrade tests start from, by "repository/label".</summary>
    public Dictionary<string, string> Commits { get; } = [];

    /// <summary>retractbase's commit after the retracted v1.1.0, itself tagged with the retracted v1.1.1.</summary>
    public string RetractBaseLater { get; private set; } = "";

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}

/// <summary>
/// go's direct path (GOPROXY=direct, GOPRIVATE) against real git repositories over smart HTTP: GoModLens's outcome and
/// message for module@version equal <c>go list -m -json</c>'s (go 1.26, which runs git itself), for versions that
/// exist, unknown revisions, missing repositories, authentication, server errors, GOVCS and a missing git.
/// </summary>
public sealed class DirectGitTests(GitHostFixture fixture) : IClassFixture<GitHostFixture>
{
    private sealed record GoModule(string? Version, string? Error, string? Hash, string? Ref, string? Update)
    {
        public DateTimeOffset? Time { get; init; }

        public IReadOnlyList<string> Retracted { get; init; } = [];

        public string? Deprecated { get; init; }
    }

    /// <summary>The environment both tools get: direct only, example.test private and insecure, the vanity host as HTTP proxy.</summary>
    private Dictionary<string, string?> Environment(string modCache, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var env = fixture.Host.DirectEnvironment(modCache);
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            env[k] = v;
        }

        return env;
    }

    private static GoModule GoList(Dictionary<string, string?> env, string query, bool upgrades = false)
    {
        var work = GoOracle.NewScratchDir("direct-go");
        File.WriteAllText(Path.Combine(work, "go.mod"), "module m\n\ngo 1.21\n");
        var result = upgrades
            ? GoOracle.Run(work, env, "list", "-m", "-u", "-e", "-json", query)
            : GoOracle.Run(work, env, "list", "-m", "-e", "-json", query);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        string? Get(JsonElement e, string name) => e.TryGetProperty(name, out var p) ? p.GetString() : null;
        var origin = root.TryGetProperty("Origin", out var o) ? o : default;
        return new GoModule(Get(root, "Version"),
            root.TryGetProperty("Error", out var error) ? Get(error, "Err") ?? error.GetString() : null,
            origin.ValueKind == JsonValueKind.Object ? Get(origin, "Hash") : null,
            origin.ValueKind == JsonValueKind.Object ? Get(origin, "Ref") : null,
            root.TryGetProperty("Update", out var update) ? Get(update, "Version") : null)
        {
            Time = root.TryGetProperty("Time", out var time) ? time.GetDateTimeOffset() : null,
            Retracted = root.TryGetProperty("Retracted", out var retracted) ? [.. retracted.EnumerateArray().Select(r => r.GetString()!)] : [],
            Deprecated = Get(root, "Deprecated"),
        };
    }

    private async Task<RequirementReport> OursAsync(Dictionary<string, string?> env, string path, string version, bool checkLatest = false,
        GitCommandOptions? git = null, TimeSpan? budget = null)
    {
        var environment = GoEnvironment.Compute(new GoEnvironmentInput(GoOracle.EnvironmentWith(env), GoOs.Linux, PhysicalGoEnvFileSystem.Instance));
        var gitEnvironment = new Dictionary<string, string?>(fixture.Host.ProxyEnvironment) { ["HOME"] = env.GetValueOrDefault("HOME") ?? GoOracle.BaseEnvironment()["HOME"] };
        foreach (var trust in (string[])["GIT_SSL_CAINFO", "GIT_SSL_CAPATH", "SSL_CERT_FILE", "SSL_CERT_DIR", "CURL_CA_BUNDLE"])
        {
            gitEnvironment[trust] = GoOracle.EnvironmentWith(env).GetValueOrDefault(trust); // the CAs go's git sees (its wording names the CA file)
        }
        using var engine = ResolutionEngineFactory.Create(environment, new EngineOptions
        {
            CacheDirectory = null,
            Mirrors = [],
            UseModuleCache = true,
            ProbeDirect = true,
            PerModuleBudget = budget ?? TimeSpan.FromSeconds(20),
            Git = git ?? new GitCommandOptions { Environment = gitEnvironment },
        });
        return await engine.Resolver.ResolveAsync(path, version, engine.Options with { CheckLatest = checkLatest }, CancellationToken.None);
    }

    [SkippableTheory]
    [InlineData("example.test/lib", "v1.3.0")]                 // no such tag
    [InlineData("example.test/lib/sub", "v0.2.0")]             // a module in a subdirectory: tag sub/v0.2.0
    [InlineData("example.test/major/v2", "v2.0.1")]            // a /v2 module at the repository root: tag v2.0.1
    [InlineData("example.test/nope", "v1.0.0")]                // the go-get page is 404
    [InlineData("example.test/nometa", "v1.0.0")]              // the go-get page has no go-import tag
    [InlineData("example.test/private", "v1.0.0")]             // 401: git may not prompt for a username
    [InlineData("example.test/broken", "v1.0.0")]              // 500 from the git server
    [InlineData("example.test/gone", "v1.0.0")]                // the go-get page names a repository that is not there
    [InlineData("example.test/gitlabgroup/sub/project", "v1.0.0")] // GitLab without credentials: the page names group/sub
    public async Task A_failing_direct_fetch_has_gos_message(string path, string version)
    {
        GoOracle.Require();
        var cache = GoOracle.NewScratchDir("modcache");
        var env = Environment(cache);
        var ours = await OursAsync(env, path, version); // first: go leaves its repository directory behind, which changes its wording
        var go = GoList(env, path + "@" + version);

        Assert.NotNull(go.Error);
        Assert.NotEqual(RequirementStatus.Direct, ours.Status);
        Assert.NotEqual(RequirementStatus.Resolved, ours.Status);
        Assert.Equal(go.Error, ours.Failure!.GoMessage);
    }

    [SkippableFact]
    public async Task A_go_get_page_naming_a_shorter_root_that_git_cannot_reach_gets_the_GitLab_subgroup_hint()
    {
        GoOracle.Require();
        var env = Environment(GoOracle.NewScratchDir("modcache"));
        var subgroup = await OursAsync(env, "example.test/gitlabgroup/sub/project", "v1.0.0");
        var monorepo = await OursAsync(env, "example.test/lib/sub", "v0.1.0"); // a shorter root git reaches: a module in a subdirectory

        Assert.Contains(subgroup.Notes, n => n.StartsWith("http://example.test/gitlabgroup/sub/project?go-get=1 names example.test/gitlabgroup/sub as the repository, not example.test/gitlabgroup/sub/project: GitLab", StringComparison.Ordinal)
            && n.Contains("machine example.test login USER password TOKEN", StringComparison.Ordinal));
        Assert.DoesNotContain(monorepo.Notes, n => n.Contains("GitLab", StringComparison.Ordinal));
    }

    /// <summary>
    /// A repository behind a certificate git does not trust (as a TLS-inspecting proxy presents one): go's message is
    /// git's, and the note says the fix is git's CA setting.
    /// </summary>
    [SkippableFact]
    public async Task A_repository_whose_certificate_git_does_not_trust_is_a_tls_failure_with_git_s_fix()
    {
        GoOracle.Require();
        var env = Environment(GoOracle.NewScratchDir("modcache"), new Dictionary<string, string?>
        {
            ["GOPRIVATE"] = "example.test,tls.example.test",
            ["GOINSECURE"] = "example.test,tls.example.test", // the go-get page over http; git still checks the certificate
        });
        var ours = await OursAsync(env, "tls.example.test/lib", "v1.0.0");
        var go = GoList(env, "tls.example.test/lib@v1.0.0");

        Assert.True(go.Error!.Contains("certificate", StringComparison.Ordinal), go.Error); // git's words (OpenSSL or GnuTLS)
        Assert.Equal(go.Error, ours.Failure!.GoMessage);
        Assert.Equal(FailureKind.Tls, ours.Failure.Kind);
        Assert.Contains(ours.Notes, n => n.StartsWith("git does not trust the certificate tls.example.test presented", StringComparison.Ordinal)
            && n.Contains("http.sslCAInfo", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Once_go_has_a_repository_directory_it_names_origin_and_so_do_we()
    {
        GoOracle.Require();
        var env = Environment(GoOracle.NewScratchDir("modcache"));
        _ = GoList(env, "example.test/private@v1.0.0");
        var go = GoList(env, "example.test/private@v1.0.0");
        var ours = await OursAsync(env, "example.test/private", "v1.0.0");

        Assert.Contains("git ls-remote -q --end-of-options origin in ", go.Error, StringComparison.Ordinal);
        Assert.Equal(go.Error, ours.Failure!.GoMessage);
        Assert.Equal(FailureKind.Unauthorized, ours.Failure.Kind);
        Assert.Equal(Findings.FindingCodes.AccessDenied, Findings.FindingsBuilder.FromReport(ours, "go.mod", new Findings.FindingsContext("example.test", "example.test")).Single().Code);
    }

    [SkippableTheory]
    [InlineData("example.test/lib", "v1.0.0", "refs/tags/v1.0.0")]
    [InlineData("example.test/lib", "v1.1.0", "refs/tags/v1.1.0")]         // annotated: the commit, not the tag object
    [InlineData("example.test/lib/sub", "v0.1.0", "refs/tags/sub/v0.1.0")]
    [InlineData("example.test/major/v2", "v2.0.0", "refs/tags/v2.0.0")]
    [InlineData("example.test/majorsub/v2", "v2.0.0", "refs/tags/v2.0.0")] // go.mod in the v2/ subdirectory
    public async Task A_version_the_repository_has_is_found_at_gos_commit(string path, string version, string expectedRef)
    {
        GoOracle.Require();
        var env = Environment(GoOracle.NewScratchDir("modcache"));
        var ours = await OursAsync(env, path, version); // first: go's download would answer from the module cache
        var go = GoList(env, path + "@" + version);

        Assert.Null(go.Error);
        Assert.Equal(RequirementStatus.Direct, ours.Status);
        var vcs = ours.Direct!.Vcs!;
        Assert.Equal(DirectOutcome.Found, vcs.Outcome);
        Assert.Equal(expectedRef, vcs.Ref);
        Assert.Equal(go.Ref, vcs.Ref);
        Assert.Equal(go.Hash, vcs.Commit);
        Assert.Equal(go.Time, vcs.Time);
        Assert.Equal("module " + path, System.Text.Encoding.UTF8.GetString(vcs.GoMod!).Split('\n')[0]); // the go.mod go reads (for majorsub, v2/go.mod)
        Assert.Equal("http://example.test/" + path.Split('/')[1] + ".git", vcs.Repo!.RepoUrl);
        var finding = Findings.FindingsBuilder.FromReport(ours, "go.mod", new Findings.FindingsContext("example.test", "example.test")).Single(f => f.Code == Findings.FindingCodes.DirectOnly);
        Assert.Equal(Findings.FindingSeverity.Hint, finding.Severity);
    }

    [SkippableTheory]
    [InlineData("example.test/lib", "v1.0.0")]
    [InlineData("example.test/major/v2", "v2.0.0")]
    [InlineData("example.test/lib/sub", "v0.1.0")]
    [InlineData("example.test/majorsub", "v1.0.0")]     // v2.0.0 is the v2 module's (v2/go.mod), not a +incompatible v1 upgrade
    [InlineData("example.test/major/v2", "v2.1.0-beta.1")] // no release above: the upgrade is the newer pre-release
    public async Task Latest_from_the_tags_equals_go_list_m_u(string path, string version)
    {
        GoOracle.Require();
        var env = Environment(GoOracle.NewScratchDir("modcache"));
        var go = GoList(env, path + "@" + version, upgrades: true);
        var ours = await OursAsync(env, path, version, checkLatest: true);

        Assert.Null(go.Error);
        Assert.Equal(go.Update, ours.Latest?.Update);
    }

    [SkippableFact]
    public async Task A_pseudo_version_is_found_at_gos_commit_at_a_branch_tip_or_anywhere_in_the_history()
    {
        GoOracle.Require();
        var head = GoList(Environment(GoOracle.NewScratchDir("modcache")), "example.test/untagged@main");
        Assert.Null(head.Error);

        var env = Environment(GoOracle.NewScratchDir("modcache")); // ours with an empty module cache
        var atTip = await OursAsync(env, "example.test/untagged", head.Version!);
        Assert.Equal(DirectOutcome.Found, atTip.Direct!.Vcs!.Outcome);
        Assert.Equal("refs/heads/main", atTip.Direct.Vcs.Ref);

        // lib's middle commit is no ref's tip: like go, we fetch the history to find it.
        var middle = GoList(Environment(GoOracle.NewScratchDir("modcache")), "example.test/lib@" + fixture.LibMiddle[..12]);
        Assert.Null(middle.Error);
        var found = await OursAsync(env, "example.test/lib", middle.Version!);
        Assert.Equal(RequirementStatus.Direct, found.Status);
        var vcs = found.Direct!.Vcs!;
        Assert.Equal(DirectOutcome.Found, vcs.Outcome);
        Assert.Null(vcs.Ref);
        Assert.Equal(middle.Hash, vcs.Commit);
        Assert.Equal(middle.Time, vcs.Time);
        Assert.StartsWith("module example.test/lib\n", System.Text.Encoding.UTF8.GetString(vcs.GoMod!), StringComparison.Ordinal);

        // The fetch happened in a scratch repository of our own: go's module cache is not touched.
        var ownCache = Environment(GoOracle.NewScratchDir("modcache"));
        _ = await OursAsync(ownCache, "example.test/lib", middle.Version!);
        Assert.False(Directory.Exists(Path.Combine(ownCache["GOMODCACHE"]!, "cache")));
    }

    [SkippableTheory]
    [InlineData("example.test/mono/sub", "v1.0.0")]             // a module in a subdirectory without a go.mod there
    [InlineData("example.test/inc", "v2.0.0+incompatible")]    // +incompatible, but the tree has a go.mod
    [InlineData("example.test/post", "v1.0.0")]                // a v1 tag whose go.mod says /v2
    [InlineData("example.test/both/v2", "v2.0.0")]             // go.mod and v2/go.mod both claim /v2
    [InlineData("example.test/neither/v2", "v2.0.0")]          // neither claims /v2
    [InlineData("example.test/lib", "wrong time")]             // pseudo-versions: the commit's time differs
    [InlineData("example.test/lib", "unknown commit")]
    [InlineData("example.test/lib", "short revision")]
    [InlineData("example.test/lib", "v1 without a tag")]       // vX.0.0-… is for v0 (or a /vN path) only
    [InlineData("example.test/lib", "already tagged")]         // a pseudo-version of a tagged commit, based on that tag
    [InlineData("example.test/side", "not a descendant")]      // the base tag is on another branch
    public async Task A_version_whose_tree_go_rejects_has_gos_message(string path, string shape)
    {
        GoOracle.Require();
        const string Time = "20240102030405"; // the test repositories' commit time
        var middle = fixture.LibMiddle[..12];
        var version = shape switch
        {
            "wrong time" => "v1.2.0-rc.1.0.20200101000000-" + middle,
            "unknown commit" => $"v1.2.0-rc.1.0.{Time}-0123456789ab",
            "short revision" => $"v1.2.0-rc.1.0.{Time}-" + middle[..11],
            "v1 without a tag" => $"v1.0.0-{Time}-" + middle,
            "already tagged" => $"v1.0.1-0.{Time}-" + fixture.LibV100[..12],
            "not a descendant" => $"v1.2.1-0.{Time}-" + fixture.SideMiddle[..12],
            _ => shape,
        };
        var env = Environment(GoOracle.NewScratchDir("modcache"));
        var ours = await OursAsync(env, path, version);
        var go = GoList(env, path + "@" + version);

        Assert.NotNull(go.Error);
        Assert.Equal(go.Error, ours.Failure!.GoMessage);
        Assert.Equal(RequirementStatus.NotFound, ours.Status);

        // Where the pseudo-version's own fields were wrong, the version offered instead is one go accepts, for the same commit.
        var corrected = ours.Direct!.Vcs!.Corrected;
        Assert.Equal(shape is "wrong time" or "short revision" or "v1 without a tag" or "already tagged" or "not a descendant", corrected is not null);
        if (corrected is not null)
        {
            var accepted = GoList(Environment(GoOracle.NewScratchDir("modcache")), path + "@" + corrected);
            Assert.Null(accepted.Error);
            Assert.Equal(corrected, accepted.Version);
            Assert.Equal(shape switch { "already tagged" => fixture.LibV100, "not a descendant" => fixture.SideMiddle, _ => fixture.LibMiddle }, accepted.Hash);
            if (shape == "not a descendant")
            {
                Assert.Equal(GoList(Environment(GoOracle.NewScratchDir("modcache")), path + "@" + fixture.SideMiddle[..12]).Version, corrected); // go get m@commit's choice
            }
        }
    }

    [SkippableFact]
    public async Task A_wrong_base_is_corrected_to_what_go_get_gives_the_commit_leaving_out_retracted_tags()
    {
        GoOracle.Require();
        // Base v1.2.0: the commit does not descend from it. Its tag v1.1.1 and its ancestor tag v1.1.0 are retracted,
        // so go get m@commit bases the pseudo-version on v1.0.0.
        var version = $"v1.2.1-0.20240102030405-{fixture.RetractBaseLater[..12]}";
        var env = Environment(GoOracle.NewScratchDir("modcache"));
        var ours = await OursAsync(env, "example.test/retractbase", version);
        var go = GoList(env, "example.test/retractbase@" + version);
        var goGet = GoList(Environment(GoOracle.NewScratchDir("modcache")), "example.test/retractbase@" + fixture.RetractBaseLater[..12]);

        Assert.Equal(go.Error, ours.Failure!.GoMessage);
        Assert.Equal("v1.0.1-0.20240102030405-" + fixture.RetractBaseLater[..12], goGet.Version);
        Assert.Equal(goGet.Version, ours.Direct!.Vcs!.Corrected);
    }

    [SkippableTheory]
    [InlineData("example.test/retracting", "v1.0.0")]   // the latest go.mod retracts the required version
    [InlineData("example.test/deprecated", "v1.0.0")]   // the latest go.mod deprecates the module
    [InlineData("example.test/nomod", "v1.0.0")]        // no go.mod anywhere: v2.0.0+incompatible is the upgrade
    [InlineData("example.test/lib", "v1.0.0")]
    public async Task Retractions_deprecation_and_incompatible_upgrades_equal_go_list_m_u(string path, string version)
    {
        GoOracle.Require();
        var env = Environment(GoOracle.NewScratchDir("modcache"));
        var ours = await OursAsync(env, path, version, checkLatest: true);
        var go = GoList(env, path + "@" + version, upgrades: true);

        Assert.Null(go.Error);
        Assert.Equal(go.Update, ours.Latest!.Update);
        Assert.Equal(go.Retracted, ours.Latest.Retracted);
        Assert.Equal(go.Deprecated, ours.Latest.Deprecated);
        Assert.Null(ours.Latest.Error);
        var codes = Findings.FindingsBuilder.FromReport(ours, "go.mod", new Findings.FindingsContext("example.test", "example.test")).Select(f => f.Code).ToList();
        Assert.Equal(go.Retracted.Count > 0, codes.Contains(Findings.FindingCodes.RetractedVersion));
        Assert.Equal(go.Deprecated is not null, codes.Contains(Findings.FindingCodes.DeprecatedModule));
    }

    [SkippableTheory]
    [InlineData("timed/feature")]    // v1.1.0 is above the branch's pseudo-version but older: go stays
    [InlineData("timed/head")]       // above every tag, at the head: nothing newer
    [InlineData("moving/first")]     // no tags: the head's pseudo-version, whose go.mod retracts and deprecates
    [InlineData("lib/middle")]       // above every tag: the head's pseudo-version on the highest tag it descends from
    [InlineData("badhead/first")]    // no tags, and the head's tree is another module: go's error
    [InlineData("postlater/v1.0.0")] // the latest tag's tree is another module: go's error
    public async Task Upgrades_from_untagged_commits_equal_go_list_m_u(string commit)
    {
        GoOracle.Require();
        var path = "example.test/" + commit.Split('/')[0];
        var version = GoList(Environment(GoOracle.NewScratchDir("modcache")), path + "@" + fixture.Commits[commit][..12]).Version!;
        var env = Environment(GoOracle.NewScratchDir("modcache"));
        var ours = await OursAsync(env, path, version, checkLatest: true);
        var go = GoList(env, path + "@" + version, upgrades: true);

        Assert.Equal(go.Update, ours.Latest!.Update);
        Assert.Equal(go.Retracted, ours.Latest.Retracted);
        Assert.Equal(go.Deprecated, ours.Latest.Deprecated);
        Assert.Equal(go.Error, ours.Latest.Error);
        if (go.Update is not null)
        {
            Assert.Equal(go.Update, GoList(Environment(GoOracle.NewScratchDir("modcache")), path + "@latest").Version); // the head, as go list -m @latest says
            Assert.Equal(go.Update, ours.Latest.Latest);
        }
    }

    [SkippableFact]
    public async Task Revisions_share_one_fetch_and_a_tag_gone_from_the_server_fails_only_itself()
    {
        GoOracle.Require();
        var remote = new GitCommandRemote(new GitCommandOptions { Environment = new Dictionary<string, string?>(fixture.Host.ProxyEnvironment) });
        const string Url = "http://example.test/lib.git";
        var before = fixture.Host.Requests.Count;
        var together = await remote.ReadRevisionsAsync(Url,
            [new GitRevisionRequest("refs/tags/v1.0.0", ["go.mod"], null), new GitRevisionRequest("refs/tags/v1.1.0", ["go.mod", "sub/go.mod"], null)], CancellationToken.None);

        Assert.Equal(fixture.LibV100, together[0].Commit);
        Assert.StartsWith("module example.test/lib\n", System.Text.Encoding.UTF8.GetString(together[1].Files["go.mod"]!), StringComparison.Ordinal);
        Assert.Null(together[1].Files["sub/go.mod"]); // sub/ came later
        // One fetch for both tags, then (this server offers partial clone) one fetch of the go.mod blobs cat-file reads:
        // two ref advertisements, where a fetch per tag would make four.
        Assert.Equal(2, fixture.Host.Requests.Skip(before).Count(r => r.StartsWith("GET http://example.test/lib.git/info/refs", StringComparison.Ordinal)));

        // Read again: answered from memory, no request.
        var count = fixture.Host.Requests.Count;
        _ = await remote.ReadRevisionsAsync(Url, [new GitRevisionRequest("refs/tags/v1.0.0", ["go.mod"], null)], CancellationToken.None);
        Assert.Equal(count, fixture.Host.Requests.Count);

        // A tag the server does not have fails the combined fetch; each is then fetched alone, and only it is missing.
        var mixed = await remote.ReadRevisionsAsync(Url,
            [new GitRevisionRequest("refs/tags/v1.2.0-rc.1", ["go.mod"], null), new GitRevisionRequest("refs/tags/v9.9.9", ["go.mod"], null)], CancellationToken.None);
        Assert.True(mixed[0].Succeeded);
        Assert.True(mixed[1].Missing);
        Assert.False(mixed[1].Succeeded);
    }

    [SkippableFact]
    public async Task A_go_mod_declaring_another_path_is_gos_error_when_it_loads_the_graph()
    {
        GoOracle.Require();
        var env = Environment(GoOracle.NewScratchDir("modcache"));
        var ours = await OursAsync(env, "example.test/other", "v1.0.0");
        var work = GoOracle.NewScratchDir("direct-graph");
        File.WriteAllText(Path.Combine(work, "go.mod"), "module m\n\ngo 1.21\n\nrequire example.test/other v1.0.0\n");
        var go = GoOracle.Run(work, env, "list", "-m", "all");

        Assert.NotEqual(0, go.ExitCode);
        Assert.Equal(go.Stderr.Trim(), "go: " + ours.Failure!.GoMessage);
        Assert.Equal(RequirementStatus.Failed, ours.Status);
        var finding = Findings.FindingsBuilder.FromReport(ours, "go.mod", new Findings.FindingsContext("example.test", "example.test")).Single();
        Assert.Equal(Findings.FindingCodes.InvalidProxyResponse, finding.Code);
        Assert.StartsWith("example.test/other@v1.0.0: its go.mod declares the module path example.test/different, so go refuses it under this path (direct)", finding.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("example.test:hg", "example.test")]     // a GOVCS rule for the path allows only hg
    [InlineData("public:hg", "")]                      // not private: the public rule applies
    public async Task GOVCS_refusal_equals_gos(string govcs, string goprivate)
    {
        GoOracle.Require();
        var env = Environment(GoOracle.NewScratchDir("modcache"), new Dictionary<string, string?> { ["GOVCS"] = govcs, ["GOPRIVATE"] = goprivate, ["GONOSUMDB"] = "example.test" });
        var ours = await OursAsync(env, "example.test/lib", "v1.0.0");
        var go = GoList(env, "example.test/lib@v1.0.0");

        Assert.Contains("GOVCS disallows using git", go.Error, StringComparison.Ordinal);
        Assert.Equal(go.Error, ours.Failure!.GoMessage);
        Assert.Equal(RequirementStatus.Disabled, ours.Status);
    }

    [SkippableFact]
    public async Task Without_GOINSECURE_the_go_get_page_is_https_only_and_a_refused_proxy_tunnel_is_gos_error()
    {
        GoOracle.Require();
        var env = Environment(GoOracle.NewScratchDir("modcache"), new Dictionary<string, string?> { ["GOINSECURE"] = "" });
        var ours = await OursAsync(env, "example.test/lib", "v1.0.0");
        var go = GoList(env, "example.test/lib@v1.0.0");

        Assert.Equal("example.test/lib@v1.0.0: unrecognized import path \"example.test/lib\": https fetch: Get \"https://example.test/lib?go-get=1\": Forbidden", go.Error);
        Assert.Equal(go.Error, ours.Failure!.GoMessage);
    }

    [SkippableFact]
    public async Task Without_git_the_message_is_gos()
    {
        GoOracle.Require();
        var env = Environment(GoOracle.NewScratchDir("modcache"));
        var ours = await OursAsync(env, "example.test/lib", "v1.0.0", git: new GitCommandOptions { Git = "/nonexistent/git" });
        var go = GoList(new Dictionary<string, string?>(env) { ["PATH"] = "/nonexistent" }, "example.test/lib@v1.0.0");

        Assert.Equal(go.Error, ours.Failure!.GoMessage);
    }

    [SkippableFact]
    public async Task Netrc_credentials_reach_git_as_they_do_under_go()
    {
        GoOracle.Require();
        var home = GoOracle.NewScratchDir("home");
        File.WriteAllText(Path.Combine(home, ".netrc"), "machine example.test login alice password s3cret\n");
        var env = Environment(GoOracle.NewScratchDir("modcache"), new Dictionary<string, string?> { ["HOME"] = home });
        var ours = await OursAsync(env, "example.test/private", "v1.0.0");
        var go = GoList(env, "example.test/private@v1.0.0");

        // The repository behind the challenge is the 404 "gone" kind: credentials got git past the 401.
        Assert.DoesNotContain("could not read Username", go.Error, StringComparison.Ordinal);
        Assert.Equal(go.Error, ours.Failure!.GoMessage);
        Assert.DoesNotContain("s3cret", ours.Failure.GoMessage, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_git_server_that_never_answers_ends_at_the_deadline()
    {
        GoOracle.Require();
        var env = Environment(GoOracle.NewScratchDir("modcache"));
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var ours = await OursAsync(env, "example.test/hang", "v1.0.0", budget: TimeSpan.FromSeconds(2));

        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(8));
        Assert.Equal(RequirementStatus.TimedOut, ours.Status);
        Assert.Contains("no answer within GoModLens's 2s budget", ours.Failure!.GoMessage, StringComparison.Ordinal);
    }
}
