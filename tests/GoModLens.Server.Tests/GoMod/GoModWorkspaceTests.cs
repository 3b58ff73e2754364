using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities.FakeProxy;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;
using static GoModLens.Server.Tests.GoMod.GoModTestEnvironment;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>Workspace mode in the editor: a go.work above the open go.mod (replacements, use list, go.work.sum, the go line).</summary>
public sealed class GoModWorkspaceTests
{
    private const string App = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/foo v1.0.0\n\texample.com/ghost v0.3.0\n)\n";

    [Fact]
    public async Task A_go_work_replacement_is_in_force_no_proxy_hears_of_it_and_the_hover_says_where_it_is_written()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var env = WithDefaultGoFlags(proxy.Url("ok"));
        Write(env.Root, "go.work", "go 1.22\n\nuse ./project\n\nreplace example.com/ghost v0.3.0 => ./ghost\n");
        Write(env.Root, "ghost/go.mod", "module example.com/ghost\n\ngo 1.22\n");
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);

        await lsp.OpenAsync(env.GoModUri, App);
        var resolved = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML2009")); // foo has newer versions
        await lsp.Server.Diagnostics.WhenIdleAsync();
        Assert.DoesNotContain(resolved.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(proxy.Requests, r => r.Path.Contains("ghost", StringComparison.Ordinal));
        Assert.Contains(proxy.Requests, r => r.Path.Contains("example.com/foo", StringComparison.Ordinal));

        var hover = await lsp.HoverAsync(env.GoModUri, 6, 4);
        Assert.Contains($"Replaced by local directory `./ghost` (workspace mode: the replace is in `{Path.Combine(env.Root, "go.work")}`)",
            hover!.Contents.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_module_outside_the_use_list_is_told_at_once_and_a_go_work_go_rejects_is_an_error()
    {
        var env = WithDefaultGoFlags("off");
        Write(env.Root, "go.work", "go 1.22\n\nuse ./elsewhere\n");
        Write(env.Root, "elsewhere/go.mod", "module example.com/elsewhere\n\ngo 1.22\n"); // a workspace go accepts: only the use list leaves this module out
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { network = new { enabled = false } });

        await lsp.OpenAsync(env.GoModUri, App);
        var outside = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML2011"));
        var warning = Assert.Single(outside.Diagnostics, d => Code(d) == "GML2011");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(0, warning.Range.Start.Line);
        Assert.Contains("not in the workspace of ../go.work", warning.Message, StringComparison.Ordinal);

        // The go.work is read again after a short while: the next analysis sees the new text.
        Write(env.Root, "go.work", "go 1.22\n\nuse ./project\n\nrequire example.com/x v1.0.0\n");
        await Task.Delay(Features.GoMod.WorkspaceProvider.FreshFor + TimeSpan.FromMilliseconds(100));
        await lsp.ChangeAsync(env.GoModUri, 2, new TextDocumentContentChangeEvent(App + "\n"));
        var invalid = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML2012"));
        var error = Assert.Single(invalid.Diagnostics, d => Code(d) == "GML2012");
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("go: errors parsing go.work:\n../go.work:5: unknown directive: require", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(invalid.Diagnostics, d => Code(d) == "GML2011");
    }

    [Fact]
    public async Task In_workspace_mode_a_sum_missing_from_go_sum_is_no_error_and_the_go_line_hover_names_the_go_work()
    {
        var env = WithDefaultGoFlags("off");
        Write(env.Project, "go.sum", "");
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { network = new { enabled = false } });

        // Module mode: go refuses a require whose /go.mod sum is missing.
        await lsp.OpenAsync(env.GoModUri, App);
        var moduleMode = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML1507"));
        Assert.Equal(2, moduleMode.Diagnostics.Count(d => Code(d) == "GML1507"));

        // Workspace mode: go verifies it and writes go.work.sum instead.
        Write(env.Root, "go.work", "go 1.23\n\ntoolchain go1.99.1\n\nuse ./project\n");
        await using var lsp2 = await LspTestHarness.StartAsync(env.CreateAnalyzer(), s_client, initializationOptions: new { network = new { enabled = false } });
        await lsp2.OpenAsync(env.GoModUri, App);
        var workspaceMode = await WaitForAsync(lsp2, env.GoModUri, _ => true);
        Assert.DoesNotContain(workspaceMode.Diagnostics, d => Code(d) == "GML1507");

        var hover = await lsp2.HoverAsync(env.GoModUri, 2, 4);
        Assert.Contains("Workspace mode: go takes the go and toolchain lines from `../go.work` (go 1.23, toolchain go1.99.1), not from this go.mod.",
            hover!.Contents.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_not_in_workspace_quick_fix_edits_the_go_work_as_go_work_use_would()
    {
        var env = WithDefaultGoFlags("off");
        Write(env.Root, "go.work", "go 1.22\n\nuse ./elsewhere\n");
        Write(env.Root, "elsewhere/go.mod", "module example.com/elsewhere\n\ngo 1.22\n"); // a workspace go accepts: only the use list leaves this module out
        Write(env.Project, "go.mod", App);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { network = new { enabled = false } });

        await lsp.OpenAsync(env.GoModUri, App);
        var published = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML2011"));
        var actions = await CodeActionsAsync(lsp, env.GoModUri, published.Diagnostics.Single(d => Code(d) == "GML2011"));
        var fix = Assert.Single(actions, a => a.Title == "Add this module to ../go.work: go work use .");
        Assert.True(fix.IsPreferred);
        var goWorkUri = new Uri(Path.Combine(env.Root, "go.work")).AbsoluteUri;
        var edits = Assert.Single(fix.Edit!.Changes!).Value;
        var text = File.ReadAllText(Path.Combine(env.Root, "go.work"));
        var updated = edits.OrderByDescending(e => e.Range.Start.Line).ThenByDescending(e => e.Range.Start.Character).Aggregate(text, Apply);
        Assert.Equal(goWorkUri, fix.Edit.Changes!.Keys.Single());
        Assert.Equal("go 1.22\n\nuse (\n\t./elsewhere\n\t./project\n)\n", updated); // go work use . (WorkspaceModeTests checks it against go)
    }

    [Fact]
    public async Task An_open_go_work_sum_is_checked_as_the_go_sum_it_is()
    {
        var env = WithDefaultGoFlags("off");
        Write(env.Project, "go.mod", "module example.com/app\n\ngo 1.22\n");
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { network = new { enabled = false } });
        var uri = new Uri(Path.Combine(env.Root, "go.work.sum")).AbsoluteUri;
        const string Sum = "example.com/x v1.0.0 h1:not-base64!\nexample.com/x v1.0.0/go.mod h1:iu3TE1Zl+kEjzmtc5AYwUK9MnuTx4LWU8wZN+cqcNz4=\n";

        await lsp.OpenAsync(uri, Sum, languageId: "plaintext"); // no client knows its language: the name decides
        var published = await WaitForAsync(lsp, uri, d => d.Diagnostics.Count > 0);
        var bad = Assert.Single(published.Diagnostics);
        Assert.Equal(("GML1503", 0), (Code(bad), bad.Range.Start.Line));
        Assert.NotNull(await lsp.HoverAsync(uri, 1, 2));
    }

    [Fact]
    public async Task An_open_go_work_gets_go_s_refusals_on_its_lines_and_the_go_work_features()
    {
        var env = WithDefaultGoFlags("off");
        Write(env.Project, "go.mod", "module example.com/app\n\ngo 1.22\n");
        Write(env.Root, "copy/go.mod", "module example.com/app\n\ngo 1.22\n");
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { network = new { enabled = false } });
        var uri = new Uri(Path.Combine(env.Root, "go.work")).AbsoluteUri;
        var text = "go 1.22\n\nuse (\n\t./project\n\t./missing\n\t./copy\n)\n\nreplace example.com/x => ./nowhere\n";

        await lsp.OpenAsync(uri, text, languageId: "go.work");
        var published = await WaitForAsync(lsp, uri, d => d.Diagnostics.Count >= 3);
        var missing = Assert.Single(published.Diagnostics, d => d.Message.Contains("cannot load module missing", StringComparison.Ordinal));
        Assert.Equal(("GML2012", 4), (Code(missing), missing.Range.Start.Line));
        Assert.EndsWith("go: cannot load module missing listed in go.work file: open missing/go.mod: no such file or directory", missing.Message, StringComparison.Ordinal);
        var twice = Assert.Single(published.Diagnostics, d => d.Message.Contains("appears multiple times", StringComparison.Ordinal));
        Assert.Equal(5, twice.Range.Start.Line);
        var replace = Assert.Single(published.Diagnostics, d => Code(d) == "GML2005");
        Assert.Equal((DiagnosticSeverity.Warning, 8), (replace.Severity, replace.Range.Start.Line));

        var hover = (await lsp.HoverAsync(uri, 3, 3))!.Contents.Value;
        Assert.Contains("Workspace module `example.com/app` · go 1.22", hover, StringComparison.Ordinal);
        Assert.Contains("no go.mod", (await lsp.HoverAsync(uri, 4, 3))!.Contents.Value, StringComparison.Ordinal);
        var links = await lsp.RequestAsync<DocumentLink[]>("textDocument/documentLink", new DocumentLinkParams(new TextDocumentIdentifier(uri)));
        Assert.Contains(new Uri(Path.Combine(env.Project, "go.mod")).AbsoluteUri, links.Select(l => l.Target));
        var symbols = await lsp.RequestAsync<System.Text.Json.JsonElement>("textDocument/documentSymbol", new DocumentSymbolParams(new TextDocumentIdentifier(uri)));
        Assert.Equal("go 1.22", symbols[0].GetProperty("name").GetString());

        // go's own syntax: a go.mod directive is an error, and formatting is go work edit -fmt's.
        await lsp.ChangeAsync(uri, 2, new TextDocumentContentChangeEvent("go 1.22\nrequire x v1.0.0\n"));
        var invalid = await WaitForAsync(lsp, uri, d => d.Diagnostics.Any(x => Code(x) == "GML1002"));
        Assert.Equal("unknown directive: require", Assert.Single(invalid.Diagnostics).Message.Split('\n')[0]);
        await lsp.ChangeAsync(uri, 3, new TextDocumentContentChangeEvent("go 1.22\nuse ./b\nuse ./a\nuse (\n./c\n)\n"));
        var edits = await lsp.RequestAsync<Protocol.TextEdit[]>("textDocument/formatting",
            new DocumentFormattingParams(new TextDocumentIdentifier(uri), new FormattingOptions(4, false)));
        var formatted = edits.OrderByDescending(e => e.Range.Start.Line).ThenByDescending(e => e.Range.Start.Character)
            .Aggregate("go 1.22\nuse ./b\nuse ./a\nuse (\n./c\n)\n", Apply);
        Assert.Equal("go 1.22\n\nuse ./b\n\nuse ./a\n\nuse ./c\n", formatted);
    }

    [Fact]
    public async Task Go_work_use_in_a_terminal_shows_at_once_through_the_file_watcher()
    {
        var env = WithDefaultGoFlags("off");
        Write(env.Root, "go.work", "go 1.22\n\nuse ./elsewhere\n");
        Write(env.Root, "elsewhere/go.mod", "module example.com/elsewhere\n\ngo 1.22\n"); // a workspace go accepts: only the use list leaves this module out
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { network = new { enabled = false } });
        await lsp.OpenAsync(env.GoModUri, App);
        await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML2011"));

        // Well within WorkspaceProvider.FreshFor: the go.work written since the last read is read again.
        Write(env.Root, "go.work", "go 1.22\n\nuse (\n\t./elsewhere\n\t./project\n)\n");
        var started = DateTime.UtcNow;
        await lsp.NotifyAsync("workspace/didChangeWatchedFiles",
            new DidChangeWatchedFilesParams([new FileEvent(new Uri(Path.Combine(env.Root, "go.work")).AbsoluteUri, FileChangeType.Changed)]));
        await WaitForAsync(lsp, env.GoModUri, d => !d.Diagnostics.Any(x => Code(x) == "GML2011"));
        Assert.True(DateTime.UtcNow - started < Features.GoMod.WorkspaceProvider.FreshFor, "the re-analysis waited for the cache to expire");
    }

    [Fact]
    public async Task A_go_work_module_replacement_is_resolved_on_its_own_line()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var env = WithDefaultGoFlags(proxy.Url("ok"));
        Write(env.Project, "go.mod", "module example.com/app\n\ngo 1.22\n");
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        var uri = new Uri(Path.Combine(env.Root, "go.work")).AbsoluteUri;
        var text = "go 1.22\n\nuse ./project\n\nreplace example.com/bar => example.com/foo v1.0.0\n\nreplace example.com/baz => example.com/foo v9.9.9\n";

        await lsp.OpenAsync(uri, text, languageId: "go.work");
        var published = await WaitForAsync(lsp, uri, d => d.Diagnostics.Any(x => Code(x) == "GML3001"));
        var missing = Assert.Single(published.Diagnostics);
        Assert.Equal((6, "GML3001"), (missing.Range.Start.Line, Code(missing)));
        Assert.Contains("example.com/foo@v9.9.9", missing.Message, StringComparison.Ordinal);

        var hover = (await lsp.HoverAsync(uri, 4, 3))!.Contents.Value;
        Assert.Contains("**replace** `example.com/bar` ⇒ `example.com/foo@v1.0.0`", hover, StringComparison.Ordinal);
        Assert.Contains("Answered by `", hover, StringComparison.Ordinal);
        Assert.Single(proxy.Requests, r => r.Path.EndsWith("example.com/foo/@v/v9.9.9.info", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Completion_in_a_go_work_offers_its_keywords_and_the_modules_not_used_yet()
    {
        var env = WithDefaultGoFlags("off");
        foreach (var dir in new[] { "project", "lib", "tools/gen", ".hidden/x", "vendor/y", "a/b/c/too-deep" })
        {
            Write(env.Root, dir + "/go.mod", $"module example.com/{Path.GetFileName(dir)}\n");
        }

        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { network = new { enabled = false } });
        var uri = new Uri(Path.Combine(env.Root, "go.work")).AbsoluteUri;
        await lsp.OpenAsync(uri, "go 1.22\n\nuse ./project\nuse \n\n", languageId: "go.work");

        async Task<List<(string Label, string? Detail)>> CompleteAsync(int line, int character)
        {
            var result = await lsp.RequestAsync<System.Text.Json.JsonElement>("textDocument/completion", new CompletionParams(new TextDocumentIdentifier(uri), new Position(line, character)));
            var items = result.ValueKind == System.Text.Json.JsonValueKind.Array ? result : result.GetProperty("items");
            return [.. items.EnumerateArray().Select(i => (i.GetProperty("label").GetString()!, i.TryGetProperty("detail", out var d) ? d.GetString() : null))];
        }

        Assert.Equal([("./lib", "example.com/lib"), ("./tools/gen", "example.com/gen")], await CompleteAsync(3, 4));
        Assert.Equal(["toolchain", "godebug", "use", "replace"], (await CompleteAsync(4, 0)).Select(i => i.Label)); // it has its go line
        Assert.Contains("go", (await CompleteAsync(0, 1)).Select(i => i.Label)); // on that line itself, go is offered
    }

    [Fact]
    public async Task A_require_of_an_unpublished_workspace_module_is_fixed_in_the_go_work()
    {
        var env = WithDefaultGoFlags(GoModTestEnvironment.FileProxy());
        Write(env.Root, "go.work", "go 1.22\n\nuse (\n\t./lib\n\t./project\n)\n");
        Write(env.Root, "lib/go.mod", "module example.com/lib\n\ngo 1.22\n");
        var app = "module example.com/app\n\ngo 1.22\n\nrequire example.com/lib v0.5.0\n";
        Write(env.Project, "go.mod", app);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);

        await lsp.OpenAsync(env.GoModUri, app);
        var published = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML3001"));
        var actions = await CodeActionsAsync(lsp, env.GoModUri, published.Diagnostics.Single(d => Code(d) == "GML3001"));
        var fix = Assert.Single(actions, a => a.Title == "Use the workspace module: replace example.com/lib v0.5.0 => ./lib in ../go.work");
        var (uri, edits) = Assert.Single(fix.Edit!.Changes!);
        Assert.Equal(new Uri(Path.Combine(env.Root, "go.work")).AbsoluteUri, uri);
        var updated = edits.OrderByDescending(e => e.Range.Start.Line).ThenByDescending(e => e.Range.Start.Character)
            .Aggregate(File.ReadAllText(Path.Combine(env.Root, "go.work")), Apply);
        Assert.Equal("go 1.22\n\nuse (\n\t./lib\n\t./project\n)\n\nreplace example.com/lib v0.5.0 => ./lib\n", updated); // go work edit's text (WorkspaceModeTests)
        Assert.NotEqual(true, fix.IsPreferred); // the go.mod replace of the same directory stays the preferred one
        Assert.True(Assert.Single(actions, a => a.Title == "Add replace example.com/lib => ../lib (local checkout, go.work use)").IsPreferred);
    }

    [Fact]
    public async Task A_go_work_created_later_is_picked_up_in_the_background_without_blocking_a_keystroke()
    {
        var env = WithDefaultGoFlags("off");
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { network = new { enabled = false } });
        await lsp.OpenAsync(env.GoModUri, App);
        var first = await WaitForAsync(lsp, env.GoModUri, _ => true);
        Assert.DoesNotContain(first.Diagnostics, d => Code(d) == "GML2011");

        Write(env.Root, "go.work", "go 1.22\n\nuse ./elsewhere\n");
        Write(env.Root, "elsewhere/go.mod", "module example.com/elsewhere\n\ngo 1.22\n"); // a workspace go accepts: only the use list leaves this module out
        await Task.Delay(Features.GoMod.WorkspaceProvider.FreshFor + TimeSpan.FromMilliseconds(100));
        // The first keystroke after FreshFor is analysed with what is known (no go.work) and starts the refresh;
        // a later one sees the go.work. How much later depends on the thread pool (busy when tests run in parallel),
        // so keep typing until it shows; unchanged diagnostics are not published again, so only that one is.
        PublishDiagnosticsParams? after = null;
        for (var version = 2; after is null && version < 2 + 40; version++)
        {
            await lsp.ChangeAsync(env.GoModUri, version, new TextDocumentContentChangeEvent(App + new string('\n', version)));
            await lsp.SyncAsync();
            await Task.Delay(250);
            while (lsp.Diagnostics.Reader.TryRead(out var published))
            {
                after ??= published.Uri == env.GoModUri && published.Diagnostics.Any(x => Code(x) == "GML2011") ? published : null;
            }
        }

        Assert.NotNull(after);
        Assert.True(after.Version >= 3, $"the keystroke that started the refresh waited for it (version {after.Version})");
    }

    [Fact]
    public async Task Goflags_mod_mod_is_refused_in_workspace_mode_as_go_refuses_it()
    {
        var env = new GoModTestEnvironment("off"); // GOFLAGS=-mod=mod, as many CI setups have it
        Write(env.Root, "go.work", "go 1.22\n\nuse ./project\n");
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { network = new { enabled = false } });

        await lsp.OpenAsync(env.GoModUri, App);
        var published = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML2012"));
        Assert.Contains("go: -mod may only be set to readonly or vendor when in workspace mode, but it is set to \"mod\"",
            Assert.Single(published.Diagnostics, d => Code(d) == "GML2012").Message, StringComparison.Ordinal);
    }
}
