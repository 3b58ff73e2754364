using System.Text.Json;
using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities;

namespace GoModLens.Server.Tests;

/// <summary>
/// The form of the WorkspaceEdits the server sends, in code actions and in workspace/applyEdit: versioned
/// documentChanges for clients that declare them, so a client refuses an edit computed against text it no longer has;
/// the changes map for the others. Read as raw JSON, as a client reads it.
/// </summary>
public sealed class WorkspaceEditTests
{
    private const string Uri = "file:///work/project/go.mod";

    [Fact]
    public async Task A_code_action_edit_names_the_version_it_was_computed_against_when_the_client_takes_document_changes()
    {
        await using var lsp = await LspTestHarness.StartAsync(capabilities: Client(documentChanges: true));
        await lsp.OpenAsync(Uri, "module a\nrequire BAD v1\n", version: 7);
        var diagnostic = Assert.Single((await lsp.NextDiagnosticsAsync(Uri)).Diagnostics);

        var edit = Assert.Single(await CodeActionsAsync(lsp, diagnostic)).GetProperty("edit");

        Assert.False(edit.TryGetProperty("changes", out _));
        var change = Assert.Single(edit.GetProperty("documentChanges").EnumerateArray().ToList());
        Assert.Equal(Uri, change.GetProperty("textDocument").GetProperty("uri").GetString());
        Assert.Equal(7, change.GetProperty("textDocument").GetProperty("version").GetInt32());
        var textEdit = Assert.Single(change.GetProperty("edits").EnumerateArray().ToList());
        Assert.Equal("GOOD", textEdit.GetProperty("newText").GetString());
        Assert.Equal("""{"start":{"line":1,"character":8},"end":{"line":1,"character":11}}""", textEdit.GetProperty("range").GetRawText());
    }

    [Fact]
    public async Task A_client_without_document_changes_gets_the_changes_map()
    {
        await using var lsp = await LspTestHarness.StartAsync(capabilities: Client(documentChanges: false));
        await lsp.OpenAsync(Uri, "module a\nrequire BAD v1\n", version: 7);
        var diagnostic = Assert.Single((await lsp.NextDiagnosticsAsync(Uri)).Diagnostics);

        var edit = Assert.Single(await CodeActionsAsync(lsp, diagnostic)).GetProperty("edit");

        Assert.False(edit.TryGetProperty("documentChanges", out _));
        var textEdit = Assert.Single(edit.GetProperty("changes").GetProperty(Uri).EnumerateArray().ToList());
        Assert.Equal("GOOD", textEdit.GetProperty("newText").GetString());
    }

    /// <summary>A file that is not open has no version the edit could be checked against: null, as the specification has it.</summary>
    [Fact]
    public async Task A_command_edit_carries_the_open_document_version_and_null_for_a_file_that_is_not_open()
    {
        var closedPath = Path.Combine(GoOracle.NewScratchDir("workspace-edit"), "go.mod");
        await File.WriteAllTextAsync(closedPath, "module b\n\nrequire BAD v1\n");
        var closedUri = new Uri(closedPath).AbsoluteUri;
        await using var lsp = await LspTestHarness.StartAsync(capabilities: Client(documentChanges: true));
        await lsp.OpenAsync(Uri, "module a\nrequire BAD v1\n", version: 4);

        await lsp.RequestAsync<JsonElement?>("workspace/executeCommand", new { command = "test.edit", arguments = new[] { Uri, closedUri } });

        var applied = Assert.Single(lsp.AppliedEdits);
        Assert.Equal("test.edit", applied.GetProperty("label").GetString());
        var edit = applied.GetProperty("edit");
        Assert.False(edit.TryGetProperty("changes", out _));
        Assert.Equal(
            [(Uri, "4", 1), (closedUri, "null", 2)],
            edit.GetProperty("documentChanges").EnumerateArray().Select(c => (
                c.GetProperty("textDocument").GetProperty("uri").GetString(),
                c.GetProperty("textDocument").GetProperty("version").GetRawText(),
                Assert.Single(c.GetProperty("edits").EnumerateArray().ToList()).GetProperty("range").GetProperty("start").GetProperty("line").GetInt32())));
    }

    /// <summary>The capabilities as a client sends them (VS Code declares all of these).</summary>
    private static ClientCapabilities Client(bool documentChanges) => JsonSerializer.Deserialize<ClientCapabilities>($$"""
        {
          "workspace": {
            "applyEdit": true,
            "workspaceEdit": { "documentChanges": {{(documentChanges ? "true" : "false")}}, "resourceOperations": ["create", "rename", "delete"] }
          },
          "textDocument": { "codeAction": { "codeActionLiteralSupport": { "codeActionKind": { "valueSet": ["quickfix"] } } } }
        }
        """, LspTestHarness.ClientOptions)!;

    private static async Task<JsonElement[]> CodeActionsAsync(LspTestHarness lsp, Diagnostic diagnostic) =>
        await lsp.RequestAsync<JsonElement[]>("textDocument/codeAction",
            new CodeActionParams(new TextDocumentIdentifier(Uri), diagnostic.Range, new CodeActionContext([diagnostic])));
}
