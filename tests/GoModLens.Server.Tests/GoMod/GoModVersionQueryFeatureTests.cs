using System.Text;
using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities.FakeProxy;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>
/// Hover, go to definition and document links on a version go's fixer turns into a proxy query (<c>v1</c>, <c>latest</c>,
/// <c>v1.9</c>): before the network stage answers they say the query is not resolved and point nowhere near the strict
/// parser's reading (<c>v1</c> as <c>v1.0.0</c>); after it, they are about the version go writes, or show go's error.
/// </summary>
public sealed class GoModVersionQueryFeatureTests
{
    // The standard tree: example.com/foo v1.0.0 v1.1.0 v1.2.0 v1.3.0-beta.1; example.com/bar v0.1.0 v0.2.0;
    // example.com/retracting v1.0.0 v1.1.0 v1.2.0 (no v1.9.x).
    private const string Text =
        "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/foo v1\n\texample.com/bar latest\n\texample.com/retracting v1.9\n)\n";

    [Fact]
    public async Task Hover_definition_and_links_follow_the_answer_and_say_when_there_is_none()
    {
        // Every proxy request takes 400 ms, so the queries are unanswered for a while after the first publish.
        await using var proxy = await FakeModuleProxy.StartAsync();
        var env = new GoModTestEnvironment(proxy.Url("sleep/400"));
        env.WriteModuleCache("example.com/foo", "v1.0.0", ".mod", Encoding.UTF8.GetBytes("module example.com/foo\n"));
        env.WriteModuleCache("example.com/foo", "v1.2.0", ".mod", Encoding.UTF8.GetBytes("module example.com/foo\n\ngo 1.18\n"));
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, Text);
        await lsp.NextDiagnosticsAsync(env.GoModUri);

        // Not answered yet.
        var before = (await lsp.HoverAsync(env.GoModUri, 5, 3))!.Contents.Value;
        Assert.StartsWith("**example.com/foo** `v1`\n\n`v1` is a version query: go's fixer asks GOPROXY for the highest v1.x and writes the answer into go.mod. _Not resolved yet._",
            before, StringComparison.Ordinal);
        Assert.Contains("(https://pkg.go.dev/example.com/foo?tab=versions)", before, StringComparison.Ordinal);
        Assert.DoesNotContain("v1.0.0", before, StringComparison.Ordinal);
        Assert.Contains("`latest` is a version query: go's fixer asks GOPROXY for the latest version", (await lsp.HoverAsync(env.GoModUri, 6, 3))!.Contents.Value, StringComparison.Ordinal);
        Assert.Empty(await DefinitionAsync(lsp, env.GoModUri, 5, 3)); // v1.0.0's go.mod is in the module cache, but go never uses v1.0.0
        var links = await LinksAsync(lsp, env.GoModUri);
        Assert.Equal(
            [(5, "https://pkg.go.dev/example.com/foo?tab=versions"), (6, "https://pkg.go.dev/example.com/bar?tab=versions"), (7, "https://pkg.go.dev/example.com/retracting?tab=versions")],
            links.Select(l => (l.Range.Start.Line, l.Target!)).Order());
        Assert.Contains("not resolved yet", links.Single(l => l.Range.Start.Line == 5).Tooltip, StringComparison.Ordinal);

        // Answered: foo v1 is v1.2.0, bar latest is v0.2.0, retracting v1.9 matches nothing.
        await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML2002" && d.Message.Contains("v1.2.0", StringComparison.Ordinal)));
        await lsp.Server.Diagnostics.WhenIdleAsync();

        var foo = (await lsp.HoverAsync(env.GoModUri, 5, 3))!.Contents.Value;
        Assert.StartsWith("`v1` → v1.2.0, as go would write it (go's fixer asks GOPROXY for the highest v1.x).\n\n**example.com/foo** `v1.2.0`", foo, StringComparison.Ordinal);
        Assert.Contains("[pkg.go.dev](https://pkg.go.dev/example.com/foo@v1.2.0)", foo, StringComparison.Ordinal);
        Assert.DoesNotContain("v1.0.0", foo, StringComparison.Ordinal);
        Assert.DoesNotContain("Not resolved", foo, StringComparison.Ordinal); // the report of v1.2.0 is there

        var bar = (await lsp.HoverAsync(env.GoModUri, 6, 3))!.Contents.Value;
        Assert.StartsWith("`latest` → v0.2.0, as go would write it (go's fixer asks GOPROXY for the latest version).\n\n**example.com/bar** `v0.2.0`", bar, StringComparison.Ordinal);

        var failed = (await lsp.HoverAsync(env.GoModUri, 7, 3))!.Contents.Value;
        Assert.Contains("`v1.9` is a version query: go's fixer asks GOPROXY for the highest v1.9.x, and the query failed, so every go command stops on this go.mod", failed, StringComparison.Ordinal);
        Assert.Contains(": no matching versions for query \"v1.9\"`", failed, StringComparison.Ordinal);
        Assert.DoesNotContain("v1.9.0", failed, StringComparison.Ordinal);

