using GoModLens.ModFile.GoSum;
using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;
using static GoModLens.Server.Tests.GoMod.GoModTestEnvironment;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>
/// A go.mod's diagnostics read the go.sum beside it (its missing lines), and a go.sum's read the go.mod (which lines are
/// verified): editing one in the editor, unsaved, updates what the other shows, for push and pull clients alike.
/// </summary>
public sealed class GoModGoSumDependencyTests
{
    private const string App = "module example.com/app\n\ngo 1.22\n\nrequire example.com/foo v1.0.0\n";
    private const string FooGoModLine = "example.com/foo v1.0.0/go.mod h1:iu3TE1Zl+kEjzmtc5AYwUK9MnuTx4LWU8wZN+cqcNz4=\n";
    private static readonly object s_offline = new { network = new { enabled = false } };

    [Fact]
    public async Task Adding_the_missing_line_to_the_open_go_sum_clears_the_go_mod_finding_for_a_push_client()
    {
        var env = MissingSumProject();
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: s_offline);
        await lsp.OpenAsync(env.GoModUri, App);
        await lsp.OpenAsync(env.GoSumUri, "", languageId: "go.sum");
        await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML1507"));

        await lsp.ChangeAsync(env.GoSumUri, 2, new TextDocumentContentChangeEvent(FooGoModLine));

