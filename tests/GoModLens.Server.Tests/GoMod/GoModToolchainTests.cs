using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities.FakeProxy;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>The toolchain switch (GML3014) in the editor: a go line newer than the local Go, with GOTOOLCHAIN in force.</summary>
public sealed class GoModToolchainTests
{
    private const string App = "module example.com/app\n\ngo 1.99\n\nrequire example.com/foo v1.0.0\n";

    /// <summary>A Go installation as far as go.env and the version go: its VERSION, go.env and pkg/tool.</summary>
    private static void AddGoRoot(GoModTestEnvironment env, string version)
    {
        var root = Path.Combine(env.Root, "goroot");
        Directory.CreateDirectory(Path.Combine(root, "pkg", "tool"));
        File.WriteAllText(Path.Combine(root, "VERSION"), version + "\ntime 2026-11-02T20:36:21Z\n");
        File.WriteAllText(Path.Combine(root, "go.env"), "GOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\nGOTOOLCHAIN=auto\n");
        env.Environment["GOROOT"] = root;
    }

    [SkippableFact]
    public async Task Hover_on_the_go_line_says_which_toolchain_runs()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64);
        var env = new GoModTestEnvironment("off");
        AddGoRoot(env, "go1.26.11");
        env.Environment.Remove("GOTOOLCHAIN");
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { network = new { enabled = false } });

        await lsp.OpenAsync(env.GoModUri, App);
        var newer = await lsp.HoverAsync(env.GoModUri, 2, 4);
        var text = newer!.Contents.Value;
        Assert.Contains("Local: `go1.26.11`", text, StringComparison.Ordinal);
        Assert.Contains("GOTOOLCHAIN: `auto` (default from ", text, StringComparison.Ordinal);
        Assert.Contains("go switches to `go1.99.0`: from PATH if it is there, else it downloads `golang.org/toolchain@v0.0.1-go1.99.0.linux-amd64`", text, StringComparison.Ordinal);

        await lsp.ChangeAsync(env.GoModUri, 2, new TextDocumentContentChangeEvent(App.Replace("go 1.99", "go 1.22", StringComparison.Ordinal)));
        var local = await lsp.HoverAsync(env.GoModUri, 2, 4);
        Assert.Contains("✓ the local toolchain runs this module.", local!.Contents.Value, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("local", "go: go.mod requires go >= 1.99 (running go 1.26.11; GOTOOLCHAIN=local)")]
    [InlineData("auto", "go: download go1.99.0 for linux/amd64: toolchain not available")]
    public async Task A_go_line_the_local_toolchain_cannot_serve_is_an_error_on_that_line(string gotoolchain, string goMessage)
    {
        Skip.IfNot(OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64);
        await using var proxy = await FakeModuleProxy.StartAsync();
        var env = new GoModTestEnvironment(proxy.Url("ok"));
        AddGoRoot(env, "go1.26.11");
        env.Environment["GOTOOLCHAIN"] = gotoolchain;
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);

        await lsp.OpenAsync(env.GoModUri, App);
        var diagnostics = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML3014"));
        var toolchain = Assert.Single(diagnostics.Diagnostics, d => Code(d) == "GML3014");
        Assert.Equal(DiagnosticSeverity.Error, toolchain.Severity);
        Assert.Equal(2, toolchain.Range.Start.Line); // the go line's version
        Assert.Equal(3, toolchain.Range.Start.Character);
        Assert.EndsWith(goMessage, toolchain.Message, StringComparison.Ordinal);

        // The requires are resolved as usual; besides them only the toolchain version is asked for, each URL once.
        await lsp.Server.Diagnostics.WhenIdleAsync();
        var paths = proxy.Requests.Select(r => r.Path).ToList();
        // (The .mod goes out with the .info, as for every module; the .info's 404 decides.)
        var toolchainPaths = paths.Where(p => p.Contains("golang.org/toolchain", StringComparison.Ordinal)).ToList();
        Assert.Equal(toolchainPaths.Distinct().Count(), toolchainPaths.Count);
        Assert.Equal(gotoolchain == "auto", toolchainPaths.Contains("/ok/golang.org/toolchain/@v/v0.0.1-go1.99.0.linux-amd64.info"));
        Assert.InRange(toolchainPaths.Count, gotoolchain == "auto" ? 1 : 0, gotoolchain == "auto" ? 2 : 0);
        Assert.Contains(paths, p => p.Contains("example.com/foo", StringComparison.Ordinal));
    }
}
