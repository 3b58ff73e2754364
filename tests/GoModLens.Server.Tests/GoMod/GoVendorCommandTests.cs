using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.ProxyTree;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;
using static GoModLens.Server.Tests.GoMod.GoModTestEnvironment;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>
/// The inconsistent-vendoring quick fix (GML2013) runs the real go: go mod vendor, or go work vendor in a workspace,
/// after a go get that left vendor/ behind, as it does for users every day.
/// </summary>
public sealed class GoVendorCommandTests
{
    private static readonly DateTimeOffset s_time = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const string App = "module example.com/app\n\ngo 1.22\n\nrequire example.com/foo v1.0.0\n";

    [SkippableFact]
    public async Task After_go_get_the_quick_fix_runs_go_mod_vendor_and_the_error_goes()
    {
        var env = VendoredProject(App);
        var bumped = GoOracle.Run(env.Project, Online(env), "get", "example.com/foo@v1.1.0"); // go.mod and go.sum, not vendor/
        Assert.True(bumped.ExitCode == 0, bumped.Stderr);
        var text = await File.ReadAllTextAsync(Path.Combine(env.Project, "go.mod"));
        Assert.Contains("example.com/foo v1.1.0", text, StringComparison.Ordinal);
        Assert.NotEqual(0, GoOracle.Run(env.Project, Offline(env), "build", "./...").ExitCode); // go refuses: inconsistent vendoring

        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, text);
        var published = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML2013"));
        var error = Assert.Single(published.Diagnostics, d => Code(d) == "GML2013");
        var action = Assert.Single(await CodeActionsAsync(lsp, env.GoModUri, error), a => a.Title == "Run go mod vendor (syncs vendor/)");
        Assert.Equal("gomodlens.goVendor", action.Command!.CommandName);

