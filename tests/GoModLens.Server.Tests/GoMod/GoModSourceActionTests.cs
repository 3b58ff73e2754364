using System.Text.Json;
using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.ProxyTree;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;
using static GoModLens.Server.Tests.GoMod.GoModTestEnvironment;

using Range = GoModLens.Protocol.Range;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>
/// The whole-module source actions (upgrade with go get, go mod tidy) run the real go through the file:// proxy the
/// diagnostics used, and never while the editor holds unsaved changes to the go.mod go would rewrite.
/// </summary>
public sealed class GoModSourceActionTests
{
    private static readonly DateTimeOffset s_time = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const string App = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/foo v1.0.0\n\texample.com/bar v1.0.0 // indirect\n)\n";

    [SkippableFact]
    public async Task Upgrading_the_direct_requires_runs_go_get_with_the_latest_versions_shown()
    {
        var env = Project();
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, App);
        await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Count(x => Code(x) == "GML2009") == 2); // both upgrades known

        var actions = await SourceActionsAsync(lsp, env.GoModUri);
        Assert.Equal(["Upgrade 1 direct requirement to latest (go get)", "Upgrade 2 requirements, indirect ones too, to latest (go get)", "Run go mod tidy"],
            actions.Select(a => a.Title));
        Assert.Equal(["source.upgrade.direct", "source.upgrade.all", "source.tidy"], actions.Select(a => a.Kind));
        var atCursor = await lsp.RequestAsync<CodeAction[]>("textDocument/codeAction",
            new CodeActionParams(new TextDocumentIdentifier(env.GoModUri), new Protocol.Range(new Position(5, 3), new Position(5, 3)), new CodeActionContext([])));
        Assert.DoesNotContain(atCursor, a => a.Kind!.StartsWith("source", StringComparison.Ordinal)); // whole-file actions only when asked for
        var direct = actions[0].Command!;
        Assert.Equal(["example.com/foo@v1.1.0"], direct.Arguments!.Skip(1).Select(a => ((JsonElement)a).GetString()));

        await lsp.RequestAsync<JsonElement?>("workspace/executeCommand", new ExecuteCommandParams(direct.CommandName, direct.Arguments));
        var goMod = await File.ReadAllTextAsync(Path.Combine(env.Project, "go.mod"));
        Assert.Contains("example.com/foo v1.1.0", goMod, StringComparison.Ordinal);
        Assert.Contains("example.com/bar v1.0.0 // indirect", goMod, StringComparison.Ordinal); // direct only
        Assert.Contains("example.com/foo v1.1.0 h1:", await File.ReadAllTextAsync(Path.Combine(env.Project, "go.sum")), StringComparison.Ordinal);
        await LifecycleTests.WaitUntilAsync(() => lsp.Logs.Any(m => m.Message == "go get example.com/foo@v1.1.0: go.mod and go.sum updated"));
    }

    [SkippableFact]
    public async Task Code_lenses_on_the_module_line_offer_the_same_commands_and_are_refreshed_when_upgrades_are_known()
    {
        var env = Project();
        using var analyzer = env.CreateAnalyzer();
        var client = s_client with { Workspace = (s_client.Workspace ?? new WorkspaceClientCapabilities()) with { CodeLens = new RefreshCapability(true) } };
        await using var lsp = await LspTestHarness.StartAsync(analyzer, client);
        await lsp.OpenAsync(env.GoModUri, App);
        await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Count(x => Code(x) == "GML2009") == 2);

        var lenses = await lsp.RequestAsync<CodeLens[]>("textDocument/codeLens", new CodeLensParams(new TextDocumentIdentifier(env.GoModUri)));
        Assert.Equal(["Upgrade 1 direct requirement to latest (go get)", "Upgrade 2 requirements, indirect ones too, to latest (go get)", "Run go mod tidy", "Check now"],
            lenses.Select(l => l.Command!.Title));
        Assert.Equal(["gomodlens.goGet", "gomodlens.goGet", "gomodlens.goModTidy", "gomodlens.checkNow"], lenses.Select(l => l.Command!.CommandName));
        Assert.All(lenses, l => Assert.Equal(new Range(new Position(0, 0), new Position(0, 22)), l.Range)); // the module line
        var actions = await SourceActionsAsync(lsp, env.GoModUri);
        Assert.Equal(actions[0].Command!.Arguments!.Select(a => ((JsonElement)a).GetRawText()), lenses[0].Command!.Arguments!.Select(a => ((JsonElement)a).GetRawText()));
        // The counts came with the network results: the refresh follows once the whole network stage has ended (after
        // the go.sum checks that run behind the last publication), so wait for it rather than race it.
        await LifecycleTests.WaitUntilAsync(() => lsp.ServerRequests.Contains("workspace/codeLens/refresh"));

        // Without the network go cannot fetch: only the re-check is offered.
        await lsp.NotifyAsync("workspace/didChangeConfiguration", new { settings = new { gomodlens = new { network = new { enabled = false } } } });
        await lsp.SyncAsync();
        var offline = await lsp.RequestAsync<CodeLens[]>("textDocument/codeLens", new CodeLensParams(new TextDocumentIdentifier(env.GoModUri)));
        Assert.Equal(["Check now"], offline.Select(l => l.Command!.Title));
    }

    /// <summary>
    /// Requires that fail alike (every request of the proxy answers 503) get the cause once, as a lens above the module
    /// line that opens that failure's mirror table, and a lens switching to the mirror that serves them (go env -w,
    /// asking first, as the diagnostic's quick fix does); their hovers say it as well.
    /// </summary>
    [Fact]
    public async Task Requires_failing_alike_get_a_lens_with_the_cause_and_one_with_the_mirror_serving_them()
    {
        await using var proxy = await TestUtilities.FakeProxy.FakeModuleProxy.StartAsync();
        var env = new GoModTestEnvironment(proxy.Url("status/503"), mirrors: [new Uri(proxy.Url("ok"))]);
        using var analyzer = env.CreateAnalyzer();
        var client = s_client with { Workspace = (s_client.Workspace ?? new WorkspaceClientCapabilities()) with { CodeLens = new RefreshCapability(true) } };
        await using var lsp = await LspTestHarness.StartAsync(analyzer, client);
        await lsp.OpenAsync(env.GoModUri, "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/foo v1.0.0\n\texample.com/bar v0.1.0\n)\n");
        await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Count(x => Code(x) == "GML3003") == 2);
        await LifecycleTests.WaitUntilAsync(() => lsp.ServerRequests.Contains("workspace/codeLens/refresh"));

        var lenses = await lsp.RequestAsync<CodeLens[]>("textDocument/codeLens", new CodeLensParams(new TextDocumentIdentifier(env.GoModUri)));

        var host = new Uri(proxy.Url("ok")).Authority;
        Assert.Equal([$"2 of 2 requirements fail alike at {host}/status/503 (503)", $"Set GOPROXY={proxy.Url("ok")},direct (serves 2 of them; go env -w, asks first)",
            "Run go mod tidy", "Check now"], lenses.Select(l => l.Command!.Title));
        Assert.Equal(["gomodlens.showMirrorReport", "gomodlens.setGoproxy"], lenses.Take(2).Select(l => l.Command!.CommandName));
        Assert.Equal(["\"example.com/foo\"", "\"v1.0.0\""], lenses[0].Command!.Arguments!.Select(a => ((JsonElement)a).GetRawText()));
        Assert.Equal([$"\"{proxy.Url("ok")},direct\"", "\"goenv\"", "false", "true"], lenses[1].Command!.Arguments!.Select(a => ((JsonElement)a).GetRawText()));

        // The hover of either says so too (for editors without code lenses).
        var hover = (await lsp.HoverAsync(env.GoModUri, 6, 5))!.Contents.Value;
        Assert.Contains($"Not this module alone: 2 of 2 requirements of this go.mod fail alike at `{proxy.Url("status/503")}` (503)", hover, StringComparison.Ordinal);
    }

    /// <summary>
    /// go mod download and go mod vendor rewrite a go.mod that holds a version go's fixer answers (latest, v1.2): with
    /// unsaved edits in the editor they are refused like go get and go mod tidy, and the file stays as it was.
    /// </summary>
    [Theory]
    [InlineData("gomodlens.goModDownload")]
    [InlineData("gomodlens.goVendor", "mod")]
    public async Task Go_mod_download_and_vendor_do_not_run_under_unsaved_edits(string command, params string[] extra)
    {
        var env = Project();
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, App);
        await lsp.ChangeAsync(env.GoModUri, 2, new TextDocumentContentChangeEvent("// my unsaved note\n" + App));

        await lsp.RequestAsync<JsonElement?>("workspace/executeCommand",
            new ExecuteCommandParams(command, [JsonSerializer.SerializeToElement(env.GoModUri), .. extra.Select(a => JsonSerializer.SerializeToElement(a))]));

        Assert.Equal(App, await File.ReadAllTextAsync(Path.Combine(env.Project, "go.mod")));
        await LifecycleTests.WaitUntilAsync(() => lsp.Logs.Any(m => m.Message.EndsWith("go.mod has unsaved changes: save it first (go rewrites the file on disk)", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public async Task Go_mod_tidy_runs_only_on_a_saved_go_mod_and_shows_progress_while_go_runs()
    {
        var env = Project();
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client with { Window = new WindowClientCapabilities(WorkDoneProgress: true) });
        await lsp.OpenAsync(env.GoModUri, App);
        var tidy = Assert.Single(await SourceActionsAsync(lsp, env.GoModUri), a => a.Kind == "source.tidy").Command!;

        // Unsaved edits: go would rewrite the file under them.
        var edited = App.Replace("go 1.22", "go 1.23", StringComparison.Ordinal);
        await lsp.ChangeAsync(env.GoModUri, 2, new TextDocumentContentChangeEvent(edited));
        await lsp.RequestAsync<JsonElement?>("workspace/executeCommand", new ExecuteCommandParams(tidy.CommandName, tidy.Arguments));
        Assert.Equal(App, await File.ReadAllTextAsync(Path.Combine(env.Project, "go.mod")));
        // The message is a notification: it may be read after the command's answer.
        await LifecycleTests.WaitUntilAsync(() => lsp.Logs.Any(m => m.Message.EndsWith("go.mod has unsaved changes: save it first (go rewrites the file on disk)", StringComparison.Ordinal)));

        // Saved: go mod tidy drops bar, which no package imports.
        await File.WriteAllTextAsync(Path.Combine(env.Project, "go.mod"), edited);
        await lsp.RequestAsync<JsonElement?>("workspace/executeCommand", new ExecuteCommandParams(tidy.CommandName, tidy.Arguments));
        var goMod = await File.ReadAllTextAsync(Path.Combine(env.Project, "go.mod"));
        Assert.DoesNotContain("example.com/bar", goMod, StringComparison.Ordinal);
        Assert.Contains("example.com/foo v1.0.0", goMod, StringComparison.Ordinal);

        // While go ran, the editor showed it: a work-done progress that began with the command and ended.
        var begin = Assert.Single(lsp.Progress, p => p.GetProperty("value").GetProperty("kind").GetString() == "begin"
            && p.GetProperty("value").GetProperty("message").GetString() == $"Running go mod tidy in {env.Project}");
        Assert.Equal("GoModLens", begin.GetProperty("value").GetProperty("title").GetString());
        await GoModTestEnvironment.UntilAsync(() => lsp.Progress.Any(p => p.GetProperty("token").GetString() == begin.GetProperty("token").GetString()
            && p.GetProperty("value").GetProperty("kind").GetString() == "end"), done => done);
        Assert.Contains(lsp.Progress, p => p.GetProperty("token").GetString() == begin.GetProperty("token").GetString()
            && p.GetProperty("value").GetProperty("kind").GetString() == "end");
    }

    [Fact]
    public async Task Go_get_refuses_anything_but_module_at_version_arguments()
    {
        var env = WithDefaultGoFlags("off");
        Write(env.Project, "go.mod", App);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, App);

        foreach (var target in new[] { "-u", "example.com/foo", "example.com/foo@upgrade", "example.com/foo@LATEST", "example.com/foo@v1", "-x@v1.0.0", "example.com/foo@v1.0.0@v2.0.0", "" })
        {
            await AssertRefusedAsync(lsp, "gomodlens.goGet", "goGet needs the go.mod's file URI and module@version arguments", env.GoModUri, target);
        }
    }

    [Fact]
    public async Task With_the_network_off_no_go_command_is_offered()
    {
        var env = WithDefaultGoFlags("off");
        Write(env.Project, "go.mod", App);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { network = new { enabled = false } });
        await lsp.OpenAsync(env.GoModUri, App);
        Assert.Empty(await SourceActionsAsync(lsp, env.GoModUri));
    }

    /// <summary>A module importing example.com/foo v1.0.0 (bar required but unused), tidy go.sum, from a proxy with newer versions of both.</summary>
    private static GoModTestEnvironment Project()
    {
        var proxy = new Uri(new ProxyTreeBuilder()
            .Add("example.com/foo", "v1.0.0", s_time, files: Package("foo"))
            .Add("example.com/foo", "v1.1.0", s_time.AddDays(1), files: Package("foo"))
            .Add("example.com/bar", "v1.0.0", s_time, files: Package("bar"))
            .Add("example.com/bar", "v1.2.0", s_time.AddDays(1), files: Package("bar"))
            .WriteTo(GoOracle.NewScratchDir("source-action-tree"))).AbsoluteUri;
        var env = RunningGo(proxy);
        Write(env.Project, "go.mod", App);
        Write(env.Project, "main.go", "package main\n\nimport \"example.com/foo\"\n\nfunc main() { foo.F() }\n");
        var download = GoOracle.Run(env.Project, new Dictionary<string, string?>
        {
            ["GOPROXY"] = proxy, ["GOMODCACHE"] = env.Environment["GOMODCACHE"], ["GOFLAGS"] = "-mod=mod -modcacherw",
        }, "mod", "download", "example.com/foo", "example.com/bar");
        Assert.True(download.ExitCode == 0, download.Stderr); // go.sum for both, as go.mod is
        return env;
    }

    private static async Task<CodeAction[]> SourceActionsAsync(LspTestHarness lsp, string uri) =>
        await lsp.RequestAsync<CodeAction[]>("textDocument/codeAction",
            new CodeActionParams(new TextDocumentIdentifier(uri), new Protocol.Range(new Position(0, 0), new Position(0, 0)), new CodeActionContext([], ["source"])));
}
