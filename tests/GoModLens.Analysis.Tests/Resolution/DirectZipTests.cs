using System.Text.Json;
using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Findings;
using GoModLens.Analysis.GoSum;
using GoModLens.Analysis.Resolution;
using GoModLens.Infrastructure.Composition;
using GoModLens.Infrastructure.Vcs;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.GitHost;
using GoModLens.TestUtilities.SumDb;

namespace GoModLens.Analysis.Tests.Resolution;

/// <summary>Repositories whose trees exercise every rule between a git tree and go's module zip.</summary>
public sealed class ZipHostFixture : IAsyncLifetime
{
    public VanityGitHost Host { get; private set; } = null!;

    /// <summary>An untagged commit of "rules" (a pseudo-version: fetched by hash, not by tag).</summary>
    public string RulesUntagged { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (GoOracle.GoPath is null && !string.Equals(System.Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return; // every test here skips without the oracle
        }

        Host = await VanityGitHost.StartAsync();
        // go 1.24+: vendor/modules.txt left out, pkg/vendor/vendor.go kept (go.dev/issue/37397).
        Host.AddRepository("rules", t => Rules(t, "1.24"));
        // Before go 1.24 both the other way round: older modules keep their hashes.
        Host.AddRepository("oldrules", t => Rules(t, "1.21"));
        Host.AddRepository("monorepo", t =>
        {
            t.Write("LICENSE", "root licence\n").Write("go.mod", "module example.test/monorepo\n\ngo 1.21\n").Write("root.go", "package monorepo\n");
            t.Write("api/go.mod", "module example.test/monorepo/api\n\ngo 1.21\n").Write("api/api.go", "package api\n").Write("api/v/x.go", "package v\n");
            t.Write("tool/go.mod", "module example.test/monorepo/tool\n\ngo 1.21\n").Write("tool/LICENSE", "tool licence\n").Write("tool/t.go", "package tool\n");
            t.Commit("one").Tag("api/v1.0.0").Tag("tool/v1.0.0");
        });
        Host.AddRepository("clash", t => t.Write("go.mod", "module example.test/clash\n\ngo 1.21\n").Write("A.go", "package clash\n").Write("a.go", "package clash\n")
            .Commit("case").Tag("v1.0.0"));
        Host.AddRepository("plain", t => t.Write("p.go", "package plain\n").Commit("no go.mod").Tag("v1.0.0"), allowFilter: false);
    }

    private void Rules(GitWorkTree t, string goVersion)
    {
        var module = goVersion == "1.24" ? "rules" : "oldrules";
        t.Write("go.mod", $"module example.test/{module}\n\ngo {goVersion}\n").Write("a.go", "package rules\n");
        t.Write("vendor/modules.txt", "# example.test/dep v1.0.0\n").Write("vendor/example.test/dep/d.go", "package dep\n");
        t.Write("pkg/vendor/vendor.go", "package vendor\n").Write("pkg/vendor/deep/x.go", "package deep\n");
        t.Write("nested/go.mod", "module example.test/nested\n").Write("nested/n.go", "package nested\n");
        t.Write(".hg_archival.txt", "repo: 0\n").Write("docs/ä.md", "# ä\n").Write("docs/private/notes.md", "export-ignore must not apply\n");
        t.Write("version.go", "package rules\n\nconst Commit = \"$Format:%H$\"\n");
        t.Write("notes.txt", "line one\nline two\n");
        t.Write(".gitattributes", "docs/private/** export-ignore\nversion.go export-subst\n*.txt text eol=crlf\n");
        t.Write("run.sh", "#!/bin/sh\necho hi\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(t.Directory, "run.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        File.CreateSymbolicLink(Path.Combine(t.Directory, "link.go"), "a.go");
        t.Commit("v1.0.0").Tag("v1.0.0");
        t.Write("b.go", "package rules\n").Commit("untagged");
        if (goVersion == "1.24")
        {
            RulesUntagged = t.Head;
        }
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}

/// <summary>
/// The go.sum module hash of a module go fetches directly (GOPRIVATE): GoModLens's hash of the zip go would create
/// from the repository equals the one <c>go mod download</c> (go 1.26, running git itself) computes, across go's zip
/// rules (vendored packages by go version, nested modules, symlinks, executables, .hg_archival.txt, export-ignore and
/// export-subst switched off, eol attributes, the root LICENSE of a module in a subdirectory), and go's refusal of a
/// tree it cannot zip is go's error.
/// </summary>
public sealed class DirectZipTests(ZipHostFixture fixture) : IClassFixture<ZipHostFixture>
{
    private Dictionary<string, string?> Environment(string modCache) => fixture.Host.DirectEnvironment(modCache);

    private async Task<(RequirementReport Report, ModuleZipHash? Zip)> OursAsync(Dictionary<string, string?> env, string path, string version)
    {
        var environment = GoEnvironment.Compute(new GoEnvironmentInput(GoOracle.EnvironmentWith(env), GoOs.Linux, PhysicalGoEnvFileSystem.Instance));
        var gitEnvironment = new Dictionary<string, string?>(fixture.Host.ProxyEnvironment) { ["HOME"] = GoOracle.BaseEnvironment()["HOME"] };
        using var engine = ResolutionEngineFactory.Create(environment, new EngineOptions
        {
            CacheDirectory = null,
            Mirrors = [],
            UseModuleCache = false,
            ProbeDirect = true,
            PerModuleBudget = TimeSpan.FromSeconds(20),
            Git = new GitCommandOptions { Environment = gitEnvironment },
        });
        var options = engine.Options with { CheckLatest = false };
        var report = await engine.Resolver.ResolveAsync(path, version, options, CancellationToken.None);
        return (report, await engine.Resolver.ModuleZipHashAsync(report, options, CancellationToken.None));
    }

    /// <summary><c>go mod download -json</c> of one module: its Sum, or its Error.</summary>
    private static (string? Sum, string? Error) GoDownload(Dictionary<string, string?> env, string query)
    {
        var work = GoOracle.NewScratchDir("zip-go");
        File.WriteAllText(Path.Combine(work, "go.mod"), "module m\n\ngo 1.21\n");
        var result = GoOracle.Run(work, env, "mod", "download", "-json", query);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        return (root.TryGetProperty("Sum", out var sum) ? sum.GetString() : null, root.TryGetProperty("Error", out var error) ? error.GetString() : null);
    }

    [SkippableTheory]
    [InlineData("example.test/rules", "v1.0.0")]
    [InlineData("example.test/oldrules", "v1.0.0")]
    [InlineData("example.test/monorepo/api", "v1.0.0")]   // a subdirectory without LICENSE: the root's goes in
    [InlineData("example.test/monorepo/tool", "v1.0.0")]  // a subdirectory with its own LICENSE
    [InlineData("example.test/plain", "v1.0.0")]          // no go.mod; a server without partial clone
    public async Task The_zip_hash_equals_gos(string path, string version)
    {
        GoOracle.Require();
        var env = Environment(GoOracle.NewScratchDir("modcache"));
        var (_, zip) = await OursAsync(env, path, version);
        var go = GoDownload(env, path + "@" + version);

        Assert.Null(go.Error);
        Assert.NotNull(zip);
        Assert.Null(zip.GoError);
        Assert.Equal(go.Sum, zip.Hash);
        Assert.Equal($"http://example.test/{path.Split('/')[1]}.git at refs/tags/{(path.Split('/').Length > 2 ? path.Split('/')[2] + "/" : "")}{version}", zip.Source);
    }

    [SkippableFact]
    public async Task The_rules_leave_out_what_go_leaves_out()
    {
        GoOracle.Require();
        var env = Environment(GoOracle.NewScratchDir("modcache"));
        var (_, zip) = await OursAsync(env, "example.test/rules", "v1.0.0");

        // vendor/modules.txt, vendor/example.test/dep/d.go, pkg/vendor/deep/x.go, nested/go.mod, nested/n.go, .hg_archival.txt, link.go
        Assert.Equal(7, zip!.Omitted);
        // go.mod a.go pkg/vendor/vendor.go docs/ä.md docs/private/notes.md version.go notes.txt .gitattributes run.sh
        Assert.Equal(9, zip.Files);
    }

    [SkippableFact]
    public async Task A_pseudo_version_is_hashed_from_its_commit()
    {
        GoOracle.Require();
        var env = Environment(GoOracle.NewScratchDir("modcache"));
        var version = "v1.0.1-0.20240102030405-" + fixture.RulesUntagged[..12];
        var (report, zip) = await OursAsync(env, "example.test/rules", version);
        var go = GoDownload(env, "example.test/rules@" + version);

        Assert.Null(go.Error);
        Assert.Equal(RequirementStatus.Direct, report.Status);
        Assert.Equal(go.Sum, zip!.Hash);
        Assert.Equal("http://example.test/rules.git at commit " + fixture.RulesUntagged[..12], zip.Source);
    }

    [SkippableFact]
    public async Task A_tree_go_cannot_zip_gives_gos_error()
    {
        GoOracle.Require();
        var env = Environment(GoOracle.NewScratchDir("modcache"));
        var (_, zip) = await OursAsync(env, "example.test/clash", "v1.0.0");
        var go = GoDownload(env, "example.test/clash@v1.0.0");

        Assert.NotNull(go.Error);
        Assert.Null(zip!.Hash);
        Assert.StartsWith("create zip: a.go: case-insensitive file name collision", go.Error, StringComparison.Ordinal);
        Assert.Equal("example.test/clash@v1.0.0: " + go.Error, zip.GoError); // go's JSON leaves out the module, its command line says it
    }

    [SkippableTheory]
    [InlineData("example.test/clash", "v1.0.0")]
    [InlineData("example.test/rules", "v1.0.0")]
    [InlineData("example.test/oldrules", "v1.0.0")]
    [InlineData("example.test/monorepo/api", "v1.0.0")]
    [InlineData("example.test/monorepo/tool", "v1.0.0")]
    [InlineData("example.test/plain", "v1.0.0")]
    public async Task A_tree_go_cannot_zip_is_found_from_its_listing_as_the_version_resolves(string path, string version)
    {
        GoOracle.Require();
        var env = Environment(GoOracle.NewScratchDir("modcache"));
        var (report, _) = await OursAsync(env, path, version);
        var go = GoDownload(env, path + "@" + version);

        // No go.sum needed: the tree's names (fetched with the version's go.mod) tell what go's download will say.
        Assert.Equal(go.Error is null ? null : $"{path}@{version}: {go.Error}", report.Direct?.Vcs?.ZipError);
        var refused = FindingsBuilder.FromReport(report, "go.mod", new FindingsContext("example.test", "example.test"))
            .Where(f => f.Code == FindingCodes.ModuleZipRefused).ToList();
        Assert.Equal(go.Error is null ? 0 : 1, refused.Count);
        if (go.Error is not null)
        {
            Assert.Equal(FindingSeverity.Error, refused[0].Severity);
            Assert.StartsWith($"go cannot create the module zip of {path}@{version} from its repository: a.go: case-insensitive file name collision", refused[0].Message, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task A_public_module_go_fetches_from_its_repository_is_verified_with_the_database_too()
    {
        GoOracle.Require();
        // The database recorded example.test/rules@v1.0.0 with another go.mod: the tag moved after it was first fetched.
        var recorded = GoOracle.NewScratchDir("recorded");
        Directory.CreateDirectory(Path.Combine(recorded, "example.test", "rules", "@v"));
        File.WriteAllText(Path.Combine(recorded, "example.test", "rules", "@v", "v1.0.0.mod"), "module example.test/rules\n\ngo 1.24\n// as first served\n");
        using var db = new SumDbServer(recorded);
        var env = Environment(GoOracle.NewScratchDir("modcache"));
        (env["GOPRIVATE"], env["GONOSUMDB"], env["GOSUMDB"]) = ("", "", db.GoSumDb()); // a public path, fetched directly (GOPROXY=direct)
        env["GOPATH"] = GoOracle.NewScratchDir("gopath");

        var go = GoDownload(env, "example.test/rules@v1.0.0");
        Assert.StartsWith("example.test/rules@v1.0.0: verifying go.mod: checksum mismatch", go.Error, StringComparison.Ordinal);

        var environment = GoEnvironment.Compute(new GoEnvironmentInput(GoOracle.EnvironmentWith(env), GoOs.Linux, PhysicalGoEnvFileSystem.Instance));
        using var engine = ResolutionEngineFactory.Create(environment, new EngineOptions
        {
            CacheDirectory = null, Mirrors = [], UseModuleCache = false, ProbeDirect = true, PerModuleBudget = TimeSpan.FromSeconds(20),
            Git = new GitCommandOptions { Environment = new Dictionary<string, string?>(fixture.Host.ProxyEnvironment) { ["HOME"] = GoOracle.BaseEnvironment()["HOME"] } },
        });
        var goMod = ModFile.Semantics.ModFileParser.Parse("go.mod", "module m\n\ngo 1.21\n\nrequire example.test/rules v1.0.0\n").Model;
        var reports = new List<RequirementReport>();
        await foreach (var report in engine.Resolver.ResolveAllAsync(goMod, engine.Options with { CheckLatest = false }, CancellationToken.None))
        {
            reports.Add(report);
        }

        Assert.Equal(RequirementStatus.Direct, Assert.Single(reports).Status);
        var (findings, _) = await ChecksumDatabase.CheckAsync(engine.Resolver, goMod, null, reports, engine.Options, "go.mod", CancellationToken.None);
        var mismatch = Assert.Single(findings);
        Assert.Equal(FindingCodes.ChecksumDatabaseMismatch, mismatch.Code);
        Assert.Equal(go.Error, mismatch.GoMessage);
    }

    [SkippableFact]
    public async Task No_zip_for_a_path_the_checksum_database_vouches_for_even_when_go_fetches_it_directly()
    {
        GoOracle.Require();
        var env = Environment(GoOracle.NewScratchDir("modcache"));
        env.Remove("GOPRIVATE"); // GOPROXY=direct still: git finds it, but no GONOSUMDB pattern covers it
        env["GOSUMDB"] = "off";
        var (report, zip) = await OursAsync(env, "example.test/rules", "v1.0.0");

        Assert.Equal(RequirementStatus.Direct, report.Status);
        Assert.Equal(Direct.DirectOutcome.Found, report.Direct!.Vcs!.Outcome);
        Assert.Null(zip);
    }

    [SkippableFact]
    public async Task No_zip_where_go_does_not_go_direct()
    {
        GoOracle.Require();
        var env = Environment(GoOracle.NewScratchDir("modcache"));
        var (report, zip) = await OursAsync(env, "example.test/rules", "v9.0.0");

        Assert.NotEqual(RequirementStatus.Direct, report.Status);
        Assert.Null(zip);
    }
}

/// <summary>
/// A GONOSUMDB module's zip as a proxy serves it: hashed as go's downloadZip does, and refused with go's error when
/// go refuses it (a file outside <c>path@version/</c>, bytes that are no zip).
/// </summary>
public sealed class ProxyZipTests
{
    private static async Task<ModuleZipHash?> OursAsync(string proxy, string path, string version)
    {
        var env = new Dictionary<string, string?> { ["GOPROXY"] = proxy, ["GONOSUMDB"] = "example.com", ["GOSUMDB"] = "off" };
        var environment = GoEnvironment.Compute(new GoEnvironmentInput(GoOracle.EnvironmentWith(env), GoOs.Linux, PhysicalGoEnvFileSystem.Instance));
        using var engine = ResolutionEngineFactory.Create(environment, new EngineOptions { CacheDirectory = null, Mirrors = [], UseModuleCache = false, ProbeDirect = false });
        var options = engine.Options with { CheckLatest = false };
        var report = await engine.Resolver.ResolveAsync(path, version, options, CancellationToken.None);
        return await engine.Resolver.ModuleZipHashAsync(report, options, CancellationToken.None);
    }

    private static string? GoError(string proxy, string query)
    {
        var work = GoOracle.NewScratchDir("proxy-zip-go");
        File.WriteAllText(Path.Combine(work, "go.mod"), "module m\n\ngo 1.21\n");
        var env = new Dictionary<string, string?> { ["GOPROXY"] = proxy, ["GONOSUMDB"] = "example.com", ["GOMODCACHE"] = GoOracle.NewScratchDir("proxy-zip-cache") };
        using var json = JsonDocument.Parse(GoOracle.Run(work, env, "mod", "download", "-json", query).Stdout);
        return json.RootElement.TryGetProperty("Error", out var error) ? error.GetString() : null;
    }

    [SkippableTheory]
    [InlineData("stray")]    // one file outside example.com/z@v1.0.0/
    [InlineData("garbage")]  // not a zip at all
    public async Task A_zip_go_refuses_gets_gos_error(string shape)
    {
        GoOracle.Require();
        var root = GoOracle.NewScratchDir("proxy-zip-tree");
        new TestUtilities.ProxyTree.ProxyTreeBuilder().Add("example.com/z", "v1.0.0", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)).WriteTo(root);
        var zipPath = Path.Combine(root, "example.com", "z", "@v", "v1.0.0.zip");
        if (shape == "stray")
        {
            using var zip = System.IO.Compression.ZipFile.Open(zipPath, System.IO.Compression.ZipArchiveMode.Update);
            zip.CreateEntry("elsewhere/stray.go");
        }
        else
        {
            File.WriteAllText(zipPath, "<html>login required</html>");
        }

        var proxy = new Uri(root).AbsoluteUri;
        var ours = await OursAsync(proxy, "example.com/z", "v1.0.0");
        var go = GoError(proxy, "example.com/z@v1.0.0");

        Assert.NotNull(go);
        Assert.Null(ours!.Hash);
        Assert.Equal("example.com/z@v1.0.0: " + go, ours.GoError);
    }
}

/// <summary>How often a module's zip is fetched: once per commit, and a failure not again for every go.sum change.</summary>
public sealed class ModuleZipsCacheTests
{
    private sealed class CountingRemote(bool fails) : Ports.IGitRemote
    {
        public int Archives { get; private set; }

        public Task<Ports.GitListing> ListAsync(string repoUrl, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<Ports.GitRevision>> ReadRevisionsAsync(string repoUrl, IReadOnlyList<Ports.GitRevisionRequest> requests, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<Ports.GitArchive<T>> ReadArchiveAsync<T>(string repoUrl, Ports.GitArchiveRequest request, Func<Ports.GitArchiveContent, T> read, CancellationToken cancellationToken)
            where T : class
        {
            Archives++;
            var content = new Ports.GitArchiveContent(
                [new ModFile.Module.ModuleZipEntry("prefix/go.mod", ModFile.Module.ModuleZipEntryKind.Regular, 22, () => new MemoryStream("module example.com/r\n"u8.ToArray()))],
                new Dictionary<string, byte[]?>());
            return Task.FromResult(fails
                ? new Ports.GitArchive<T>(null, false, false, Ports.GitFailure.Timeout, "git fetch", null, "", TimeSpan.FromSeconds(60))
                : new Ports.GitArchive<T>(read(content), false, false, Ports.GitFailure.None, "git archive", 0, "", TimeSpan.Zero));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_commits_zip_is_fetched_once_and_a_failure_is_not_fetched_again_at_once(bool fails)
    {
        var remote = new CountingRemote(fails);
        var zips = new ModuleZips(new RecordingTransport(), remote);
        var vcs = new Direct.DirectVcsResult(Direct.DirectOutcome.Found, new Direct.RepoRoot("example.com/r", "git", "https://example.com/r", true),
            "refs/tags/v1.0.0", new string('a', 40), null, Ports.FailureKind.None, TimeSpan.Zero, null) { Dir = "" };
        var options = new ResolveOptions(new Analysis.ProxyConfig.ProxySettings("direct"), null);
        var key = new ModuleVersionKey("example.com/r", "v1.0.0");

        var first = await zips.FromRepositoryAsync(key, vcs, options, CancellationToken.None)!;
        var second = await zips.FromRepositoryAsync(key, vcs, options, CancellationToken.None)!;

        Assert.Equal(1, remote.Archives);
        Assert.Same(first, second);
        Assert.Equal(fails, first.Hash is null);
        Assert.Equal(fails ? "example.com/r@v1.0.0: git fetch from https://example.com/r gave no answer within GoModLens's 60s budget (go would keep waiting)" : null, first.GoError);
        Assert.Equal(fails ? null : ModFile.GoSum.DirHash.Hash1([new("example.com/r@v1.0.0/go.mod", "module example.com/r\n"u8.ToArray())]), first.Hash);
    }
}