        var definition = Assert.Single(await DefinitionAsync(lsp, env.GoModUri, 5, 3));
        Assert.EndsWith("/cache/download/example.com/foo/@v/v1.2.0.mod", definition.Uri, StringComparison.Ordinal);
        Assert.Empty(await DefinitionAsync(lsp, env.GoModUri, 7, 3));
        Assert.Equal(
            [(5, "https://pkg.go.dev/example.com/foo@v1.2.0"), (6, "https://pkg.go.dev/example.com/bar@v0.2.0"), (7, "https://pkg.go.dev/example.com/retracting?tab=versions")],
            (await LinksAsync(lsp, env.GoModUri)).Select(l => (l.Range.Start.Line, l.Target!)).Order());
    }

    /// <summary>A query the budget ran out on is no answer: the hover says why, and still nothing about v1.0.0.</summary>
    [Fact]
    public async Task A_query_without_an_answer_within_the_budget_says_why()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var env = new GoModTestEnvironment(proxy.Url("hang"));
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { timeouts = new { totalMs = 500 } });
        await lsp.OpenAsync(env.GoModUri, "module example.com/app\n\ngo 1.22\n\nrequire example.com/foo v1\n");
        await lsp.NextDiagnosticsAsync(env.GoModUri);
        await lsp.Server.Diagnostics.WhenIdleAsync();

        var hover = (await lsp.HoverAsync(env.GoModUri, 4, 3))!.Contents.Value;

        Assert.Contains("`v1` is a version query: go's fixer asks GOPROXY for the highest v1.x and writes the answer into go.mod. Not resolved: GOPROXY gave no answer within GoModLens's",
            hover, StringComparison.Ordinal);
        Assert.DoesNotContain("v1.0.0", hover, StringComparison.Ordinal);
    }

    /// <summary>
    /// Offline nothing answers a query: the hover says so, and definition goes only where the version does not matter
    /// (a replacement of every version by a directory), not to the strict parser's v0.0.0 in the module cache.
    /// </summary>
    [Fact]
    public async Task With_the_network_off_a_query_is_not_resolved_and_goes_only_where_the_version_does_not_matter()
    {
        var env = new GoModTestEnvironment(GoModTestEnvironment.FileProxy());
        env.WriteModuleCache("example.com/bar", "v0.0.0", ".mod", Encoding.UTF8.GetBytes("module example.com/bar\n"));
        GoModTestEnvironment.Write(env.Project, "local/go.mod", "module example.com/local\n");
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { network = new { enabled = false } });
        await lsp.OpenAsync(env.GoModUri,
            "module example.com/app\n\ngo 1.22\n\nrequire example.com/bar v0\n\nrequire example.com/local latest\n\nreplace example.com/local => ./local\n");
        await lsp.SyncAsync();

        var hover = (await lsp.HoverAsync(env.GoModUri, 4, 3))!.Contents.Value;

        Assert.Contains("`v0` is a version query: go's fixer asks GOPROXY for the highest v0.x and writes the answer into go.mod. _Network disabled: not resolved._", hover, StringComparison.Ordinal);
        Assert.DoesNotContain("v0.0.0", hover, StringComparison.Ordinal);
        Assert.Empty(await DefinitionAsync(lsp, env.GoModUri, 4, 3));
        Assert.Equal([new Uri(Path.Combine(env.Project, "local", "go.mod")).AbsoluteUri], (await DefinitionAsync(lsp, env.GoModUri, 6, 3)).Select(l => l.Uri));
    }

    /// <summary>
    /// Inlay hints, the cursor's upgrade action and the go get lens see the version go's fixer answered: <c>&lt;v1.2</c>
    /// is v1.1.0 to go, so "latest v1.2.0" is news; the strict parser, which rejects the query, saw no require at all.
    /// </summary>
    [Fact]
    public async Task Inlay_hints_and_upgrades_are_about_the_answered_version()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var env = new GoModTestEnvironment(proxy.Url("ok"));
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, "module example.com/app\n\ngo 1.22\n\nrequire example.com/foo <v1.2\n");
        await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => d.Message.Contains("v1.1.0", StringComparison.Ordinal)));
        await lsp.Server.Diagnostics.WhenIdleAsync();

        var line = new Protocol.Range(new Position(4, 0), new Position(4, 35));
        var hint = Assert.Single(await lsp.RequestAsync<InlayHint[]>("textDocument/inlayHint", new InlayHintParams(new TextDocumentIdentifier(env.GoModUri), line)));
        Assert.Equal("latest v1.2.0", hint.Label);

        var cursor = new Protocol.Range(new Position(4, 26), new Position(4, 26));
        var actions = await lsp.RequestAsync<CodeAction[]>("textDocument/codeAction", new CodeActionParams(new TextDocumentIdentifier(env.GoModUri), cursor, new CodeActionContext([])));
        var upgrade = Assert.Single(actions, a => a.Title == "Change example.com/foo to v1.2.0 (latest non-retracted)");
        var edit = Assert.Single(upgrade.Edit!.Changes![env.GoModUri]);
        Assert.Equal(("v1.2.0", 24, 29), (edit.NewText, edit.Range.Start.Character, edit.Range.End.Character));
        var lenses = await lsp.RequestAsync<CodeLens[]>("textDocument/codeLens", new CodeLensParams(new TextDocumentIdentifier(env.GoModUri)));
        var goGet = Assert.Single(lenses, l => l.Command?.CommandName == "gomodlens.goGet").Command!;
        Assert.Equal([env.GoModUri, "example.com/foo@v1.2.0"], goGet.Arguments!.Select(a => a.GetString()));
    }

    private static Task<Location[]> DefinitionAsync(LspTestHarness lsp, string uri, int line, int character) =>
        lsp.RequestAsync<Location[]>("textDocument/definition", new DefinitionParams(new TextDocumentIdentifier(uri), new Position(line, character)));

    private static Task<DocumentLink[]> LinksAsync(LspTestHarness lsp, string uri) =>
        lsp.RequestAsync<DocumentLink[]>("textDocument/documentLink", new DocumentLinkParams(new TextDocumentIdentifier(uri)));
}
