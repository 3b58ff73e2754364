using System.Collections.Immutable;
using System.Text.Json;
using GoModLens.ModFile.Semantics;
using GoModLens.Protocol;
using GoModLens.Server.Diagnostics;
using GoModLens.Server.Features;
using GoModLens.Server.Tests.Infrastructure;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;
using Range = GoModLens.Protocol.Range;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>
/// What the editor shows between an edit and the new results: the last network diagnostics stay (moved with the
/// text), and a diagnostic the client hands back from before the edit never makes its fix edit other text.
/// </summary>
public sealed class GoModEditFreshnessTests
{
    private const string Text =
        "// the app\nmodule example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/retracting v1.2.0\n\texample.com/missing v1.0.0\n)\n";

    [Fact]
    public async Task A_fix_from_before_an_edit_is_not_applied_at_its_old_offsets()
    {
        var env = new GoModTestEnvironment(GoModTestEnvironment.FileProxy());
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, Text);
        var published = await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML2007"));
        var retracted = published.Diagnostics.First(d => Code(d) == "GML2007");
        Assert.Contains("\"version\":1", JsonSerializer.Serialize(retracted.Data), StringComparison.Ordinal);

        // Ten characters more before the require: the old offsets of v1.2.0 now fall inside the module path, where
        // the edit would still parse (example.com/rv1.1.0ing v1.2.0).
        var edited = "// 123456\n" + Text;
        await lsp.ChangeAsync(env.GoModUri, 2, new TextDocumentContentChangeEvent(edited));
        await lsp.SyncAsync();

        var actions = await CodeActionsAsync(lsp, env.GoModUri, retracted);
        var expected = edited.Replace("example.com/retracting v1.2.0", "example.com/retracting v1.1.0", StringComparison.Ordinal);
        foreach (var action in actions.Where(a => a.Edit is not null))
        {
            var after = Assert.Single(action.Edit!.Changes![env.GoModUri]) is var edit ? Apply(edited, edit) : null;
            Assert.Equal(expected, after);
        }

