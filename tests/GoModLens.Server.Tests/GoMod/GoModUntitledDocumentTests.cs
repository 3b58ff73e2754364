using System.Text.Json;
using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>
/// An untitled go.mod (no file on disk) gets the checks, but nothing that runs go: go runs in the go.mod's directory,
/// and there is none. A client that runs such a command anyway is told why it does not run.
/// </summary>
public sealed class GoModUntitledDocumentTests
{
    private const string Untitled = "untitled:Untitled-1";

    private const string Text = "module example.com/app\n\ngo 1.24\n\nrequire example.com/foo v1.0.0\n\ntool example.com/x/cmd/bar\n";

    [Fact]
    public async Task An_untitled_go_mod_gets_no_lens_or_code_action_that_runs_go()
    {
        var env = new GoModTestEnvironment(GoModTestEnvironment.FileProxy());
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(Untitled, Text, languageId: "go.mod");
        var published = await WaitForAsync(lsp, Untitled, p => p.Diagnostics.Any(d => Code(d) == "GML2009")); // the upgrade is known, as for a saved go.mod
        var tool = Assert.Single(published.Diagnostics, d => Code(d) == "GML2018"); // no module provides the tool: go get would add one

        var lenses = await lsp.RequestAsync<CodeLens[]>("textDocument/codeLens", new CodeLensParams(new TextDocumentIdentifier(Untitled)));
        Assert.Equal(["gomodlens.checkNow"], lenses.Select(l => l.Command!.CommandName));
        var source = await lsp.RequestAsync<CodeAction[]>("textDocument/codeAction",
            new CodeActionParams(new TextDocumentIdentifier(Untitled), new Protocol.Range(new Position(0, 0), new Position(0, 0)), new CodeActionContext([], ["source"])));
        Assert.Empty(source);
        var fixes = await CodeActionsAsync(lsp, Untitled, tool);
        Assert.DoesNotContain(fixes, a => a.Command?.CommandName is "gomodlens.goGet" or "gomodlens.goModTidy" or "gomodlens.goModDownload" or "gomodlens.goVendor");
        var upgrade = published.Diagnostics.First(d => Code(d) == "GML2009");
        Assert.Contains(await CodeActionsAsync(lsp, Untitled, upgrade), a => a.Edit is not null); // edits to the text still are offered
    }

    [Theory]
    [InlineData("gomodlens.goModTidy")]
    [InlineData("gomodlens.goGet", "example.com/foo@v1.2.0")]
    [InlineData("gomodlens.goModDownload", "example.com/foo")]
    [InlineData("gomodlens.goVendor", "mod")]
    public async Task A_go_command_for_an_untitled_go_mod_says_it_needs_a_saved_file(string command, params string[] rest)
    {
        var env = new GoModTestEnvironment(GoModTestEnvironment.FileProxy());
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(Untitled, Text, languageId: "go.mod");

        await lsp.RequestAsync<JsonElement?>("workspace/executeCommand",
            new ExecuteCommandParams(command, [.. new[] { Untitled }.Concat(rest).Select(a => JsonSerializer.SerializeToElement(a))]));

        await LifecycleTests.WaitUntilAsync(() => lsp.Logs.Any(m =>
            m.Message == "untitled:Untitled-1 is not a file on disk, and go runs in the go.mod's directory: save it first"));
    }
}
