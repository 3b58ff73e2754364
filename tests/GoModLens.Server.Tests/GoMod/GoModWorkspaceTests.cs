using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities.FakeProxy;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>Workspace mode in the editor: a go.work above the open go.mod (replacements, use list, go.work.sum, the go line).</summary>
public sealed class GoModWorkspaceTests
{
    private const string App = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/foo v1.0.0\n\texample.com/ghost v0.3.0\n)\n";

    [Fact]
    public async Task A_go_work_replacement_is_in_force_no_proxy_hears_of_it_and_the_hover_says_where_it_is_written()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var env = new GoModTestEnvironment(proxy.Url("ok"));
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
        var env = new GoModTestEnvironment("off");
        Write(env.Root, "go.work", "go 1.22\n\nuse ./elsewhere\n");
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
        var env = new GoModTestEnvironment("off");
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

    private static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