        // Once the new version's diagnostic is in, its fix is offered again.
        var fresh = (await WaitForAsync(lsp, env.GoModUri, p => p.Version == 2 && p.Diagnostics.Any(d => Code(d) == "GML2007" && JsonSerializer.Serialize(d.Data).Contains("\"version\":2", StringComparison.Ordinal))))
            .Diagnostics.First(d => Code(d) == "GML2007");
        var fix = Assert.Single(await CodeActionsAsync(lsp, env.GoModUri, fresh), a => a.IsPreferred == true);
        Assert.Equal(expected, Apply(edited, Assert.Single(fix.Edit!.Changes![env.GoModUri])));
    }

    [Fact]
    public async Task Network_diagnostics_stay_across_an_edit_until_the_new_results_and_leave_the_edited_line()
    {
        var env = new GoModTestEnvironment(GoModTestEnvironment.FileProxy());
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, Text);
        await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML2007") && p.Diagnostics.Any(d => Code(d) == "GML3001"));
        await lsp.Server.Diagnostics.WhenIdleAsync();

        // A line above both requires: the first publish of the new version (the local stage) already has them, a line lower.
        var inserted = Text.Replace("go 1.22\n", "go 1.22\n\n// more\n", StringComparison.Ordinal);
        await lsp.ChangeAsync(env.GoModUri, 2, new TextDocumentContentChangeEvent(inserted));
        var first = await WaitForAsync(lsp, env.GoModUri, p => p.Version == 2);
        Assert.Equal(8, Assert.Single(first.Diagnostics, d => Code(d) == "GML2007").Range.Start.Line);
        Assert.Equal(9, Assert.Single(first.Diagnostics, d => Code(d) == "GML3001").Range.Start.Line);

        // An edit on the missing require's line: its old result is dropped at once, the retracted one stays.
        var changed = inserted.Replace("example.com/missing v1.0.0", "example.com/missing v1.0.1", StringComparison.Ordinal);
        await lsp.ChangeAsync(env.GoModUri, 3, new TextDocumentContentChangeEvent(changed));
        var local = await WaitForAsync(lsp, env.GoModUri, p => p.Version == 3);
        Assert.DoesNotContain(local.Diagnostics, d => Code(d) == "GML3001");
        Assert.Equal(8, Assert.Single(local.Diagnostics, d => Code(d) == "GML2007").Range.Start.Line);

        // The new results replace the carried ones: one of each, the 404 now for v1.0.1.
        await lsp.Server.Diagnostics.WhenIdleAsync();
        var settled = await WaitForAsync(lsp, env.GoModUri, p => p.Version == 3 && p.Diagnostics.Any(d => Code(d) == "GML3001"));
        var last = await LastPublishAsync(lsp, env.GoModUri, settled);
        Assert.Single(last.Diagnostics, d => Code(d) == "GML2007");
        Assert.Contains("v1.0.1", Assert.Single(last.Diagnostics, d => Code(d) == "GML3001").Message, StringComparison.Ordinal);
    }

    /// <summary>A pull client (VS Code) sees the same: right after an edit, the last network diagnostics, moved with the text.</summary>
    [Fact]
    public async Task A_pull_right_after_an_edit_keeps_the_network_diagnostics_moved_with_the_text()
    {
        var env = new GoModTestEnvironment(GoModTestEnvironment.FileProxy());
        using var analyzer = env.CreateAnalyzer();
        var pull = s_client with
        {
            TextDocument = s_client.TextDocument! with { Diagnostic = new DiagnosticClientCapabilities() },
            Workspace = new WorkspaceClientCapabilities { Diagnostics = new RefreshCapability(RefreshSupport: true) },
        };
        await using var lsp = await LspTestHarness.StartAsync(analyzer, pull);
        await lsp.OpenAsync(env.GoModUri, Text);
        var document = new TextDocumentIdentifier(env.GoModUri);
        async Task<IReadOnlyList<Diagnostic>> PullAsync() =>
            (await lsp.RequestAsync<DocumentDiagnosticReport>("textDocument/diagnostic", new DocumentDiagnosticParams(document))).Items!;

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await PullAsync()).Any(d => Code(d) == "GML2007"))
        {
            Assert.True(DateTime.UtcNow < deadline, "no network diagnostics within 30 s");
            await Task.Delay(50);
        }

        await lsp.ChangeAsync(env.GoModUri, 2, new TextDocumentContentChangeEvent("// 123456\n" + Text));
        var retracted = Assert.Single(await PullAsync(), d => Code(d) == "GML2007");
        Assert.Equal(7, retracted.Range.Start.Line); // one line lower, as in the text
    }

    [Fact]
    public void Moved_diagnostics_shift_past_the_edit_and_those_on_touched_lines_are_dropped()
    {
        var before = new TextDocumentSnapshot("file:///m/go.mod", "go.mod", DocumentKind.GoMod, 1, "aaa\nbbb\nccc\n");
        var after = before.WithText(2, "aaa\nbXbb\nccc\n");
        AnalyzerDiagnostic At(int start, int length) => new(new SourceSpan(start, length), DiagnosticLevel.Error, "GML3001", "m",
            Related: [new RelatedSpan(null, new SourceSpan(start, length), "r")]);

        var moved = NetworkCarryOver.Move(before, after, [At(0, 3), At(4, 3), At(8, 3)]);

        Assert.Equal([new SourceSpan(0, 3), new SourceSpan(9, 3)], moved.Select(d => d.Span));
        Assert.Equal(new SourceSpan(9, 3), moved[1].Related.Single().Span);
        Assert.Equal("ccc", after.Text.Substring(moved[1].Span.Start, moved[1].Span.Length));
        Assert.Equal(3, NetworkCarryOver.Move(before, before.WithText(2, before.Text), [At(0, 3), At(4, 3), At(8, 3)]).Length);
    }

    [Fact]
    public void A_batch_keeps_the_carried_diagnostics_of_lines_it_has_not_reported_on()
    {
        var document = new TextDocumentSnapshot("file:///m/go.mod", "go.mod", DocumentKind.GoMod, 1, "aaa\nbbb\nccc\n");
        AnalyzerDiagnostic At(int start, string code) => new(new SourceSpan(start, 3), DiagnosticLevel.Error, code, "m");

        var merged = NetworkCarryOver.Merge([At(4, "new")], [At(0, "old"), At(4, "old"), At(8, "old")], document);

        Assert.Equal(["new@4", "old@0", "old@8"], merged.Select(d => $"{d.Code}@{d.Span.Start}").Order(StringComparer.Ordinal));
    }

    private static async Task<PublishDiagnosticsParams> LastPublishAsync(LspTestHarness lsp, string uri, PublishDiagnosticsParams seen)
    {
        await lsp.SyncAsync();
        var last = seen;
        while (lsp.Diagnostics.Reader.TryRead(out var next))
        {
            if (next.Uri == uri)
            {
                last = next;
            }
        }

        return last;
    }
}
