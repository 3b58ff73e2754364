using System.Text.Json;
using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.ProxyTree;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;
using Range = GoModLens.Protocol.Range;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>gomodlens/status, inlay hints and completion through the protocol, against the file:// proxy tree.</summary>
public sealed class GoModEditorFeatureTests
{
    private const string App = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/foo v1.0.0\n\texample.com/missing v1.0.0\n)\n";

    [Fact]
    public async Task Status_notifications_carry_the_GOPROXY_its_source_progress_and_the_final_health()
    {
        var proxy = GoModTestEnvironment.FileProxy();
        var env = new GoModTestEnvironment(proxy);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, App);
        await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML3001"));
        var statuses = await GoModTestEnvironment.UntilAsync(() => lsp.Status.ToArray(), s => s.Any(x => !x.GetProperty("resolving").GetBoolean() && x.TryGetProperty("total", out var t) && t.GetInt32() == 2));

        Assert.All(statuses, s => Assert.Equal(proxy, s.GetProperty("goproxy").GetString()));
        Assert.All(statuses, s => Assert.Equal("environment variable", s.GetProperty("source").GetString()));
        Assert.Contains(statuses, s => s.GetProperty("resolving").GetBoolean() && s.GetProperty("done").GetInt32() == 0 && s.GetProperty("total").GetInt32() == 2);
        var done = statuses.Last(s => !s.GetProperty("resolving").GetBoolean() && s.TryGetProperty("total", out _));
        Assert.Equal(2, done.GetProperty("done").GetInt32());
        Assert.Contains(done.GetProperty("health").GetString(), new[] { "ok", "slow" });
        Assert.StartsWith("file://", done.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Matches(@"[✓⚠] \d+ ms$", done.GetProperty("text").GetString()!);
    }

    [Fact]
    public async Task Inlay_hints_show_the_latest_version_after_resolution_and_nothing_when_disabled()
    {
        var env = new GoModTestEnvironment(GoModTestEnvironment.FileProxy());
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, App);
        await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML3001"));
        var whole = new InlayHintParams(new TextDocumentIdentifier(env.GoModUri), new Range(new Position(0, 0), new Position(9, 0)));

        // The GML3001 publish only says the 404 module is done; the other require may still be resolving.
        var resolved = await GoModTestEnvironment.UntilAsync(() => lsp.RequestAsync<InlayHint[]>("textDocument/inlayHint", whole).GetAwaiter().GetResult(), h => h.Length > 0);
        var hint = Assert.Single(resolved);
        Assert.Equal(new Position(5, 23), hint.Position); // end of the line
        Assert.Contains("latest v1.2.0", hint.Label, StringComparison.Ordinal);

        await lsp.NotifyAsync("workspace/didChangeConfiguration", new { settings = new { gomodlens = new { inlayHints = new { enabled = false } } } });
        var hints = await GoModTestEnvironment.UntilAsync(() => lsp.RequestAsync<InlayHint[]>("textDocument/inlayHint", whole).GetAwaiter().GetResult(), h => h.Length == 0);
        Assert.Empty(hints);
    }

    /// <summary>
    /// A module no require has resolved is fetched by the completion request itself, which waits for it (here without
    /// the short bound of an editor, so a loaded machine cannot make the answer incomplete; the bound has its own tests
    /// in GoModVersionCompletionTests).
    /// </summary>
    [Fact]
    public async Task Version_completion_is_complete_from_the_cache_and_fetched_by_the_first_request_when_cold_and_keywords_at_line_start()
    {
        var env = new GoModTestEnvironment(GoModTestEnvironment.FileProxy());
        using var analyzer = env.CreateAnalyzer(options: new Server.Features.GoMod.GoModAnalyzerOptions { CompletionListWait = TimeSpan.FromSeconds(8) });
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        var text = App + "require example.com/bar \nre";
        await lsp.OpenAsync(env.GoModUri, text);
        await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML3001"));
        await lsp.Server.Diagnostics.WhenIdleAsync(); // the whole network stage, so nothing else is asking for bar meanwhile

        // Cached: foo's @v/list came with the resolution of its require.
        var cached = await CompleteAsync(lsp, env.GoModUri, 5, 17);
        Assert.False(cached.IsIncomplete);
        Assert.Equal(["v1.3.0-beta.1", "v1.2.0", "v1.1.0", "v1.0.0"], cached.Items.Select(i => i.Label));
        Assert.Equal("latest", cached.Items.Single(i => i.Label == "v1.2.0").Detail);
        Assert.Equal("pre-release", cached.Items[0].Detail);

        // Cold: bar was never resolved; the first request fetches its list and answers with it.
        var cold = await CompleteAsync(lsp, env.GoModUri, 8, 24);
        Assert.False(cold.IsIncomplete);
        Assert.Equal(["v0.2.0", "v0.1.0"], cold.Items.Select(i => i.Label));
        Assert.Equal("latest", cold.Items[0].Detail);
        var warm = await CompleteAsync(lsp, env.GoModUri, 8, 24);
        Assert.Equal(["v0.2.0", "v0.1.0"], warm.Items.Select(i => i.Label));

        var keywords = await CompleteAsync(lsp, env.GoModUri, 9, 2);
        Assert.Equal(["replace", "require", "retract"], keywords.Items.Select(i => i.Label).Order());
    }

    /// <summary>
    /// Completion inside a version replaces the whole version (v1.|0.0 must not become v1.2.00.0), a quoted path is the
    /// same module, and "latest" is what go's @latest chose: not a +incompatible version above a module with a go.mod.
    /// </summary>
    [Fact]
    public async Task Version_completion_replaces_the_whole_version_reads_quoted_paths_and_labels_go_s_latest()
    {
        var tree = new ProxyTreeBuilder();
        var t = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        tree.Add("example.com/yaml", "v1.7.0", t);
        tree.Add("example.com/yaml", "v1.8.0", t.AddMonths(1));
        tree.Add("example.com/yaml", "v2.0.0+incompatible", t.AddMonths(2), "module example.com/yaml\n");
        var env = new GoModTestEnvironment(new Uri(tree.WriteTo(GoOracle.NewScratchDir("tree"))).AbsoluteUri);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        const string Text = "module example.com/app\n\ngo 1.22\n\nrequire example.com/yaml v1.7.0\n\nrequire \"example.com/yaml\" \n";
        await lsp.OpenAsync(env.GoModUri, Text);
        await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML2009"));

        var inside = await CompleteAsync(lsp, env.GoModUri, 4, 28); // require example.com/yaml v1.|7.0
        Assert.False(inside.IsIncomplete);
        Assert.Equal(["v1.8.0", "v1.7.0"], inside.Items.Select(i => i.Label)); // the typed "v1." filters
        var pick = inside.Items[0].TextEdit!;
        Assert.Equal(new Range(new Position(4, 25), new Position(4, 31)), pick.Range);
        Assert.Contains("require example.com/yaml v1.8.0\n", Apply(Text, pick), StringComparison.Ordinal);

        var quoted = await CompleteAsync(lsp, env.GoModUri, 6, 27);
        Assert.False(quoted.IsIncomplete);
        Assert.Equal(["v2.0.0+incompatible", "v1.8.0", "v1.7.0"], quoted.Items.Select(i => i.Label));
        Assert.Equal("latest", quoted.Items.Single(i => i.Label == "v1.8.0").Detail);
        Assert.Null(quoted.Items[0].Detail);
    }

    /// <summary>
    /// When builds use vendor/ (go 1.14+ with a vendor directory), a tool line completes with the main packages
    /// vendor/modules.txt lists, not the module cache's: go imports other modules' packages from vendor/ alone.
    /// </summary>
    [Fact]
    public async Task Tool_completion_in_vendor_mode_offers_the_vendored_main_packages()
    {
        var env = GoModTestEnvironment.WithDefaultGoFlags("off");
        GoModTestEnvironment.Write(env.Project, "vendor/modules.txt", "# example.com/x v1.0.0\n## explicit; go 1.22\nexample.com/x/cmd/gen\nexample.com/x/lib\nexample.com/x/cmd/tests\n");
        GoModTestEnvironment.Write(env.Project, "vendor/example.com/x/cmd/gen/main.go", "package main\n\nfunc main() {}\n");
        GoModTestEnvironment.Write(env.Project, "vendor/example.com/x/lib/lib.go", "package lib\n");
        GoModTestEnvironment.Write(env.Project, "vendor/example.com/x/cmd/tests/main_test.go", "package main\n");
        GoModTestEnvironment.Write(env.Project, "vendor/example.com/x/cmd/unlisted/main.go", "package main\n\nfunc main() {}\n");
        GoModTestEnvironment.Write(env.Project, "cmd/here/main.go", "package main\n\nfunc main() {}\n");
        const string Text = "module example.com/app\n\ngo 1.24\n\nrequire example.com/x v1.0.0\n\ntool example.com/\n";
        GoModTestEnvironment.Write(env.Project, "go.mod", Text);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { network = new { enabled = false } });
        await lsp.OpenAsync(env.GoModUri, Text);

        var items = (await CompleteAsync(lsp, env.GoModUri, 6, 17)).Items;
        Assert.Equal(["example.com/app/cmd/here", "example.com/x/cmd/gen"], items.Select(i => i.Label).Order(StringComparer.Ordinal));
        Assert.Equal("example.com/x@v1.0.0 (vendor/) · go tool gen", items.Single(i => i.Label == "example.com/x/cmd/gen").Detail);
    }

    /// <summary>Where the random edits found completion failing: at the start of a file that starts with a line break, and after a lone "=>" in a block.</summary>
    [Fact]
    public async Task Completion_at_the_edges_of_lines_answers()
    {
        var env = GoModTestEnvironment.WithDefaultGoFlags("off");
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { network = new { enabled = false } });
        await lsp.OpenAsync(env.GoModUri, "\nmodule example.com/app\n\nrequire (\n\texample.com/a v1.0.0\n => ../b\n)\n");

        // The file has its module line already (line 1): not offered a second time.
        Assert.Equal(new[] { "exclude", "go", "godebug", "ignore", "replace", "require", "retract", "tool", "toolchain" },
            (await CompleteAsync(lsp, env.GoModUri, 0, 0)).Items.Select(i => i.Label).Order(StringComparer.Ordinal));
        Assert.Empty((await CompleteAsync(lsp, env.GoModUri, 5, 4)).Items);
        Assert.Empty((await CompleteAsync(lsp, env.GoModUri, 5, 8)).Items);
    }

    /// <summary>
    /// On a tool line: the main packages of this module and of the required versions go has downloaded (the extracted
    /// tree, or only the zip), not library packages, test-only directories or tools already listed.
    /// </summary>
    [SkippableFact]
    public async Task Tool_completion_offers_the_main_packages_of_this_module_and_of_downloaded_requires()
    {
        var proxy = new Uri(new TestUtilities.ProxyTree.ProxyTreeBuilder()
            .Add("example.com/x", "v1.0.0", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), files: new Dictionary<string, string>
            {
                ["cmd/bar/main.go"] = "// Command bar.\n//go:build !windows\n\n/* main */ package main\n\nfunc main() {}\n",
                ["cmd/gen/gen.go"] = "package main\n\nfunc main() {}\n",
                ["internal/lib/lib.go"] = "package lib\n",
                ["cmd/onlytest/main_test.go"] = "package main\n",
                ["testdata/cmd/main.go"] = "package main\n",
            })
            .Add("example.com/z", "v1.0.0", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
                files: new Dictionary<string, string> { ["main.go"] = "package main\n\nfunc main() {}\n" })
            .WriteTo(TestUtilities.GoOracle.NewScratchDir("tool-complete-tree"))).AbsoluteUri;
        var env = GoModTestEnvironment.RunningGo(proxy);
        var modCache = env.Environment["GOMODCACHE"];
        var go = TestUtilities.GoOracle.Run(env.Project, new Dictionary<string, string?> { ["GOPROXY"] = proxy, ["GOMODCACHE"] = modCache, ["GOFLAGS"] = "-modcacherw" },
            "mod", "download", "example.com/x@v1.0.0", "example.com/z@v1.0.0");
        Assert.True(go.ExitCode == 0, go.Stderr);
        Directory.Delete(Path.Combine(modCache, "example.com", "z@v1.0.0"), recursive: true); // z: only the zip is left
        GoModTestEnvironment.Write(env.Project, "cmd/here/main.go", "package main\n\nfunc main() {}\n");
        GoModTestEnvironment.Write(env.Project, "pkg/util/util.go", "package util\n");
        const string Text = "module example.com/app\n\ngo 1.24\n\nrequire (\n\texample.com/x v1.0.0\n\texample.com/z v1.0.0\n)\n\ntool example.com/x/cmd/gen\n\ntool example.com/\n";
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, Text);

        var items = (await CompleteAsync(lsp, env.GoModUri, 11, 17)).Items;

        Assert.Equal(["example.com/app/cmd/here", "example.com/x/cmd/bar", "example.com/z"], items.Select(i => i.Label));
        Assert.Equal("example.com/x@v1.0.0 · go tool bar", items[1].Detail);
        Assert.Equal("this module · go tool here", items[0].Detail);
    }

    internal static async Task<CompletionList> CompleteAsync(LspTestHarness lsp, string uri, int line, int character)
    {
        var result = await lsp.RequestAsync<JsonElement>("textDocument/completion", new CompletionParams(new TextDocumentIdentifier(uri), new Position(line, character)));
        return result.ValueKind == JsonValueKind.Array
            ? new CompletionList(false, result.Deserialize<CompletionItem[]>(s_json)!)
            : result.Deserialize<CompletionList>(s_json)!;
    }

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
}
