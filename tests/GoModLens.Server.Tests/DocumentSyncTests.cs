using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;

namespace GoModLens.Server.Tests;

public sealed class DocumentSyncTests
{
    private const string Uri = "file:///work/project/go.mod";

    private static TextDocumentContentChangeEvent Edit(int line, int start, int endLine, int end, string text) =>
        new(text, new Protocol.Range(new Position(line, start), new Position(endLine, end)));

    [Fact]
    public async Task Incremental_edits_apply_in_order_and_a_following_request_sees_the_newest_text()
    {
        await using var lsp = await LspTestHarness.StartAsync();
        await lsp.OpenAsync(Uri, "module a\n");

        // Sent back to back without waiting: each edit is relative to the text the previous one produced.
        var sends = new[]
        {
            lsp.ChangeAsync(Uri, 2, Edit(0, 8, 0, 8, "b")),             // module ab
            lsp.ChangeAsync(Uri, 3, Edit(0, 7, 0, 9, "x/y")),           // module x/y
            lsp.ChangeAsync(Uri, 4, Edit(1, 0, 1, 0, "go 1.22\n"), Edit(0, 0, 0, 6, "MODULE")),
        };
        await Task.WhenAll(sends);
        var hover = await lsp.HoverAsync(Uri, 0, 0);

        Assert.Equal("v4@0:MODULE x/y\ngo 1.22\n", hover!.Contents.Value);
    }

    [Fact]
    public async Task Full_text_change_replaces_the_document()
    {
        await using var lsp = await LspTestHarness.StartAsync();
        await lsp.OpenAsync(Uri, "module a\n");
        await lsp.ChangeAsync(Uri, 2, new TextDocumentContentChangeEvent("module z\n"));

        var hover = await lsp.HoverAsync(Uri, 0, 0);
        Assert.Equal("v2@0:module z\n", hover!.Contents.Value);
    }

    [Fact]
    public async Task Incremental_edits_use_utf8_columns_when_negotiated()
    {
        var capabilities = new ClientCapabilities { General = new GeneralClientCapabilities { PositionEncodings = ["utf-8", "utf-16"] } };
        await using var lsp = await LspTestHarness.StartAsync(capabilities: capabilities);
        await lsp.OpenAsync(Uri, "// 😀é x\n");

        // "// " is 3 bytes, the emoji 4, "é" 2: byte column 9 is just after "é", before " x".
        await lsp.ChangeAsync(Uri, 2, Edit(0, 9, 0, 9, "!"));
        var hover = await lsp.HoverAsync(Uri, 0, 10);

        // utf-8 column 10 is after "!" — UTF-16 offset 3 + 2 + 1 + 1 = 7.
        Assert.Equal("v2@7:// 😀é! x\n", hover!.Contents.Value);
        Assert.Equal(new Position(0, 10), hover.Range!.Start);
    }

    [Fact]
    public async Task Incremental_edit_with_surrogate_pairs_in_utf16()
    {
        await using var lsp = await LspTestHarness.StartAsync();
        await lsp.OpenAsync(Uri, "a😀b\n");
        await lsp.ChangeAsync(Uri, 2, Edit(0, 1, 0, 3, "E"));

        var hover = await lsp.HoverAsync(Uri, 0, 2);
        Assert.Equal("v2@2:aEb\n", hover!.Contents.Value);
    }

    [Fact]
    public async Task Closed_documents_are_forgotten_and_several_documents_coexist()
    {
        await using var lsp = await LspTestHarness.StartAsync();
        await lsp.OpenAsync("file:///one/go.mod", "module one\n");
        await lsp.OpenAsync("file:///two/go.sum", "x v1 h1:a=\n", languageId: "gosum");
        await lsp.NotifyAsync("textDocument/didClose", new DidCloseTextDocumentParams(new TextDocumentIdentifier("file:///one/go.mod")));

        Assert.Null(await lsp.HoverAsync("file:///one/go.mod", 0, 0));
        Assert.Equal("v1@0:x v1 h1:a=\n", (await lsp.HoverAsync("file:///two/go.sum", 0, 0))!.Contents.Value);
    }

    [Fact]
    public async Task Documents_that_are_not_go_mod_or_go_sum_are_not_analyzed()
    {
        await using var lsp = await LspTestHarness.StartAsync();
        await lsp.OpenAsync("file:///p/main.go", "package BAD\n", languageId: "go");

        Assert.Null(await lsp.HoverAsync("file:///p/main.go", 0, 0));
    }

    [Fact]
    public async Task Change_for_an_unopened_document_is_ignored_without_harm()
    {
        await using var lsp = await LspTestHarness.StartAsync();
        await lsp.ChangeAsync("file:///nowhere/go.mod", 2, Edit(0, 0, 0, 0, "x"));
        await lsp.OpenAsync(Uri, "module a\n");

        Assert.Equal("v1@0:module a\n", (await lsp.HoverAsync(Uri, 0, 0))!.Contents.Value);
    }
}
