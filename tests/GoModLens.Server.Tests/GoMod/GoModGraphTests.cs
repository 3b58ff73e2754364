using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.ProxyTree;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>GML3016 in the editor: a dependency requiring more than go.mod lists (go's check is pinned in Analysis.Tests' ModuleGraphTests).</summary>
public sealed class GoModGraphTests
{
    private const string App = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.1.0\n)\n";

    [Fact]
    public async Task A_require_below_what_a_dependency_needs_is_an_error_whose_fix_raises_it_and_the_fix_clears_it()
    {
        var time = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var proxy = new Uri(new ProxyTreeBuilder()
            .Add("example.com/a", "v1.0.0", time, "module example.com/a\n\ngo 1.21\n\nrequire example.com/b v1.2.0\n")
            .Add("example.com/b", "v1.1.0", time)
            .Add("example.com/b", "v1.2.0", time)
            .Add("example.com/b", "v1.3.0", time) // the latest: the fix raises to what a needs, not to this
            .WriteTo(GoOracle.NewScratchDir("graph-tree"))).AbsoluteUri;
        var env = GoModTestEnvironment.WithDefaultGoFlags(proxy); // with -mod=mod go would rewrite the go.mod itself (an information then)
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);

        await lsp.OpenAsync(env.GoModUri, App);
        var published = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML3016"));
        var error = Assert.Single(published.Diagnostics, d => Code(d) == "GML3016");
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal(new Position(6, 15), error.Range.Start);
        Assert.StartsWith("example.com/a v1.0.0 requires example.com/b v1.2.0, above the v1.1.0 listed here", error.Message, StringComparison.Ordinal);
        Assert.Contains("go: updates to go.mod needed; to update it:\n\tgo mod tidy", error.Message, StringComparison.Ordinal);

        Assert.Contains("- `example.com/a@v1.0.0` needs `v1.2.0` — **above this require**\n", (await lsp.HoverAsync(env.GoModUri, 6, 4))!.Contents.Value,
            StringComparison.Ordinal);

        var fix = Assert.Single(await CodeActionsAsync(lsp, env.GoModUri, error), a => a.Title == "Change example.com/b to v1.2.0");
        var fixedText = Apply(App, Assert.Single(Assert.Single(fix.Edit!.Changes!).Value));
        Assert.Equal(App.Replace("b v1.1.0", "b v1.2.0", StringComparison.Ordinal), fixedText);
        await lsp.ChangeAsync(env.GoModUri, 2, new TextDocumentContentChangeEvent(fixedText));
        await WaitForAsync(lsp, env.GoModUri, d => d.Version == 2 && !d.Diagnostics.Any(x => Code(x) == "GML3016"));
    }

    [SkippableFact]
    public async Task Hover_on_a_require_lists_the_requires_that_need_it_as_go_mod_graph_does()
    {
        GoOracle.Require();
        var time = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var proxy = new Uri(new ProxyTreeBuilder()
            .Add("example.com/a", "v1.0.0", time, "module example.com/a\n\ngo 1.21\n\nrequire (\n\texample.com/c v1.2.0\n\texample.com/b v1.0.0\n)\n")
            .Add("example.com/b", "v1.0.0", time, "module example.com/b\n\ngo 1.21\n\nrequire example.com/c v1.1.0\n")
            .Add("example.com/c", "v1.1.0", time)
            .Add("example.com/c", "v1.2.0", time)
            .Add("example.com/c", "v1.3.0", time)
            .WriteTo(GoOracle.NewScratchDir("graph-hover-tree"))).AbsoluteUri;
        const string Main = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.0.0\n\texample.com/c v1.2.0 // indirect\n)\n";
        var env = GoModTestEnvironment.WithDefaultGoFlags(proxy);
        GoModTestEnvironment.Write(env.Project, "go.mod", Main);

        // go's own graph, one level below this go.mod's requires: the edges into example.com/c.
        var listed = new[] { "example.com/a@v1.0.0", "example.com/b@v1.0.0" };
        var goEdges = GoModGraph(env.Project, proxy).Select(l => l.Split(' '))
            .Where(e => listed.Contains(e[0]) && e[1].StartsWith("example.com/c@", StringComparison.Ordinal))
            .Select(e => $"- `{e[0]}` needs `{e[1]["example.com/c@".Length..]}`").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["- `example.com/a@v1.0.0` needs `v1.2.0`", "- `example.com/b@v1.0.0` needs `v1.1.0`"], goEdges);

        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, Main);
        await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML2009")); // resolved: c has v1.3.0
        var hover = await HoverWhenAsync(lsp, env.GoModUri, 7, "Required by 2 requires"); // a's and b's reports may land after c's diagnostic
        Assert.Contains("Required by 2 requires of this go.mod (go mod graph):\n\n", hover, StringComparison.Ordinal);
        var ours = hover.Split('\n').Where(l => l.StartsWith("- `example.com/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(goEdges, ours);
        Assert.DoesNotContain("above this require", hover, StringComparison.Ordinal);
        Assert.DoesNotContain("Required by", (await lsp.HoverAsync(env.GoModUri, 5, 4))!.Contents.Value, StringComparison.Ordinal); // nothing needs a
    }

    [SkippableFact]
    public async Task Hover_on_an_indirect_require_shows_the_shortest_chain_that_brings_it_in()
    {
        GoOracle.Require();
        var time = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var proxy = new Uri(new ProxyTreeBuilder()
            .Add("example.com/chaina", "v1.0.0", time, "module example.com/chaina\n\ngo 1.21\n\nrequire example.com/chainb v1.0.0\n")
            .Add("example.com/chainb", "v1.0.0", time, "module example.com/chainb\n\ngo 1.21\n\nrequire example.com/chainc v1.0.0\n")
            .Add("example.com/chainc", "v1.0.0", time, "module example.com/chainc\n\ngo 1.21\n\nrequire example.com/chaind v1.0.0\n")
            .Add("example.com/chaind", "v1.0.0", time)
            .Add("example.com/chainx", "v1.0.0", time, "module example.com/chainx\n\ngo 1.21\n\nrequire example.com/chaind v1.0.0\n")
            .WriteTo(GoOracle.NewScratchDir("graph-chain-tree"))).AbsoluteUri;
        const string Main = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/chaina v1.0.0\n\texample.com/chainx v1.0.0\n\texample.com/chainb v1.0.0 // indirect\n\texample.com/chainc v1.0.0 // indirect\n\texample.com/chaind v1.0.0 // indirect\n)\n";
        var env = GoModTestEnvironment.WithDefaultGoFlags(proxy);
        GoModTestEnvironment.Write(env.Project, "go.mod", Main);

        // Paths of their own: go's module cache is shared between tests, and b@v1.0.0 of the test above has another go.mod.
        // go's graph has every edge of the chain shown below (and d through x, which is shorter).
        var edges = GoModGraph(env.Project, proxy).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string> { "example.com/app example.com/chaina@v1.0.0", "example.com/chaina@v1.0.0 example.com/chainb@v1.0.0",
            "example.com/chainb@v1.0.0 example.com/chainc@v1.0.0", "example.com/chainx@v1.0.0 example.com/chaind@v1.0.0" }, edges);

        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, Main);
        var c = await HoverWhenAsync(lsp, env.GoModUri, 8, "Reached through");
        Assert.Contains("Reached through: `example.com/app` → `example.com/chaina@v1.0.0` → `example.com/chainb@v1.0.0` → this module (the shortest chain of requirements, go mod graph)", c, StringComparison.Ordinal);
        var d = await HoverWhenAsync(lsp, env.GoModUri, 9, "Reached through");
        Assert.Contains("Reached through: `example.com/app` → `example.com/chainx@v1.0.0` → this module", d, StringComparison.Ordinal); // not the longer way through a, b, c
        Assert.DoesNotContain("Reached through", (await lsp.HoverAsync(env.GoModUri, 5, 4))!.Contents.Value, StringComparison.Ordinal); // a is direct
    }

    /// <summary>The hover of a require line once it contains <paramref name="text"/> (resolution results arrive one module at a time).</summary>
    private static async Task<string> HoverWhenAsync(LspTestHarness lsp, string uri, int line, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var hover = (await lsp.HoverAsync(uri, line, 4))?.Contents.Value ?? "";
            if (hover.Contains(text, StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return hover;
            }

            await Task.Delay(50);
        }
    }

    [SkippableFact]
    public async Task Below_a_dependency_older_than_graph_pruning_the_editor_reports_what_go_list_m_all_stops_at()
    {
        GoOracle.Require();
        var time = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var proxy = new Uri(new ProxyTreeBuilder()
            .Add("example.com/f", "v1.0.0", time, "module example.com/f\n\ngo 1.16\n\nrequire example.com/g v1.0.0\n")
            .Add("example.com/g", "v1.0.0", time, "module example.com/g\n\ngo 1.21\n\nrequire example.com/b v1.2.0\n")
            .Add("example.com/b", "v1.1.0", time)
            .Add("example.com/b", "v1.2.0", time)
            .WriteTo(GoOracle.NewScratchDir("graph-unpruned-tree"))).AbsoluteUri;
        const string Main = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/f v1.0.0\n\texample.com/b v1.1.0\n)\n";
        var env = GoModTestEnvironment.WithDefaultGoFlags(proxy);
        GoModTestEnvironment.Write(env.Project, "go.mod", "module example.com/scratch\n\ngo 1.22\n");
        var hashes = GoOracle.DownloadHashes(env.Project, new Dictionary<string, string?> { ["GOPROXY"] = proxy, ["GOFLAGS"] = "-mod=mod -modcacherw" },
            "example.com/f@v1.0.0", "example.com/b@v1.1.0", "example.com/b@v1.2.0");
        // Every line go needs but g's /go.mod line.
        GoModTestEnvironment.Write(env.Project, "go.sum", string.Concat(hashes.Select(h => $"{h.Key.Replace('@', ' ')} {h.Value.Zip}\n{h.Key.Replace('@', ' ')}/go.mod {h.Value.GoMod}\n")));
        GoModTestEnvironment.Write(env.Project, "go.mod", Main);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);

        await lsp.OpenAsync(env.GoModUri, Main);
        var published = await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML3016") && d.Diagnostics.Any(x => Code(x) == "GML1507"));
        var raise = Assert.Single(published.Diagnostics, d => Code(d) == "GML3016");
        Assert.Equal(DiagnosticSeverity.Warning, raise.Severity); // go build does not load it; go list -m all does
        Assert.StartsWith("example.com/g v1.0.0 requires example.com/b v1.2.0, above the v1.1.0 listed here (example.com/g v1.0.0 is in the module graph through example.com/f v1.0.0",
            raise.Message, StringComparison.Ordinal);
        var sum = Assert.Single(published.Diagnostics, d => Code(d) == "GML1507");
        Assert.Equal(DiagnosticSeverity.Warning, sum.Severity);
        Assert.Equal(new Position(5, 1), sum.Range.Start); // f's path
        Assert.Contains("go: example.com/f@v1.0.0 requires\n\texample.com/g@v1.0.0: missing go.sum entry for go.mod file; to add it:\n\tgo mod download example.com/g",
            sum.Message, StringComparison.Ordinal);
        Assert.Contains(await CodeActionsAsync(lsp, env.GoModUri, sum), a => a.Title == "Run go mod download example.com/g (adds the go.sum lines)");
    }

    /// <summary>go 1.26's <c>go mod graph</c> of <paramref name="project"/> through <paramref name="proxy"/>: one "from to" edge per line.</summary>
    private static string[] GoModGraph(string project, string proxy)
    {
        var graph = GoOracle.Run(project, new Dictionary<string, string?> { ["GOPROXY"] = proxy, ["GOFLAGS"] = "-mod=mod -modcacherw" }, "mod", "graph");
        Assert.True(graph.ExitCode == 0, graph.Stderr);
        return graph.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
