using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;
using static GoModLens.Server.Tests.GoMod.GoModTestEnvironment;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>
/// A module whose builds use vendor/ (go 1.14+ and a vendor directory, or GOFLAGS=-mod=vendor): modules.txt decides
/// what a build needs, not the network or go.sum. (What go itself says is pinned in Analysis.Tests' VendorModeTests.)
/// </summary>
public sealed class GoModVendorTests
{
    private const string App = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/foo v1.0.0\n\texample.com/bar v0.1.0\n)\n";

    private const string ModulesTxt = "# example.com/bar v0.1.0\n## explicit; go 1.18\nexample.com/bar\n# example.com/foo v1.0.0\n## explicit; go 1.18\nexample.com/foo\n";

    [Fact]
    public async Task Vendored_requires_need_no_lookup_and_no_go_sum_and_a_version_edit_without_go_mod_vendor_is_an_error()
    {
        var env = WithDefaultGoFlags("off"); // every lookup fails: builds from vendor/ do not care
        Write(env.Project, "vendor/modules.txt", ModulesTxt);
        Write(env.Project, "go.sum", "example.com/bar v0.1.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"); // foo's line is missing
        Write(env.Project, "go.mod", App);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);

        await lsp.OpenAsync(env.GoModUri, App);
        var resolved = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Count(x => Code(x) == "GML3008") == 2);
        Assert.All(resolved.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.All(resolved.Diagnostics, d => Assert.Contains("go builds use vendor/ and do not need it, but go mod vendor, go mod tidy and go get do", d.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(resolved.Diagnostics, d => Code(d) is "GML1507" or "GML2013");

        var hover = await lsp.HoverAsync(env.GoModUri, 5, 4);
        Assert.Contains("Builds use `vendor/` (Go version in go.mod is at least 1.14 and vendor directory exists): vendored at this version ✓",
            hover!.Contents.Value, StringComparison.Ordinal);

        // foo bumped without go mod vendor: go build stops with "inconsistent vendoring".
        var bumped = App.Replace("foo v1.0.0", "foo v1.1.0", StringComparison.Ordinal);
        await lsp.ChangeAsync(env.GoModUri, 2, new TextDocumentContentChangeEvent(bumped));
        var inconsistent = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML2013"));
        var error = Assert.Single(inconsistent.Diagnostics, d => Code(d) == "GML2013");
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal(new Position(5, 17), error.Range.Start); // the version
        Assert.Contains("vendor/modules.txt has example.com/foo v1.0.0, not v1.1.0: go builds fail (inconsistent vendoring) until go mod vendor is run", error.Message, StringComparison.Ordinal);
        Assert.Contains($"go: inconsistent vendoring in {env.Project}:\n\texample.com/foo@v1.1.0: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt\n"
            + "\texample.com/foo@v1.0.0: is marked as explicit in vendor/modules.txt, but not explicitly required in go.mod", error.Message, StringComparison.Ordinal);
        Assert.Contains("**vendor/modules.txt has `v1.0.0`**", (await lsp.HoverAsync(env.GoModUri, 5, 4))!.Contents.Value, StringComparison.Ordinal);

        // go mod vendor run in a terminal: the watcher's event (no keystroke) re-analyses with the new modules.txt.
        var modulesTxt = Path.Combine(env.Project, "vendor", "modules.txt");
        Write(env.Project, "vendor/modules.txt", ModulesTxt.Replace("foo v1.0.0", "foo v1.1.0", StringComparison.Ordinal) + "\n");
        await lsp.NotifyAsync("workspace/didChangeWatchedFiles", new DidChangeWatchedFilesParams([new FileEvent(new Uri(modulesTxt).AbsoluteUri, FileChangeType.Changed)]));
        await WaitForAsync(lsp, env.GoModUri, d => !d.Diagnostics.Any(x => Code(x) == "GML2013"));
    }

    /// <summary>
    /// Tool lines in vendor mode: a package comes from vendor/ when modules.txt lists it, whatever the module cache or
    /// go.sum say; one vendor/ has but modules.txt does not list is ignored by go (GML2018, fix go mod vendor).
    /// </summary>
    [Fact]
    public async Task Tool_lines_in_vendor_mode_come_from_vendor_and_its_modules_txt()
    {
        var env = WithDefaultGoFlags("off");
        env.Environment["GOFLAGS"] = "";
        Write(env.Project, "vendor/modules.txt", ModulesTxt + "example.com/foo/cmd/gen\n");
        Write(env.Project, "vendor/example.com/foo/cmd/gen/main.go", "package main\n\nfunc main() {}\n");
        Write(env.Project, "vendor/example.com/foo/cmd/copy/main.go", "package main\n\nfunc main() {}\n");
        var tools = App.Replace("go 1.22", "go 1.24\n\ntool (\n\texample.com/foo/cmd/gen\n\texample.com/foo/cmd/copy\n)", StringComparison.Ordinal);
        Write(env.Project, "go.mod", tools);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);

        await lsp.OpenAsync(env.GoModUri, tools);
        var published = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML2018"));
        var ignored = Assert.Single(published.Diagnostics, d => Code(d) == "GML2018");
        Assert.Equal(6, ignored.Range.Start.Line);
        Assert.StartsWith("the tool package example.com/foo/cmd/copy is in vendor/ but vendor/modules.txt does not list it, so go ignores it", ignored.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(published.Diagnostics, d => Code(d) == "GML1509"); // builds from vendor/ read no go.sum
        Assert.Single(await CodeActionsAsync(lsp, env.GoModUri, ignored), a => a.Title == "Run go mod vendor (syncs vendor/)");

        Assert.Contains("From `vendor/example.com/foo/cmd/gen` (builds here use vendor/).", (await lsp.HoverAsync(env.GoModUri, 5, 8))!.Contents.Value, StringComparison.Ordinal);
        Assert.Contains("vendor/modules.txt does not list it, so go ignores it", (await lsp.HoverAsync(env.GoModUri, 6, 8))!.Contents.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_vendor_mode_the_same_failures_are_errors_and_the_missing_go_sum_line_counts()
    {
        var env = WithDefaultGoFlags("off");
        Write(env.Project, "vendor/modules.txt", ModulesTxt);
        Write(env.Project, "go.sum", "example.com/bar v0.1.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
        var old = App.Replace("go 1.22", "go 1.13", StringComparison.Ordinal); // go uses vendor/ by default only from go 1.14
        Write(env.Project, "go.mod", old);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);

        await lsp.OpenAsync(env.GoModUri, old);
        var resolved = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Count(x => Code(x) == "GML3008") == 2);
        Assert.All(resolved.Diagnostics.Where(d => Code(d) == "GML3008"), d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Contains(resolved.Diagnostics, d => Code(d) == "GML1507");
    }

    [Fact]
    public async Task Goflags_mod_vendor_without_a_vendor_directory_reports_every_require_unvendored()
    {
        var env = WithDefaultGoFlags("off");
        env.Environment["GOFLAGS"] = "-mod=vendor";
        Write(env.Project, "go.mod", App);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { network = new { enabled = false } });

        await lsp.OpenAsync(env.GoModUri, App);
        var published = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Count(x => Code(x) == "GML2013") == 2);
        Assert.All(published.Diagnostics.Where(d => Code(d) == "GML2013"),
            d => Assert.Contains("is not recorded as required in vendor/modules.txt", d.Message, StringComparison.Ordinal));
        Assert.Contains("go builds from vendor/ because GOFLAGS sets -mod=vendor",
            published.Diagnostics.First(d => Code(d) == "GML2013").RelatedInformation!.Select(r => r.Message), StringComparer.Ordinal);
    }
}