        var after = await WaitForAsync(lsp, env.GoModUri, p => !p.Diagnostics.Any(d => Code(d) == "GML1507"));
        Assert.Equal(1, after.Version); // the go.mod itself was not edited
    }

    [Fact]
    public async Task A_pull_client_is_asked_to_refresh_and_its_next_pull_of_the_go_mod_has_a_new_result()
    {
        var env = MissingSumProject();
        using var analyzer = env.CreateAnalyzer();
        var pull = s_client with
        {
            TextDocument = s_client.TextDocument! with { Diagnostic = new DiagnosticClientCapabilities() },
            Workspace = new WorkspaceClientCapabilities { Diagnostics = new RefreshCapability(RefreshSupport: true) },
        };
        await using var lsp = await LspTestHarness.StartAsync(analyzer, pull, initializationOptions: s_offline);
        await lsp.OpenAsync(env.GoModUri, App);
        await lsp.OpenAsync(env.GoSumUri, "", languageId: "go.sum");
        var before = await PullAsync(lsp, env.GoModUri, null);
        Assert.Single(before.Items!, d => Code(d) == "GML1507");
        await PullAsync(lsp, env.GoSumUri, null);
        await lsp.Server.Diagnostics.WhenIdleAsync();
        var refreshes = Refreshes(lsp);

        await lsp.ChangeAsync(env.GoSumUri, 2, new TextDocumentContentChangeEvent(FooGoModLine));
        await LifecycleTests.WaitUntilAsync(() => Refreshes(lsp) > refreshes);

        var after = await PullAsync(lsp, env.GoModUri, before.ResultId);
        Assert.Equal("full", after.Kind);
        Assert.NotEqual(before.ResultId, after.ResultId);
        Assert.DoesNotContain(after.Items!, d => Code(d) == "GML1507");
    }

    /// <summary>The other way: the go.sum's "/go.mod" lines are verified for the go.mod's requires, as the editor has them.</summary>
    [Fact]
    public async Task A_require_added_to_the_open_go_mod_has_its_go_sum_line_verified()
    {
        var proxyUri = FileProxy();
        var env = new GoModTestEnvironment(proxyUri);
        var tree = new Uri(proxyUri).LocalPath;
        var barHash = DirHash.HashGoMod(File.ReadAllBytes(Path.Combine(tree, "example.com", "bar", "@v", "v0.2.0.mod")));
        const string BarOnly = "module example.com/app\n\ngo 1.22\n\nrequire example.com/bar v0.2.0\n";
        var sum = $"example.com/bar v0.2.0/go.mod {barHash}\nexample.com/foo v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
        Write(env.Project, "go.mod", BarOnly);
        Write(env.Project, "go.sum", sum);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { mirrors = new { @public = false } });
        await lsp.OpenAsync(env.GoSumUri, sum, languageId: "go.sum");
        await lsp.OpenAsync(env.GoModUri, BarOnly);
        await lsp.SyncAsync();
        await lsp.Server.Diagnostics.WhenIdleAsync();
        while (lsp.Diagnostics.Reader.TryRead(out var earlier))
        {
            Assert.DoesNotContain(earlier.Diagnostics, d => Code(d) == "GML1508"); // foo is not required: its line is not checked
        }

        await lsp.ChangeAsync(env.GoModUri, 2, new TextDocumentContentChangeEvent(BarOnly + "require example.com/foo v1.0.0\n"));

        var mismatch = Assert.Single((await WaitForAsync(lsp, env.GoSumUri, p => p.Diagnostics.Any(d => Code(d) == "GML1508"))).Diagnostics, d => Code(d) == "GML1508");
        Assert.Equal(1, mismatch.Range.Start.Line);
    }

    /// <summary>
    /// Workspace mode: go checks every workspace module's requires against all the modules' go.sum files (and
    /// go.work.sum), so a line typed into another module's open go.sum, unsaved, shows on this module's open go.mod.
    /// </summary>
    [Fact]
    public async Task In_a_workspace_a_line_typed_into_another_module_s_open_go_sum_updates_this_go_mod()
    {
        var proxyUri = FileProxy();
        var env = new GoModTestEnvironment(proxyUri);
        env.Environment["GOFLAGS"] = ""; // workspace mode takes no -mod=mod
        env.Environment["GONOSUMDB"] = "example.com/foo"; // foo's zip line is checked against the proxy's zip
        const string Tampered = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        const string Lib = "module example.com/lib\n\ngo 1.22\n";
        var lib = Directory.CreateDirectory(Path.Combine(env.Root, "lib")).FullName;
        Write(env.Root, "go.work", "go 1.22\n\nuse (\n\t./project\n\t./lib\n)\n");
        Write(env.Project, "go.mod", App);
        Write(env.Project, "go.sum", "");
        Write(lib, "go.mod", Lib);
        Write(lib, "go.sum", "");
        var libModUri = new Uri(Path.Combine(lib, "go.mod")).AbsoluteUri;
        var libSumUri = new Uri(Path.Combine(lib, "go.sum")).AbsoluteUri;
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { mirrors = new { @public = false } });
        await lsp.OpenAsync(env.GoModUri, App);
        await lsp.OpenAsync(libModUri, Lib);
        await lsp.OpenAsync(libSumUri, "", languageId: "go.sum");
        await lsp.SyncAsync();
        await lsp.Server.Diagnostics.WhenIdleAsync();
        while (lsp.Diagnostics.Reader.TryRead(out var earlier))
        {
            Assert.DoesNotContain(earlier.Diagnostics, d => Code(d) == "GML1510"); // no go.sum has a line for foo yet
        }

        await lsp.ChangeAsync(libSumUri, 2, new TextDocumentContentChangeEvent($"example.com/foo v1.0.0 {Tampered}\n"));

        var after = await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML1510"));
        Assert.Equal(1, after.Version); // the go.mod itself was not edited
        var mismatch = Assert.Single(after.Diagnostics, d => Code(d) == "GML1510");
        Assert.Equal(4, mismatch.Range.Start.Line);
        Assert.Contains($"\t{Path.Combine(lib, "go.sum")}:     {Tampered}", mismatch.Message, StringComparison.Ordinal);
    }

    /// <summary>A go.mod requiring foo, with a go.sum on disk that lacks its line (opened as is in the tests).</summary>
    private static GoModTestEnvironment MissingSumProject()
    {
        var env = WithDefaultGoFlags("off");
        Write(env.Project, "go.mod", App);
        Write(env.Project, "go.sum", "");
        return env;
    }

    private static Task<DocumentDiagnosticReport> PullAsync(LspTestHarness lsp, string uri, string? previous) =>
        lsp.RequestAsync<DocumentDiagnosticReport>("textDocument/diagnostic", new DocumentDiagnosticParams(new TextDocumentIdentifier(uri), PreviousResultId: previous));

    private static int Refreshes(LspTestHarness lsp) => lsp.ServerRequests.Count(r => r == "workspace/diagnostic/refresh");
}
