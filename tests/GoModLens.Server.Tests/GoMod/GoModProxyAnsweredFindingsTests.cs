using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>
/// Local findings only GOPROXY can complete, in the editor: the local finding shows at once, and the network stage
/// replaces it with the proxy's answer. A version query written in go.mod (<c>v1</c>, <c>latest</c>, <c>v1.9</c>) as
/// go's fixer resolves it (the same cases are checked against go 1.26 in VersionQueryDifferentialTests and
/// CheckCommandTests); a major version the path does not carry, with the way out the proxy has.
/// </summary>
public sealed class GoModProxyAnsweredFindingsTests
{
    // The standard tree: example.com/foo v1.0.0 v1.1.0 v1.2.0 v1.3.0-beta.1; example.com/bar v0.1.0 v0.2.0;
    // example.com/retracting v1.0.0 v1.1.0 v1.2.0.
    private const string Text =
        "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/foo v1\n\texample.com/bar latest\n\texample.com/retracting v1.9\n)\n";

    [Fact]
    public async Task The_proxys_answer_replaces_the_local_finding_with_the_version_go_writes()
    {
        var env = new GoModTestEnvironment(GoModTestEnvironment.FileProxy());
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, Text);

        var first = await lsp.NextDiagnosticsAsync(env.GoModUri);
        Assert.Contains("go asks GOPROXY for the highest v1.x, and go writes the answer on its next build (GOFLAGS=-mod=mod)", Single(first, 5, "GML2002").Message, StringComparison.Ordinal);

        var answered = await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML2002" && d.Message.Contains("v1.2.0", StringComparison.Ordinal)));
        var prefix = Single(answered, 5, "GML2002");
        Assert.Equal(DiagnosticSeverity.Information, prefix.Severity);
        var fix = Assert.Single(await CodeActionsAsync(lsp, env.GoModUri, prefix), a => a.Edit is not null);
        Assert.Equal(Text.Replace("foo v1\n", "foo v1.2.0\n", StringComparison.Ordinal), Apply(Text, Assert.Single(fix.Edit!.Changes![env.GoModUri])));

        var latest = Single(answered, 6, "GML1003");
        Assert.Contains("the proxy says latest is v0.2.0", latest.Message, StringComparison.Ordinal);
        fix = Assert.Single(await CodeActionsAsync(lsp, env.GoModUri, latest), a => a.Edit is not null);
        Assert.Equal(Text.Replace("bar latest\n", "bar v0.2.0\n", StringComparison.Ordinal), Apply(Text, Assert.Single(fix.Edit!.Changes![env.GoModUri])));

        var unresolvable = Single(answered, 7, "GML2002");
        Assert.Equal(DiagnosticSeverity.Error, unresolvable.Severity);
        Assert.Contains("no matching versions for query \"v1.9\"", unresolvable.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_major_version_the_path_does_not_carry_is_offered_the_path_the_proxy_has()
    {
        const string text = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/foo v2.0.0\n\texample.com/bar v3.0.0\n)\n";
        var env = new GoModTestEnvironment(GoModTestEnvironment.FileProxy());
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, text);

        var answered = await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML2003" && d.Message.Contains("GOPROXY has", StringComparison.Ordinal)));
        var mismatch = Single(answered, 5, "GML2003");
        Assert.Contains("should be v0 or v1, not v2; GOPROXY has example.com/foo/v2 v2.0.0\n", mismatch.Message, StringComparison.Ordinal);
        var fix = Assert.Single(await CodeActionsAsync(lsp, env.GoModUri, mismatch), a => a.Edit is not null);
        Assert.Equal("Require example.com/foo/v2 v2.0.0 instead", fix.Title);
        var edits = fix.Edit!.Changes![env.GoModUri].OrderByDescending(e => e.Range.Start.Character).Aggregate(text, Apply);
        Assert.Equal(text.Replace("foo v2.0.0", "foo/v2 v2.0.0", StringComparison.Ordinal), edits);

        // Neither way out exists for bar: the local finding stays as it is, once.
        Assert.DoesNotContain("GOPROXY has", Single(answered, 6, "GML2003").Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The go.sum check follows the version go's fixer chose, not the strict parser's reading of the prefix (v0 as
    /// v0.0.0): before the answer the require is not checked, after it against v0.2.0, and on the next keystrokes too.
    /// </summary>
    [Fact]
    public async Task Go_sum_is_checked_against_the_version_the_query_resolves_to()
    {
        const string text = "module example.com/app\n\ngo 1.22\n\nrequire example.com/bar v0\n";
        var env = new GoModTestEnvironment(GoModTestEnvironment.FileProxy());
        await File.WriteAllTextAsync(Path.Combine(env.Project, "go.sum"),
            "example.com/bar v0.2.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\nexample.com/bar v0.2.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, text);
        var first = await lsp.NextDiagnosticsAsync(env.GoModUri);
        Assert.DoesNotContain(first.Diagnostics, d => d.Message.Contains("v0.0.0", StringComparison.Ordinal));

        await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML2002" && d.Message.Contains("v0.2.0", StringComparison.Ordinal)));
        await lsp.ChangeAsync(env.GoModUri, 2, new TextDocumentContentChangeEvent("// a note\n" + text));
        var typed = await WaitForAsync(lsp, env.GoModUri, p => p.Version == 2);

        Assert.DoesNotContain(typed.Diagnostics, d => Code(d) == "GML1507" || d.Message.Contains("v0.0.0", StringComparison.Ordinal));
        Assert.Contains("v0.2.0", Single(typed, 5, "GML2002").Message, StringComparison.Ordinal); // the answer, kept while typing
    }

    // Exactly one diagnostic of the code on the line: the network's replaces the local one, it is not shown twice.
    private static Diagnostic Single(PublishDiagnosticsParams published, int line, string code) =>
        Assert.Single(published.Diagnostics, d => d.Range.Start.Line == line && Code(d) == code);
}
