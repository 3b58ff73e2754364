using GoModLens.Infrastructure.Vcs;
using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.GitHost;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>
/// Private modules in the editor: GOPRIVATE paths go fetches directly are checked with git against a loopback git
/// host (go's messages are pinned in Analysis.Tests' DirectGitTests); what the user sees on each require.
/// </summary>
public sealed class GoModDirectGitTests
{
    /// <summary>example.test private and insecure, reached through the vanity git host (go-get pages and git both).</summary>
    private static (GoModTestEnvironment Env, GitCommandOptions Git) ThroughHost(VanityGitHost host, string goProxy)
    {
        var env = new GoModTestEnvironment(goProxy, goPrivate: "example.test");
        env.Environment["GOINSECURE"] = "example.test";
        foreach (var (name, value) in host.ProxyEnvironment)
        {
            if (value is not null)
            {
                env.Environment[name] = value;
            }
        }

        return (env, new GitCommandOptions { Environment = new Dictionary<string, string?>(host.ProxyEnvironment) { ["HOME"] = env.Root } });
    }

    private const string Main = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.test/lib v1.0.0\n\texample.test/lib/sub v0.2.0\n\texample.test/private v1.0.0\n)\n";

    [SkippableFact]
    public async Task A_private_require_shows_what_its_repository_says_found_unknown_revision_or_access_denied()
    {
        await using var host = await VanityGitHost.StartAsync();
        host.AddRepository("lib", t => t
            .Write("go.mod", "module example.test/lib\n\ngo 1.21\n").Commit("one").Tag("v1.0.0")
            .Write("go.mod", "module example.test/lib\n\ngo 1.21\n\nretract v1.0.0 // corrupts the cache\n").Commit("two").Tag("v1.1.0")
            .Write("sub/go.mod", "module example.test/lib/sub\n\ngo 1.21\n").Commit("sub").Tag("sub/v0.1.0"));

        var (env, git) = ThroughHost(host, "https://proxy.invalid,direct");

        using var analyzer = env.CreateAnalyzer(directGit: git);
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, Main);
        PublishDiagnosticsParams? last = null;
        try
        {
            await WaitForAsync(lsp, env.GoModUri, d => { last = d; return new[] { "GML3001", "GML3002", "GML3009", "GML2007" }.All(c => d.Diagnostics.Any(x => Code(x) == c)); });
        }
        catch (OperationCanceledException)
        {
            // What did arrive, and what reached the git host, say which step of the direct path went wrong.
            throw new Xunit.Sdk.XunitException(string.Join("\n", last?.Diagnostics.Select(d => Code(d) + " " + d.Message) ?? [])
                + "\nrequests: " + string.Join("\n", host.Requests) + "\nhosts: " + string.Join(",", env.Hosts.Hosts));
        }

        var published = last!;

        // Found: a hint with the tag's commit, and the newer tag as an upgrade.
        var found = Assert.Single(published.Diagnostics, d => Code(d) == "GML3009");
        Assert.Equal(DiagnosticSeverity.Hint, found.Severity);
        Assert.Equal(5, found.Range.Start.Line);
        Assert.Contains("is fetched directly with git, not through a proxy", found.Message, StringComparison.Ordinal);
        Assert.Contains("refs/tags/v1.0.0 is commit ", found.Message, StringComparison.Ordinal);

        // The latest go.mod, fetched from the repository, retracts the required version: the newer tag is the way out.
        var retracted = Assert.Single(published.Diagnostics, d => Code(d) == "GML2007");
        Assert.Equal(5, retracted.Range.Start.Line);
        Assert.StartsWith("example.test/lib v1.0.0 is retracted by its author: corrupts the cache (latest unretracted: v1.1.0)", retracted.Message, StringComparison.Ordinal);
        Assert.Contains("Change example.test/lib to v1.1.0 (latest non-retracted)", (await CodeActionsAsync(lsp, env.GoModUri, retracted)).Select(a => a.Title));

        // Unknown revision: go's message, with sub's own tag prefix.
        var unknown = Assert.Single(published.Diagnostics, d => Code(d) == "GML3001");
        Assert.Equal(DiagnosticSeverity.Error, unknown.Severity);
        Assert.Contains("go: example.test/lib/sub@v0.2.0: invalid version: unknown revision sub/v0.2.0", unknown.Message, StringComparison.Ordinal);

        // The 401: the repository (not a proxy) denied access, with go's words and its FAQ link.
        var denied = Assert.Single(published.Diagnostics, d => Code(d) == "GML3002");
        Assert.StartsWith("access to example.test/private@v1.0.0 denied by the repository (noproxy)", denied.Message, StringComparison.Ordinal);
        Assert.Contains("fatal: could not read Username for 'http://example.test': terminal prompts disabled", denied.Message, StringComparison.Ordinal);
        Assert.Contains("https://golang.org/doc/faq#git_https", denied.Message, StringComparison.Ordinal);
        Assert.Contains(denied.RelatedInformation!, r => r.Message.Contains("add a ~/.netrc line (machine example.test login USER password TOKEN)", StringComparison.Ordinal));
        Assert.Empty(await CodeActionsAsync(lsp, env.GoModUri, denied)); // already GOPRIVATE: no GOPRIVATE/GONOSUMDB fix

        var hover = (await lsp.HoverAsync(env.GoModUri, 5, 4))!.Contents.Value;
        Assert.Contains("✓ `refs/tags/v1.0.0` is commit `", hover, StringComparison.Ordinal);
        Assert.Matches(@"of `http://example\.test/lib\.git`, \d{4}-\d\d-\d\d \d\d:\d\d UTC \(git, \d+ ms\)", hover);

        // GONOPROXY held: no request for an example.test path went anywhere but the repository host.
        Assert.DoesNotContain(env.Hosts.Hosts, h => h.Contains("proxy.invalid", StringComparison.Ordinal));
        Assert.Contains(host.Requests, r => r.StartsWith("GET http://example.test/lib.git/info/refs", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task A_hand_written_pseudo_version_with_the_wrong_time_gets_gos_error_and_the_right_version_as_a_fix()
    {
        await using var host = await VanityGitHost.StartAsync();
        var commit = "";
        host.AddRepository("pv", t => commit = t.Write("go.mod", "module example.test/pv\n\ngo 1.21\n").Commit("only").Head);
        var (env, git) = ThroughHost(host, "direct");

        using var analyzer = env.CreateAnalyzer(directGit: git);
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        var wrong = "v0.0.0-20200101000000-" + commit[..12];
        await lsp.OpenAsync(env.GoModUri, $"module example.com/app\n\ngo 1.22\n\nrequire example.test/pv {wrong}\n");
        var published = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML3001"));

        var invalid = Assert.Single(published.Diagnostics, d => Code(d) == "GML3001");
        Assert.Contains($"go: example.test/pv@{wrong}: invalid pseudo-version: does not match version-control timestamp (expected 20240102030405)", invalid.Message, StringComparison.Ordinal);
        // The version go accepts for the commit; here also the latest (the head of the untagged repository), as the title then says.
        Assert.Contains((await CodeActionsAsync(lsp, env.GoModUri, invalid)).Select(a => a.Title), t => t.StartsWith($"Change example.test/pv to v0.0.0-20240102030405-{commit[..12]}", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task A_moved_private_tag_fails_the_go_sum_check_as_it_does_under_go()
    {
        await using var host = await VanityGitHost.StartAsync();
        const string Now = "module example.test/lib\n\ngo 1.21\n";
        const string Before = "module example.test/lib\n\ngo 1.20\n"; // what v1.0.0 held when go.sum was written
        host.AddRepository("lib", t => t.Write("go.mod", Now).Commit("retagged").Tag("v1.0.0"));
        var recorded = ModFile.GoSum.DirHash.HashGoMod(System.Text.Encoding.UTF8.GetBytes(Before));
        var served = ModFile.GoSum.DirHash.HashGoMod(System.Text.Encoding.UTF8.GetBytes(Now));

        var (env, git) = ThroughHost(host, "direct");

        File.WriteAllText(Path.Combine(env.Project, "go.mod"), "module example.com/app\n\ngo 1.22\n\nrequire example.test/lib v1.0.0\n");
        var sum = $"example.test/lib v1.0.0/go.mod {recorded}\n";
        File.WriteAllText(Path.Combine(env.Project, "go.sum"), sum);
        using var analyzer = env.CreateAnalyzer(directGit: git);
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoSumUri, sum, languageId: "go.sum");
        var published = await WaitForAsync(lsp, env.GoSumUri, p => p.Diagnostics.Any(d => Code(d) == "GML1508"));

        var mismatch = Assert.Single(published.Diagnostics);
        Assert.Contains("verifying example.test/lib@v1.0.0/go.mod: checksum mismatch\n\tdownloaded: " + served + "\n\tgo.sum:     " + recorded, mismatch.Message, StringComparison.Ordinal);
        var hover = (await lsp.HoverAsync(env.GoSumUri, 0, 30))!.Contents.Value;
        Assert.Contains("the `.mod` from `http://example.test/lib.git at refs/tags/v1.0.0` hashes to `" + served + "`", hover, StringComparison.Ordinal);

        // go 1.26, fetching the tag itself, stops with the same lines.
        GoOracle.Require();
        var goEnv = GoOracle.BaseEnvironment().ToDictionary(e => e.Key, e => (string?)e.Value);
        foreach (var (name, value) in env.Environment)
        {
            goEnv[name] = value;
        }

        goEnv["GOFLAGS"] = "-mod=mod";
        goEnv["GOMODCACHE"] = Path.Combine(env.Root, "go-modcache");
        var go = GoOracle.Run(env.Project, goEnv, "mod", "download", "example.test/lib");
        Assert.NotEqual(0, go.ExitCode);
        Assert.Contains("verifying example.test/lib@v1.0.0/go.mod: checksum mismatch\n\tdownloaded: " + served + "\n\tgo.sum:     " + recorded, go.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_private_tag_moved_to_new_code_fails_the_module_hash_on_a_fresh_machine_while_the_cache_builds_here()
    {
        GoOracle.Require();
        await using var host = await VanityGitHost.StartAsync();
        GitWorkTree lib = null!;
        host.AddRepository("lib", t => (lib = t).Write("go.mod", "module example.test/lib\n\ngo 1.21\n").Write("lib.go", "package lib\n").Commit("v1").Tag("v1.0.0"));
        var (env, git) = ThroughHost(host, "direct");
        var goEnv = GoOracle.BaseEnvironment().ToDictionary(e => e.Key, e => (string?)e.Value);
        foreach (var (name, value) in env.Environment)
        {
            goEnv[name] = value;
        }

        goEnv["GOFLAGS"] = "-mod=mod -modcacherw";
        File.WriteAllText(Path.Combine(env.Project, "go.mod"), "module example.com/app\n\ngo 1.22\n\nrequire example.test/lib v1.0.0\n");
        // go writes go.sum and fills this test's module cache (the server's GOMODCACHE) from the tag as it was.
        Assert.Equal(0, GoOracle.Run(env.Project, goEnv, "mod", "download", "example.test/lib").ExitCode);
        var sum = File.ReadAllText(Path.Combine(env.Project, "go.sum"));
        var recorded = sum.Split('\n')[0].Split(' ')[2];

        // The tag moves to a commit with other code and the same go.mod: the /go.mod line still matches.
        lib.Write("lib.go", "package lib\n\n// Fixed after the release.\nconst Fixed = true\n").Commit("fix").Tag("v1.0.0-moved");
        lib.Git("tag", "-f", "v1.0.0");
        lib.Git("push", "-q", "-f", Path.Combine(host.Root, "lib.git"), "refs/tags/v1.0.0");

        using var analyzer = env.CreateAnalyzer(directGit: git, useModuleCache: true);
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoSumUri, sum, languageId: "go.sum");
        var published = await WaitForAsync(lsp, env.GoSumUri, p => p.Diagnostics.Any(d => Code(d) == "GML1510"));

        var mismatch = Assert.Single(published.Diagnostics);
        Assert.Equal(0, mismatch.Range.Start.Line); // the module line, not the /go.mod line
        var hover = (await lsp.HoverAsync(env.GoSumUri, 0, 30))!.Contents.Value;
        Assert.Contains("the zip go creates from `http://example.test/lib.git at refs/tags/v1.0.0` hashes to `", hover, StringComparison.Ordinal);
        Assert.Contains("The module cache's `.ziphash` (an earlier download) matches go.sum", hover, StringComparison.Ordinal);

        // With the go.mod open, its require says so too.
        var goModText = File.ReadAllText(Path.Combine(env.Project, "go.mod"));
        await lsp.OpenAsync(env.GoModUri, goModText);
        var onRequire = Assert.Single((await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML1510"))).Diagnostics, d => Code(d) == "GML1510");
        Assert.Equal(4, onRequire.Range.Start.Line);
        Assert.StartsWith("go.sum's hash for example.test/lib@v1.0.0 is not that of the zip go creates from http://example.test/lib.git at refs/tags/v1.0.0", onRequire.Message, StringComparison.Ordinal);

        // go 1.26: the machine with the module cache builds; a fresh one downloads the moved tag and stops with the same lines.
        Assert.Equal(0, GoOracle.Run(env.Project, goEnv, "mod", "download", "example.test/lib").ExitCode);
        goEnv["GOMODCACHE"] = Path.Combine(env.Root, "fresh-modcache");
        var fresh = GoOracle.Run(env.Project, goEnv, "mod", "download", "example.test/lib");
        Assert.NotEqual(0, fresh.ExitCode);
        var downloaded = fresh.Stderr.Split("downloaded: ")[1].Split('\n')[0];
        Assert.NotEqual(recorded, downloaded);
        Assert.Contains("verifying example.test/lib@v1.0.0: checksum mismatch\n\tdownloaded: " + downloaded + "\n\tgo.sum:     " + recorded + "\n\nSECURITY ERROR",
            mismatch.Message, StringComparison.Ordinal);
        Assert.Contains("verifying example.test/lib@v1.0.0: checksum mismatch\n\tdownloaded: " + downloaded + "\n\tgo.sum:     " + recorded, fresh.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task With_direct_git_off_the_go_get_page_is_fetched_and_git_is_not_run()
    {
        await using var host = await VanityGitHost.StartAsync();
        var env = new GoModTestEnvironment("direct", goPrivate: "example.test");
        env.Environment["GOINSECURE"] = "example.test";
        env.Environment["HTTP_PROXY"] = env.Environment["HTTPS_PROXY"] = host.ProxyUrl;
        var problems = new List<string>();
        var settings = Server.Configuration.SettingsReader.Apply(Server.Configuration.ServerSettings.Default,
            System.Text.Json.JsonDocument.Parse("""{"direct":{"git":false}}""").RootElement, problems);
        Assert.Empty(problems);
        Assert.False(settings.DirectGit);

        var goEnv = new Server.Features.GoMod.EnvironmentProvider(new Server.Features.GoMod.GoModAnalyzerOptions { ProcessEnvironment = env.Environment }).Get(settings);
        using var engine = new Host.Serve.InfrastructureEngineFactory(new Host.Serve.InfrastructureEngineFactory.Settings([], CacheDirectory: null,
            UseModuleCache: false, ProbeDirect: true, HostResolver: env.Hosts, Git: new GitCommandOptions { Environment = host.ProxyEnvironment })).Create(goEnv, settings);
        var report = await engine.Resolver.ResolveAsync("example.test/private", "v1.0.0", engine.Options with { CheckLatest = false }, CancellationToken.None);

        Assert.Equal(GoModLens.Analysis.Resolution.RequirementStatus.Direct, report.Status);
        Assert.Equal(GoModLens.Analysis.Direct.DirectOutcome.NotRun, report.Direct!.Vcs!.Outcome);
        Assert.Equal("running git is not enabled", report.Direct.Vcs.Note);
        Assert.Equal("GET http://example.test/private?go-get=1", host.Requests[^1]); // after the https tries (refused CONNECTs)
        Assert.DoesNotContain(host.Requests, r => r.Contains(".git/", StringComparison.Ordinal));
        Assert.Equal(["direct.git must be true or false"], ((Func<List<string>>)(() =>
        {
            var bad = new List<string>();
            _ = Server.Configuration.SettingsReader.Apply(settings, System.Text.Json.JsonDocument.Parse("""{"direct":{"git":"no"}}""").RootElement, bad);
            return bad;
        }))());
    }
}
