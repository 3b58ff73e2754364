using System.Text.Json;
using GoModLens.ModFile.Semantics;
using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.FakeProxy;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>The real analyzer in-process over the duplex stream, against file:// proxy trees and the loopback fake proxy.</summary>
public sealed class GoModProtocolTests
{
    private const string App = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/foo v1.0.0\n\texample.com/missing v1.0.0\n)\n";

    internal static readonly ClientCapabilities s_client = new()
    {
        TextDocument = new TextDocumentClientCapabilities
        {
            CodeAction = new CodeActionClientCapabilities
            {
                CodeActionLiteralSupport = new CodeActionLiteralSupport(new CodeActionKindValueSet(["quickfix", "refactor"])),
            },
        },
    };

    [Fact]
    public async Task Open_publishes_local_diagnostics_at_once_then_network_diagnostics_for_the_same_version()
    {
        var env = new GoModTestEnvironment(GoModTestEnvironment.FileProxy());
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        var text = App + "require example.com/bar v0.1.0\nrequire example.com/bar v0.2.0\n";
        await lsp.OpenAsync(env.GoModUri, text, version: 3);

        var local = await lsp.NextDiagnosticsAsync(env.GoModUri);
        Assert.Equal(3, local.Version);
        var duplicate = Assert.Single(local.Diagnostics, d => Code(d) == "GML2004");
        Assert.Equal(new Position(8, 8), duplicate.Range.Start);
        Assert.DoesNotContain(local.Diagnostics, d => Code(d).StartsWith("GML3", StringComparison.Ordinal));

        var final = await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML3001") && p.Diagnostics.Count(d => Code(d) == "GML2009") == 2);
        Assert.Equal(3, final.Version);
        var notFound = Assert.Single(final.Diagnostics, d => Code(d) == "GML3001");
        Assert.Equal(DiagnosticSeverity.Error, notFound.Severity);
        Assert.Equal(new Position(6, 21), notFound.Range.Start);
        Assert.Contains("example.com/missing@v1.0.0", notFound.Message, StringComparison.Ordinal);
        Assert.NotEmpty(notFound.RelatedInformation!);
        Assert.Equal("https://github.com/gomodlens/gomodlens/blob/main/docs/diagnostics.md#gml3001", notFound.CodeDescription!.Href);
        var upgrade = Assert.Single(final.Diagnostics, d => Code(d) == "GML2009" && d.Range.Start.Line == 5);
        Assert.Contains("v1.2.0", upgrade.Message, StringComparison.Ordinal);
        Assert.Contains(final.Diagnostics, d => Code(d) == "GML2004");
    }

    [Fact]
    public async Task Hover_on_a_require_shows_latest_release_prerelease_source_and_pkg_go_dev_and_the_module_line_shows_provenance()
    {
        var env = new GoModTestEnvironment(GoModTestEnvironment.FileProxy());
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, App);
        await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML2009"));

        var hover = await lsp.HoverAsync(env.GoModUri, 5, 5);
        var markdown = hover!.Contents.Value;
        Assert.Contains("**example.com/foo** `v1.0.0` · published 2023-01-15", markdown, StringComparison.Ordinal);
        Assert.Contains("Latest: `v1.2.0` · pre-release `v1.3.0-beta.1`", markdown, StringComparison.Ordinal);
        Assert.Contains("Answered by `file://", markdown, StringComparison.Ordinal);
        Assert.Contains("[pkg.go.dev](https://pkg.go.dev/example.com/foo@v1.0.0)", markdown, StringComparison.Ordinal);

        var module = (await lsp.HoverAsync(env.GoModUri, 0, 3))!.Contents.Value;
        Assert.Contains("| GOPROXY | `file://", module, StringComparison.Ordinal);
        Assert.Contains("| set in the process environment |", module, StringComparison.Ordinal);
        Assert.Contains("| GONOPROXY |", module, StringComparison.Ordinal);
        Assert.Contains("| GOSUMDB |", module, StringComparison.Ordinal);

        // Warm cache: hovers answer from memory.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            await lsp.HoverAsync(env.GoModUri, 5, 5);
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"20 warm hovers took {watch.Elapsed}");
    }

    [Fact]
    public async Task Upgrade_quick_fix_is_a_minimal_edit_and_the_result_parses_cleanly()
    {
        var env = new GoModTestEnvironment(GoModTestEnvironment.FileProxy());
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, App);
        var published = await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML2009"));
        var upgrade = published.Diagnostics.First(d => Code(d) == "GML2009");

        var actions = await lsp.RequestAsync<CodeAction[]>("textDocument/codeAction",
            new CodeActionParams(new TextDocumentIdentifier(env.GoModUri), upgrade.Range, new CodeActionContext([upgrade])));

        // The diagnostic's fix and the cursor's "latest non-retracted" action make the same edit: offered once, as the
        // diagnostic's preferred quick fix with the more specific title.
        var fix = Assert.Single(actions, a => a.Title.StartsWith("Change example.com/foo to v1.2.0", StringComparison.Ordinal));
        Assert.Equal("Change example.com/foo to v1.2.0 (latest non-retracted)", fix.Title);
        Assert.Equal("quickfix", fix.Kind);
        Assert.True(fix.IsPreferred);
        var edit = Assert.Single(fix.Edit!.Changes![env.GoModUri]);
        Assert.Equal("v1.2.0", edit.NewText);
        Assert.Equal(upgrade.Range, edit.Range);
        var after = Apply(App, edit);
        Assert.True(ModFileParser.Parse("go.mod", after).IsAcceptedByGo);
        Assert.Contains("\texample.com/foo v1.2.0\n", after, StringComparison.Ordinal);
    }

    /// <summary>The cursor's "latest" action goes up, or down off a retracted version; never down from a newer pre-release.</summary>
    [Fact]
    public async Task The_latest_action_does_not_downgrade_a_pre_release_and_does_leave_a_retracted_version()
    {
        var env = new GoModTestEnvironment(GoModTestEnvironment.FileProxy());
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        const string Text = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/foo v1.3.0-beta.1\n\texample.com/retracting v1.2.0\n)\n";
        await lsp.OpenAsync(env.GoModUri, Text);
        await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML2007"));
        await lsp.Server.Diagnostics.WhenIdleAsync();

        async Task<string[]> TitlesAt(int line) => [.. (await lsp.RequestAsync<CodeAction[]>("textDocument/codeAction", new CodeActionParams(
            new TextDocumentIdentifier(env.GoModUri), new Protocol.Range(new Position(line, 3), new Position(line, 3)), new CodeActionContext([])))).Select(a => a.Title)];

        Assert.DoesNotContain(await TitlesAt(5), t => t.StartsWith("Change example.com/foo", StringComparison.Ordinal));
        Assert.Contains("Change example.com/retracting to v1.1.0 (latest non-retracted)", await TitlesAt(6));
    }

    [Fact]
    public async Task Duplicate_require_quick_fix_drops_the_line_and_replace_fix_uses_a_discovered_sibling_checkout()
    {
        var env = new GoModTestEnvironment(GoModTestEnvironment.FileProxy());
        var sibling = Directory.CreateDirectory(Path.Combine(env.Root, "missing")).FullName;
        File.WriteAllText(Path.Combine(sibling, "go.mod"), "module example.com/missing\n");
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        var text = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/bar v0.1.0\n\texample.com/bar v0.2.0\n\texample.com/missing v1.0.0\n)\n";
        await lsp.OpenAsync(env.GoModUri, text);
        var published = await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML3001"));

        var duplicate = published.Diagnostics.First(d => Code(d) == "GML2004");
        var drop = Assert.Single(await CodeActionsAsync(lsp, env.GoModUri, duplicate), a => a.Title.StartsWith("Remove the duplicate", StringComparison.Ordinal));
        var dropped = Apply(text, Assert.Single(drop.Edit!.Changes![env.GoModUri]));
        Assert.DoesNotContain("v0.1.0", dropped, StringComparison.Ordinal);
        Assert.True(ModFileParser.Parse("go.mod", dropped).IsAcceptedByGo);

        var notFound = published.Diagnostics.First(d => Code(d) == "GML3001");
        var replace = Assert.Single(await CodeActionsAsync(lsp, env.GoModUri, notFound), a => a.Title.Contains("local checkout", StringComparison.Ordinal));
        Assert.Equal("Add replace example.com/missing => ../missing (local checkout)", replace.Title);
        var replaced = Apply(text, Assert.Single(replace.Edit!.Changes![env.GoModUri]));
        var parsed = ModFileParser.Parse("go.mod", replaced);
        Assert.True(parsed.IsAcceptedByGo);
        Assert.Equal("../missing", Assert.Single(parsed.Model.Replace).New.Path);
    }

    [Fact]
    public async Task Privacy_a_GOPRIVATE_module_is_never_requested_from_the_proxy_and_gets_no_pkg_go_dev_link()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var env = new GoModTestEnvironment(proxy.Url("ok") + ",off", goPrivate: "corp.example.com", mirrors: [new Uri(proxy.Url("ok"))]);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        var text = "module example.com/app\n\ngo 1.22\n\nrequire (\n\tcorp.example.com/secret v1.0.0\n\texample.com/foo v1.0.0\n)\n";
        await lsp.OpenAsync(env.GoModUri, text);
        await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML2009"));

        var privateHover = (await lsp.HoverAsync(env.GoModUri, 5, 5))!.Contents.Value;
        var publicHover = (await lsp.HoverAsync(env.GoModUri, 6, 5))!.Contents.Value;
        var links = await lsp.RequestAsync<DocumentLink[]>("textDocument/documentLink", new DocumentLinkParams(new TextDocumentIdentifier(env.GoModUri)));
        await Task.Delay(300); // let the background mirror probe for the public module run

        Assert.DoesNotContain("pkg.go.dev", privateHover, StringComparison.Ordinal);
        Assert.Contains("Private module (matches GONOPROXY pattern corp.example.com (defaults to GOPRIVATE (", privateHover, StringComparison.Ordinal);
        Assert.Contains("pkg.go.dev/example.com/foo@v1.0.0", publicHover, StringComparison.Ordinal);
        Assert.Equal(["https://pkg.go.dev/example.com/foo@v1.0.0"], links.Select(l => l.Target));
        Assert.NotEmpty(proxy.Requests);
        Assert.DoesNotContain(proxy.Requests, r => r.Path.Contains("corp.example.com", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Formatting_folding_and_symbols()
    {
        var env = new GoModTestEnvironment("off");
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { network = new { enabled = false } });
        var text = "module   example.com/app\ngo 1.22\nrequire (\nexample.com/foo v1.0.0\n)\n";
        await lsp.OpenAsync(env.GoModUri, text);

        var edits = await lsp.RequestAsync<Protocol.TextEdit[]>("textDocument/formatting",
            new DocumentFormattingParams(new TextDocumentIdentifier(env.GoModUri), new FormattingOptions(4, false)));
        var formatted = edits.OrderByDescending(e => e.Range.Start.Line).ThenByDescending(e => e.Range.Start.Character).Aggregate(text, Apply);
        Assert.Equal("module example.com/app\n\ngo 1.22\n\nrequire example.com/foo v1.0.0\n", formatted);

        var folds = await lsp.RequestAsync<FoldingRange[]>("textDocument/foldingRange", new FoldingRangeParams(new TextDocumentIdentifier(env.GoModUri)));
        Assert.Equal(2, Assert.Single(folds).StartLine);
        var symbols = await lsp.RequestAsync<JsonElement>("textDocument/documentSymbol", new DocumentSymbolParams(new TextDocumentIdentifier(env.GoModUri)));
        Assert.Equal("module example.com/app", symbols[0].GetProperty("name").GetString());
    }

    internal static string Code(Diagnostic d) => d.Code ?? "";

    internal static async Task<CodeAction[]> CodeActionsAsync(LspTestHarness lsp, string uri, Diagnostic diagnostic) =>
        await lsp.RequestAsync<CodeAction[]>("textDocument/codeAction",
            new CodeActionParams(new TextDocumentIdentifier(uri), diagnostic.Range, new CodeActionContext([diagnostic])));

    /// <summary>Runs a command with client-supplied arguments that it must refuse as InvalidParams, with <paramref name="message"/>.</summary>
    internal static async Task AssertRefusedAsync(LspTestHarness lsp, string command, string message, params string[] arguments)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => lsp.RequestAsync<System.Text.Json.JsonElement?>("workspace/executeCommand",
            new ExecuteCommandParams(command, [.. arguments.Select(a => System.Text.Json.JsonSerializer.SerializeToElement(a))])));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        // InvalidParams (StreamJsonRpc raises it as "method not found"), not an internal error
        Assert.Equal(StreamJsonRpc.Protocol.JsonRpcErrorCode.InvalidParams, Assert.IsType<StreamJsonRpc.RemoteMethodNotFoundException>(error).ErrorCode);
    }

    internal static async Task<PublishDiagnosticsParams> WaitForAsync(LspTestHarness lsp, string uri, Func<PublishDiagnosticsParams, bool> done)
    {
        while (true)
        {
            var next = await lsp.NextDiagnosticsAsync(uri);
            if (done(next))
            {
                return next;
            }
        }
    }

    internal static string Apply(string text, Protocol.TextEdit edit)
    {
        var start = Offset(text, edit.Range.Start);
        var end = Offset(text, edit.Range.End);
        return text[..start] + edit.NewText + text[end..];
    }

    private static int Offset(string text, Position position)
    {
        var offset = 0;
        for (var line = 0; line < position.Line; line++)
        {
            offset = text.IndexOf('\n', offset) + 1;
        }

        return offset + position.Character;
    }
}