        await lsp.RequestAsync<System.Text.Json.JsonElement?>("workspace/executeCommand", new ExecuteCommandParams(action.Command.CommandName, action.Command.Arguments));
        Assert.Contains("# example.com/foo v1.1.0", await File.ReadAllTextAsync(Path.Combine(env.Project, "vendor", "modules.txt")), StringComparison.Ordinal);
        var build = GoOracle.Run(env.Project, Offline(env), "build", "./...");
        Assert.True(build.ExitCode == 0, build.Stderr);
        await WaitForAsync(lsp, env.GoModUri, d => !d.Diagnostics.Any(x => Code(x) == "GML2013"));
    }

    [SkippableFact]
    public async Task In_a_workspace_the_quick_fix_runs_go_work_vendor()
    {
        var env = VendoredProject(App);
        Write(env.Root, "go.work", "go 1.22\n\nuse ./project\n");
        var vendored = GoOracle.Run(env.Project, Offline(env), "work", "vendor");
        Assert.True(vendored.ExitCode == 0, vendored.Stderr);
        var text = App.Replace("foo v1.0.0", "foo v1.1.0", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(env.Project, "go.mod"), text);
        var hashes = GoOracle.DownloadHashes(GoOracle.NewScratchDir("work-vendor-hash"), Online(env, goflags: "-modcacherw"), "example.com/foo@v1.1.0")["example.com/foo@v1.1.0"];
        await File.AppendAllTextAsync(Path.Combine(env.Project, "go.sum"), $"example.com/foo v1.1.0 {hashes.Zip}\nexample.com/foo v1.1.0/go.mod {hashes.GoMod}\n");

        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, text);
        var published = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML2013"));
        var error = Assert.Single(published.Diagnostics, d => Code(d) == "GML2013");
        var action = Assert.Single(await CodeActionsAsync(lsp, env.GoModUri, error), a => a.Command?.CommandName == "gomodlens.goVendor");
        Assert.Equal("Run go work vendor (syncs vendor/)", action.Title);

        // The go.work says it too, on its go line, with go build's whole message and the same fix.
        var goWorkUri = new Uri(Path.Combine(env.Root, "go.work")).AbsoluteUri;
        var build = GoOracle.Run(env.Project, Offline(env), "build", "./...");
        Assert.Contains("inconsistent vendoring", build.Stderr, StringComparison.Ordinal);
        await lsp.OpenAsync(goWorkUri, "go 1.22\n\nuse ./project\n");
        var onWork = Assert.Single((await WaitForAsync(lsp, goWorkUri, d => d.Diagnostics.Any(x => Code(x) == "GML2013"))).Diagnostics, d => Code(d) == "GML2013");
        Assert.Equal(0, onWork.Range.Start.Line);
        Assert.StartsWith("vendor/modules.txt differs from the workspace in 2 places: go builds fail (inconsistent vendoring) until go work vendor is run", onWork.Message, StringComparison.Ordinal);
        Assert.EndsWith("\n" + build.Stderr.TrimEnd('\n'), onWork.Message, StringComparison.Ordinal);
        Assert.Equal("Run go work vendor (syncs vendor/)", Assert.Single(await CodeActionsAsync(lsp, goWorkUri, onWork), a => a.Command?.CommandName == "gomodlens.goVendor").Title);

        await lsp.RequestAsync<System.Text.Json.JsonElement?>("workspace/executeCommand", new ExecuteCommandParams(action.Command!.CommandName, action.Command.Arguments));
        var modulesTxt = await File.ReadAllTextAsync(Path.Combine(env.Root, "vendor", "modules.txt"));
        Assert.Contains("# example.com/foo v1.1.0", modulesTxt, StringComparison.Ordinal);
        // Both documents are analysed again once go is done, in either order (one stream of publications).
        var cleared = new HashSet<string>(StringComparer.Ordinal);
        while (cleared.Count < 2)
        {
            var next = await lsp.NextDiagnosticsAsync();
            if ((next.Uri == env.GoModUri || next.Uri == goWorkUri) && !next.Diagnostics.Any(x => Code(x) == "GML2013"))
            {
                cleared.Add(next.Uri);
            }
        }
    }

    /// <summary>
    /// A module vendored while its go line said 1.16, then raised to 1.21: go's second vendor check fails (an indirect
    /// dependency vendor/ gives packages for is not required), GML2013 sits on the go line with go's fix, go mod tidy;
    /// run, it adds the requirement, and what is left is the ordinary inconsistent vendoring, fixed by go mod vendor.
    /// </summary>
    [SkippableFact]
    public async Task Raising_the_go_line_of_a_vendored_module_offers_go_mod_tidy_then_go_mod_vendor()
    {
        var env = RunningGo(new Uri(new ProxyTreeBuilder()
            .Add("example.com/c", "v1.0.0", s_time, "module example.com/c\n\ngo 1.16\n", Package("c"))
            .Add("example.com/d", "v1.0.0", s_time, "module example.com/d\n\ngo 1.16\n\nrequire example.com/c v1.0.0\n",
                new Dictionary<string, string> { ["d.go"] = "package d\n\nimport \"example.com/c\"\n\nfunc F() { c.F() }\n" })
            .WriteTo(GoOracle.NewScratchDir("vendor116-tree"))).AbsoluteUri);
        Write(env.Project, "go.mod", "module example.com/app\n\ngo 1.16\n\nrequire example.com/d v1.0.0\n");
        Write(env.Project, "main.go", "package main\n\nimport \"example.com/d\"\n\nfunc main() { d.F() }\n");
        foreach (var args in new[] { new[] { "mod", "tidy" }, ["mod", "vendor"] })
        {
            var r = GoOracle.Run(env.Project, Online(env), args);
            Assert.True(r.ExitCode == 0, r.Stderr);
        }

        var text = (await File.ReadAllTextAsync(Path.Combine(env.Project, "go.mod"))).Replace("go 1.16", "go 1.21", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(env.Project, "go.mod"), text);
        var build = GoOracle.Run(env.Project, Offline(env), "build", "./...");
        Assert.Contains("should be required explicitly in go.mod", build.Stderr, StringComparison.Ordinal);

        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, text);
        var published = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML2013"));
        var error = Assert.Single(published.Diagnostics, d => Code(d) == "GML2013");
        Assert.Equal(2, error.Range.Start.Line); // the go line
        Assert.EndsWith("\n" + build.Stderr.TrimEnd('\n'), error.Message, StringComparison.Ordinal);
        var tidy = Assert.Single(await CodeActionsAsync(lsp, env.GoModUri, error), a => a.Command?.CommandName == "gomodlens.goModTidy");
        Assert.Equal("Run go mod tidy (adds the requirements go needs)", tidy.Title);

        await lsp.RequestAsync<System.Text.Json.JsonElement?>("workspace/executeCommand", new ExecuteCommandParams(tidy.Command!.CommandName, tidy.Command.Arguments));
        var tidied = await File.ReadAllTextAsync(Path.Combine(env.Project, "go.mod"));
        Assert.Contains("example.com/c v1.0.0 // indirect", tidied, StringComparison.Ordinal);
        await lsp.ChangeAsync(env.GoModUri, 2, new TextDocumentContentChangeEvent(tidied)); // the editor reloads what go wrote
        var next = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML2013" && x.Message.Contains("inconsistent vendoring", StringComparison.Ordinal)));
        var inconsistent = Assert.Single(next.Diagnostics, d => Code(d) == "GML2013");
        Assert.Contains(await CodeActionsAsync(lsp, env.GoModUri, inconsistent), a => a.Command?.CommandName == "gomodlens.goVendor");
    }

    [Fact]
    public async Task The_command_refuses_anything_but_mod_or_work()
    {
        var env = WithDefaultGoFlags("off");
        Write(env.Project, "go.mod", App);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, App);

        foreach (var (uri, scope) in new[] { (env.GoModUri, "-o=/tmp/x"), (env.GoModUri, "mod vendor"), (env.GoModUri, ""), ("file:///nonexistent/dir/go.mod", "mod"), ("https://example.com/go.mod", "mod") })
        {
            await AssertRefusedAsync(lsp, "gomodlens.goVendor", "goVendor needs the go.mod's file URI and \"mod\" or \"work\"", uri, scope);
        }
    }

    /// <summary>
    /// A project importing example.com/foo v1.0.0, vendored by go from a file:// proxy that also has v1.1.0; the
    /// environment has go's default GOFLAGS (so vendor/ is used) and the go the quick fix runs, in GOROOT.
    /// </summary>
    private static GoModTestEnvironment VendoredProject(string goMod)
    {
        var env = RunningGo(new Uri(new ProxyTreeBuilder()
            .Add("example.com/foo", "v1.0.0", s_time, files: Package("foo"))
            .Add("example.com/foo", "v1.1.0", s_time.AddDays(1), files: Package("foo"))
            .WriteTo(GoOracle.NewScratchDir("vendor-command-tree"))).AbsoluteUri);
        Write(env.Project, "go.mod", goMod);
        Write(env.Project, "main.go", "package main\n\nimport \"example.com/foo\"\n\nfunc main() { foo.F() }\n");
        var tidy = GoOracle.Run(env.Project, Online(env), "mod", "tidy");
        Assert.True(tidy.ExitCode == 0, tidy.Stderr);
        var vendor = GoOracle.Run(env.Project, Online(env), "mod", "vendor");
        Assert.True(vendor.ExitCode == 0, vendor.Stderr);
        return env;
    }

    private static Dictionary<string, string?> Online(GoModTestEnvironment env, string goflags = "-mod=mod -modcacherw") => new()
    {
        ["GOPROXY"] = env.Environment["GOPROXY"],
        ["GOMODCACHE"] = env.Environment["GOMODCACHE"],
        ["GOSUMDB"] = "off",
        ["GOFLAGS"] = goflags,
    };

    // What a developer runs: go's default -mod (vendor here), no network.
    private static Dictionary<string, string?> Offline(GoModTestEnvironment env) => new()
    {
        ["GOFLAGS"] = "-modcacherw",
        ["GOPROXY"] = "off",
        ["GOMODCACHE"] = env.Environment["GOMODCACHE"],
    };
}
