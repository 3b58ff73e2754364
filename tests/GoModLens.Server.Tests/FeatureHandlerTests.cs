using System.Text.Json;
using GoModLens.Server.Transport;
using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;

namespace GoModLens.Server.Tests;

public sealed class FeatureHandlerTests
{
    private const string Uri = "file:///work/project/go.mod";

    private static readonly ClientCapabilities s_literalClient = new()
    {
        TextDocument = new TextDocumentClientCapabilities
        {
            CodeAction = new CodeActionClientCapabilities
            {
                CodeActionLiteralSupport = new CodeActionLiteralSupport(new CodeActionKindValueSet(["quickfix"])),
            },
        },
    };

    [Fact]
    public async Task Code_action_uses_the_diagnostic_data_round_trip_and_returns_a_workspace_edit()
    {
        await using var lsp = await LspTestHarness.StartAsync(capabilities: s_literalClient);
        await lsp.OpenAsync(Uri, "module a\nrequire BAD v1\n");
        var diagnostic = Assert.Single((await lsp.NextDiagnosticsAsync(Uri)).Diagnostics);

        var actions = await lsp.RequestAsync<CodeAction[]>("textDocument/codeAction", new CodeActionParams(
            new TextDocumentIdentifier(Uri), diagnostic.Range, new CodeActionContext([diagnostic])));

        var action = Assert.Single(actions);
        Assert.Equal("Replace BAD on line 1", action.Title);
        Assert.Equal("quickfix", action.Kind);
        Assert.True(action.IsPreferred);
        Assert.Equal(Json(diagnostic), Json(Assert.Single(action.Diagnostics!)));
        var edit = Assert.Single(action.Edit!.Changes![Uri]);
        Assert.Equal("GOOD", edit.NewText);
        Assert.Equal(diagnostic.Range, edit.Range);
    }

    [Fact]
    public async Task Code_action_only_filter_and_foreign_diagnostics_are_respected()
    {
        await using var lsp = await LspTestHarness.StartAsync(capabilities: s_literalClient);
        await lsp.OpenAsync(Uri, "BAD\n");
        var ours = Assert.Single((await lsp.NextDiagnosticsAsync(Uri)).Diagnostics);
        var foreign = new { range = ours.Range, message = "other tool", code = 17, source = "other" };

        var refactorOnly = await lsp.RequestAsync<CodeAction[]>("textDocument/codeAction", new
        {
            textDocument = new { uri = Uri },
            range = ours.Range,
            context = new { diagnostics = new object[] { ours, foreign }, only = new[] { "refactor" } },
        });
        var quickfix = await lsp.RequestAsync<CodeAction[]>("textDocument/codeAction", new
        {
            textDocument = new { uri = Uri },
            range = ours.Range,
            context = new { diagnostics = new object[] { foreign, ours } },
        });

        Assert.Empty(refactorOnly);
        Assert.Equal("BAD on line 0", Assert.Single(Assert.Single(quickfix).Diagnostics!).Message);
    }

    [Fact]
    public async Task Inlay_hints_follow_the_setting_pulled_from_workspace_configuration()
    {
        var capabilities = new ClientCapabilities { Workspace = new WorkspaceClientCapabilities { Configuration = true } };
        await using var lsp = await LspTestHarness.StartAsync(capabilities: capabilities);
        await lsp.OpenAsync(Uri, "module a\n");
        var whole = new InlayHintParams(new TextDocumentIdentifier(Uri), new Protocol.Range(new Position(0, 0), new Position(2, 0)));

        Assert.Equal("end", Assert.Single(await lsp.RequestAsync<InlayHint[]>("textDocument/inlayHint", whole)).Label);

        lsp.Configuration = JsonDocument.Parse("""{"inlayHints": false}""").RootElement;
        await lsp.NotifyAsync("workspace/didChangeConfiguration", new { settings = (object?)null });
        await LifecycleTests.WaitUntilAsync(() => lsp.Server.Queue.Current.Settings.InlayHintsEnabled == false);

        Assert.Empty(await lsp.RequestAsync<InlayHint[]>("textDocument/inlayHint", whole));
    }

    [Fact]
    public async Task DidChangeConfiguration_payload_is_used_when_the_client_cannot_be_asked()
    {
        await using var lsp = await LspTestHarness.StartAsync(initializationOptions: new { goproxy = "https://base.example" });
        await lsp.NotifyAsync("workspace/didChangeConfiguration", new { settings = new { gomodlens = new { network = false } } });
        await LifecycleTests.WaitUntilAsync(() => !lsp.Server.Queue.Current.Settings.NetworkEnabled);

        Assert.Equal("https://base.example", lsp.Server.Queue.Current.Settings.GoProxy);
        Assert.DoesNotContain("workspace/configuration", lsp.ServerRequests);
    }

    [Fact]
    public async Task Execute_command_runs_known_commands_and_rejects_unknown_ones()
    {
        await using var lsp = await LspTestHarness.StartAsync();

        var echoed = await lsp.RequestAsync<JsonElement>("workspace/executeCommand", new { command = "test.echo", arguments = new object[] { "hi" } });
        Assert.Equal("hi", echoed.GetString());

        var error = await Assert.ThrowsAnyAsync<StreamJsonRpc.RemoteRpcException>(
            () => lsp.RequestAsync<JsonElement?>("workspace/executeCommand", new { command = "nope" }));
        Assert.Equal(ErrorCodes.InvalidParams, RpcErrors.CodeOf(error));
    }

    private static string Json(Diagnostic diagnostic) => JsonSerializer.Serialize(diagnostic, ServerJson.Options);

    [Fact]
    public async Task Hover_defaults_to_markdown_and_honours_a_plaintext_only_client()
    {
        var plain = new ClientCapabilities
        {
            TextDocument = new TextDocumentClientCapabilities { Hover = new HoverClientCapabilities(ContentFormat: ["plaintext"]) },
        };
        await using var markdownClient = await LspTestHarness.StartAsync();
        await using var plainClient = await LspTestHarness.StartAsync(capabilities: plain);
        await markdownClient.OpenAsync(Uri, "module a\n");
        await plainClient.OpenAsync(Uri, "module a\n");

        Assert.Equal("markdown", (await markdownClient.HoverAsync(Uri, 0, 1))!.Contents.Kind);
        Assert.Equal("plaintext", (await plainClient.HoverAsync(Uri, 0, 1))!.Contents.Kind);
    }

    [Fact]
    public async Task Feature_requests_on_unknown_documents_return_empty_results()
    {
        await using var lsp = await LspTestHarness.StartAsync();
        var doc = new TextDocumentIdentifier("file:///not/open/go.mod");

        Assert.Empty(await lsp.RequestAsync<FoldingRange[]>("textDocument/foldingRange", new FoldingRangeParams(doc)));
        Assert.Empty(await lsp.RequestAsync<DocumentSymbol[]>("textDocument/documentSymbol", new DocumentSymbolParams(doc)));
        Assert.Empty(await lsp.RequestAsync<TextEdit[]>("textDocument/formatting", new DocumentFormattingParams(doc, new FormattingOptions(4, false))));
        Assert.Empty((await lsp.RequestAsync<CompletionList>("textDocument/completion", new CompletionParams(doc, new Position(0, 0)))).Items);
        Assert.Empty(await lsp.RequestAsync<DocumentLink[]>("textDocument/documentLink", new DocumentLinkParams(doc)));
    }
}
