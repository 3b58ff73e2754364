using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.ProxyTree;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;
using static GoModLens.Server.Tests.GoMod.GoModTestEnvironment;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>The go.sum quick fix runs the real go (go mod download) through the file:// proxy the diagnostics used.</summary>
public sealed class GoModDownloadTests
{
    private const string App = "module example.com/app\n\ngo 1.22\n\nrequire example.com/foo v1.0.0\n";

    [SkippableFact]
    public async Task The_missing_module_hash_quick_fix_runs_go_mod_download_and_the_warning_goes()
    {
        var proxy = new Uri(new ProxyTreeBuilder()
            .Add("example.com/foo", "v1.0.0", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero))
            .WriteTo(GoOracle.NewScratchDir("download-tree"))).AbsoluteUri;
        var env = RunningGo(proxy);
        Write(env.Project, "go.mod", App);
        var goModSum = GoOracle.DownloadHashes(GoOracle.NewScratchDir("download-hash-wd"), new Dictionary<string, string?> { ["GOPROXY"] = proxy, ["GOMODCACHE"] = GoOracle.NewScratchDir("download-hash") },
            "example.com/foo@v1.0.0")["example.com/foo@v1.0.0"].GoMod;
        Write(env.Project, "go.sum", $"example.com/foo v1.0.0/go.mod {goModSum}\n"); // the go.mod's hash only
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);

        await lsp.OpenAsync(env.GoModUri, App);
        var published = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML1509"));
        var warning = Assert.Single(published.Diagnostics, d => Code(d) == "GML1509");
        var action = Assert.Single(await CodeActionsAsync(lsp, env.GoModUri, warning), a => a.Title == "Run go mod download example.com/foo (adds the go.sum lines)");
        Assert.Equal("gomodlens.goModDownload", action.Command!.CommandName);

        await lsp.RequestAsync<System.Text.Json.JsonElement?>("workspace/executeCommand", new ExecuteCommandParams(action.Command.CommandName, action.Command.Arguments));
        var sum = await File.ReadAllTextAsync(Path.Combine(env.Project, "go.sum"));
        Assert.Matches(@"(?m)^example\.com/foo v1\.0\.0 h1:[A-Za-z0-9+/]{43}=$", sum);
        await WaitForAsync(lsp, env.GoModUri, d => !d.Diagnostics.Any(x => Code(x) == "GML1509"));
    }

    [SkippableFact]
    public async Task Without_go_sum_one_finding_says_so_and_its_quick_fix_writes_go_sum()
    {
        var proxy = new Uri(new ProxyTreeBuilder()
            .Add("example.com/foo", "v1.0.0", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero))
            .Add("example.com/bar", "v0.1.0", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero))
            .WriteTo(GoOracle.NewScratchDir("download-all-tree"))).AbsoluteUri;
        var env = RunningGo(proxy);
        const string TwoRequires = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/foo v1.0.0\n\texample.com/bar v0.1.0 // indirect\n)\n";
        Write(env.Project, "go.mod", TwoRequires);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);

        await lsp.OpenAsync(env.GoModUri, TwoRequires);
        var published = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML1507"));
        var missing = Assert.Single(published.Diagnostics, d => Code(d) == "GML1507");
        Assert.Equal(6, missing.Range.Start.Line); // bar: go stops at the first path in sorted order
        Assert.StartsWith("there is no go.sum: go needs the /go.mod line of 2 modules (it stops at example.com/bar v0.1.0)", missing.Message, StringComparison.Ordinal);
        var action = Assert.Single(await CodeActionsAsync(lsp, env.GoModUri, missing), a => a.Title == "Run go mod download (writes go.sum)");

        await lsp.RequestAsync<System.Text.Json.JsonElement?>("workspace/executeCommand", new ExecuteCommandParams(action.Command!.CommandName, action.Command.Arguments));
        var sum = await File.ReadAllTextAsync(Path.Combine(env.Project, "go.sum"));
        Assert.Matches(@"(?m)^example\.com/foo v1\.0\.0/go\.mod h1:", sum);
        Assert.Matches(@"(?m)^example\.com/bar v0\.1\.0/go\.mod h1:", sum);
        await WaitForAsync(lsp, env.GoModUri, d => !d.Diagnostics.Any(x => Code(x) == "GML1507"));
    }

    /// <summary>tools.mod, which go reads with -modfile=tools.mod, has tools.sum: the go.sum beside it does not count.</summary>
    [SkippableFact]
    public async Task A_module_file_go_reads_with_modfile_is_checked_against_its_own_sum_and_the_fix_passes_modfile()
    {
        var proxy = new Uri(new ProxyTreeBuilder()
            .Add("example.com/foo", "v1.0.0", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero))
            .WriteTo(GoOracle.NewScratchDir("download-tools-tree"))).AbsoluteUri;
        var env = RunningGo(proxy);
        Write(env.Project, "go.mod", "module example.com/app\n\ngo 1.22\n");
        Write(env.Project, "tools.mod", App);
        var hashes = GoOracle.DownloadHashes(GoOracle.NewScratchDir("download-tools-wd"), new Dictionary<string, string?> { ["GOPROXY"] = proxy, ["GOMODCACHE"] = GoOracle.NewScratchDir("download-tools-hash") },
            "example.com/foo@v1.0.0")["example.com/foo@v1.0.0"];
        Write(env.Project, "go.sum", $"example.com/foo v1.0.0 {hashes.Zip}\nexample.com/foo v1.0.0/go.mod {hashes.GoMod}\n"); // not the file go reads
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);

        var toolsUri = new Uri(Path.Combine(env.Project, "tools.mod")).AbsoluteUri;
        await lsp.OpenAsync(toolsUri, App, languageId: "go.mod");
        var published = await WaitForAsync(lsp, toolsUri, d => d.Diagnostics.Any(x => Code(x) == "GML1507"));
        var missing = Assert.Single(published.Diagnostics, d => Code(d) == "GML1507");
        Assert.StartsWith("there is no tools.sum: go needs the /go.mod line of 1 module (it stops at example.com/foo v1.0.0)", missing.Message, StringComparison.Ordinal);
        var action = Assert.Single(await CodeActionsAsync(lsp, toolsUri, missing), a => a.Title == "Run go mod download -modfile=tools.mod (writes tools.sum)");

        await lsp.RequestAsync<System.Text.Json.JsonElement?>("workspace/executeCommand", new ExecuteCommandParams(action.Command!.CommandName, action.Command.Arguments));
        Assert.Matches(@"(?m)^example\.com/foo v1\.0\.0/go\.mod h1:", await File.ReadAllTextAsync(Path.Combine(env.Project, "tools.sum")));
        await WaitForAsync(lsp, toolsUri, d => !d.Diagnostics.Any(x => Code(x) == "GML1507"));
    }

    /// <summary>A tool line no require provides (GML2018): the quick fix runs go get, which adds the module's require.</summary>
    [SkippableFact]
    public async Task A_tool_no_module_provides_gets_go_get_as_its_fix()
    {
        var proxy = new Uri(new ProxyTreeBuilder()
            .Add("example.com/x", "v1.0.0", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
                files: new Dictionary<string, string> { ["cmd/bar/main.go"] = "package main\n\nfunc main() {}\n" })
            .WriteTo(GoOracle.NewScratchDir("tool-fix-tree"))).AbsoluteUri;
        var env = RunningGo(proxy);
        env.Environment["GOFLAGS"] = ""; // go's default: go tool stops, it does not add the require itself
        const string Tools = "module example.com/app\n\ngo 1.24\n\ntool example.com/x/cmd/bar\n";
        Write(env.Project, "go.mod", Tools);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);

        await lsp.OpenAsync(env.GoModUri, Tools);
        var published = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML2018"));
        var tool = Assert.Single(published.Diagnostics, d => Code(d) == "GML2018");
        Assert.Equal(4, tool.Range.Start.Line);
        Assert.Equal(DiagnosticSeverity.Warning, tool.Severity);
        var action = Assert.Single(await CodeActionsAsync(lsp, env.GoModUri, tool), a => a.Title == "Run go get example.com/x/cmd/bar (adds the module that provides it)");

        await lsp.RequestAsync<System.Text.Json.JsonElement?>("workspace/executeCommand", new ExecuteCommandParams(action.Command!.CommandName, action.Command.Arguments));
        Assert.Contains("require example.com/x v1.0.0", await File.ReadAllTextAsync(Path.Combine(env.Project, "go.mod")), StringComparison.Ordinal);
    }

    /// <summary>
    /// A tool whose module go.sum has only the go.mod hash of: go stops before it looks in the module (GML1509 on the tool
    /// line); the fix downloads it. Then the module is in the module cache, and a tool line naming a package it lacks
    /// is GML2018 there and in the hover.
    /// </summary>
    [SkippableFact]
    public async Task A_tool_s_module_hash_is_needed_and_once_downloaded_the_module_is_looked_in()
    {
        var proxy = new Uri(new ProxyTreeBuilder()
            .Add("example.com/x", "v1.0.0", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
                files: new Dictionary<string, string> { ["cmd/bar/main.go"] = "package main\n\nfunc main() {}\n" })
            .WriteTo(GoOracle.NewScratchDir("tool-sum-tree"))).AbsoluteUri;
        var env = RunningGo(proxy);
        env.Environment["GOFLAGS"] = ""; // go's default, -mod=readonly: every hash must be in go.sum
        const string Tools = "module example.com/app\n\ngo 1.24\n\ntool example.com/x/cmd/bar\n\nrequire example.com/x v1.0.0 // indirect\n";
        Write(env.Project, "go.mod", Tools);
        var goModSum = GoOracle.DownloadHashes(GoOracle.NewScratchDir("tool-sum-wd"), new Dictionary<string, string?> { ["GOPROXY"] = proxy, ["GOMODCACHE"] = GoOracle.NewScratchDir("tool-sum-hash") },
            "example.com/x@v1.0.0")["example.com/x@v1.0.0"].GoMod;
        Write(env.Project, "go.sum", $"example.com/x v1.0.0/go.mod {goModSum}\n");
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);

        await lsp.OpenAsync(env.GoModUri, Tools);
        var published = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML1509"));
        var missing = Assert.Single(published.Diagnostics, d => Code(d) == "GML1509");
        Assert.Equal((4, DiagnosticSeverity.Error), (missing.Range.Start.Line, missing.Severity));
        var action = Assert.Single(await CodeActionsAsync(lsp, env.GoModUri, missing), a => a.Title == "Run go mod download example.com/x (adds the go.sum lines)");

        await lsp.RequestAsync<System.Text.Json.JsonElement?>("workspace/executeCommand", new ExecuteCommandParams(action.Command!.CommandName, action.Command.Arguments));
        Assert.Matches(@"(?m)^example\.com/x v1\.0\.0 h1:", await File.ReadAllTextAsync(Path.Combine(env.Project, "go.sum")));
        await WaitForAsync(lsp, env.GoModUri, d => !d.Diagnostics.Any(x => Code(x) is "GML1509" or "GML2018"));
        Assert.Contains("its downloaded tree has the package", (await lsp.HoverAsync(env.GoModUri, 4, 20))!.Contents.Value, StringComparison.Ordinal);

        var typo = Tools.Replace("cmd/bar", "cmd/baz", StringComparison.Ordinal);
        await lsp.ChangeAsync(env.GoModUri, 2, new TextDocumentContentChangeEvent(typo));
        published = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML2018"));
        Assert.StartsWith("the tool package example.com/x/cmd/baz is not in example.com/x@v1.0.0: go tool, go list tool and go build tool stop until a module that has it is required",
            Assert.Single(published.Diagnostics, d => Code(d) == "GML2018").Message, StringComparison.Ordinal);
        Assert.Contains("✗ Not in `example.com/x@v1.0.0`", (await lsp.HoverAsync(env.GoModUri, 4, 20))!.Contents.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_command_refuses_anything_but_a_module_path()
    {
        var env = WithDefaultGoFlags("off");
        Write(env.Project, "go.mod", App);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, App);

        foreach (var module in new[] { "-modcacherw", "example.com/foo@v1.0.0;rm", "../x", "" })
        {
            await AssertRefusedAsync(lsp, "gomodlens.goModDownload", "goModDownload needs the go.mod's file URI and a module path (or none for every require)", env.GoModUri, module);
        }
    }
}
