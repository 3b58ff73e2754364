using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.ProxyTree;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;
using static GoModLens.Server.Tests.GoMod.GoModTestEnvironment;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>Go to definition opens the go.mod go reads for the module under the cursor.</summary>
public sealed class GoModDefinitionTests
{
    [SkippableFact]
    public async Task A_require_opens_the_go_mod_go_extracted_into_the_module_cache_with_go_s_escaping()
    {
        var go = GoOracle.Require();
        var proxy = new Uri(new ProxyTreeBuilder()
            .Add("example.com/Upper", "v1.0.0-RC.1", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), goMod: "module example.com/Upper\n\ngo 1.21\n")
            .Add("example.com/legacy", "v1.0.0", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero))
            .WriteTo(GoOracle.NewScratchDir("definition-tree"))).AbsoluteUri;
        var env = new GoModTestEnvironment(proxy);
        var download = GoOracle.Run(GoOracle.NewScratchDir("definition-wd"), new Dictionary<string, string?>
        {
            ["GOPROXY"] = proxy, ["GOMODCACHE"] = env.Environment["GOMODCACHE"], ["GOFLAGS"] = "-modcacherw",
        }, "mod", "download", "example.com/Upper@v1.0.0-RC.1");
        Assert.True(download.ExitCode == 0, download.Stderr);
        // Only go's download cache has legacy's .mod (go list -m reads no zip).
        env.WriteModuleCache("example.com/legacy", "v1.0.0", ".mod", "module example.com/legacy\n"u8.ToArray());
        const string App = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/Upper v1.0.0-RC.1\n\texample.com/legacy v1.0.0\n\texample.com/absent v1.0.0\n)\n";
        Write(env.Project, "go.mod", App);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, App);

        var extracted = Path.Combine(env.Environment["GOMODCACHE"], "example.com", "!upper@v1.0.0-!r!c.1", "go.mod");
        Assert.True(File.Exists(extracted), "go extracts example.com/Upper here");
        Assert.Equal([new Uri(extracted).AbsoluteUri], await DefinitionAsync(lsp, env.GoModUri, 5, 15)); // on the path
        Assert.Equal([new Uri(extracted).AbsoluteUri], await DefinitionAsync(lsp, env.GoModUri, 5, 22)); // on the version
        Assert.Equal([new Uri(Path.Combine(env.Environment["GOMODCACHE"], "cache", "download", "example.com", "legacy", "@v", "v1.0.0.mod")).AbsoluteUri],
            await DefinitionAsync(lsp, env.GoModUri, 6, 3));
        Assert.Empty(await DefinitionAsync(lsp, env.GoModUri, 7, 3)); // never downloaded: nothing is fetched for a definition
        Assert.Empty(await DefinitionAsync(lsp, env.GoModUri, 2, 1)); // the go line
        _ = go;
    }

    [Fact]
    public async Task Replacements_decide_where_a_require_goes_and_replace_lines_go_to_their_target()
    {
        var env = WithDefaultGoFlags("off");
        Write(env.Root, "local/foo/go.mod", "module example.com/foo\n");
        env.WriteModuleCache("example.com/fork", "v2.0.0", ".mod", "module example.com/fork\n"u8.ToArray());
        env.WriteModuleCache("example.com/bar", "v1.0.0", ".mod", "module example.com/bar\n"u8.ToArray());
        const string App = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/foo v1.0.0\n\texample.com/bar v1.0.0\n\texample.com/baz v1.0.0\n)\n\n"
            + "replace example.com/foo => ../local/foo\n\nreplace example.com/baz v1.0.0 => example.com/fork v2.0.0\n\nreplace example.com/bar v0.9.0 => ../nowhere\n";
        Write(env.Project, "go.mod", App);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, App);

        var localFoo = new Uri(Path.Combine(env.Root, "local", "foo", "go.mod")).AbsoluteUri;
        var fork = new Uri(Path.Combine(env.Environment["GOMODCACHE"], "cache", "download", "example.com", "fork", "@v", "v2.0.0.mod")).AbsoluteUri;
        var bar = new Uri(Path.Combine(env.Environment["GOMODCACHE"], "cache", "download", "example.com", "bar", "@v", "v1.0.0.mod")).AbsoluteUri;
        Assert.Equal([localFoo], await DefinitionAsync(lsp, env.GoModUri, 5, 3));
        Assert.Equal([bar], await DefinitionAsync(lsp, env.GoModUri, 6, 3)); // the replace is for v0.9.0 only
        Assert.Equal([fork], await DefinitionAsync(lsp, env.GoModUri, 7, 3));
        Assert.Equal([localFoo], await DefinitionAsync(lsp, env.GoModUri, 10, 10)); // the replace line itself
        Assert.Equal([fork], await DefinitionAsync(lsp, env.GoModUri, 12, 40));
        Assert.Empty(await DefinitionAsync(lsp, env.GoModUri, 14, 40)); // a directory without go.mod
    }

    [Fact]
    public async Task In_a_workspace_modules_and_the_go_work_s_replaces_come_first_and_go_work_and_go_sum_lines_navigate_too()
    {
        var env = WithDefaultGoFlags("off");
        Write(env.Root, "lib/go.mod", "module example.com/lib\n\ngo 1.22\n");
        Write(env.Root, "vendored/bar/go.mod", "module example.com/bar\n");
        const string Work = "go 1.22\n\nuse (\n\t./project\n\t./lib\n)\n\nreplace example.com/bar => ./vendored/bar\n";
        Write(env.Root, "go.work", Work);
        const string App = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/lib v0.1.0\n\texample.com/bar v1.0.0\n)\n\nreplace example.com/bar => ../elsewhere\n";
        Write(env.Project, "go.mod", App);
        env.WriteModuleCache("example.com/bar", "v1.0.0", ".mod", "module example.com/bar\n"u8.ToArray());
        const string Sum = "example.com/bar v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
        Write(env.Project, "go.sum", Sum);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, App);

        var lib = new Uri(Path.Combine(env.Root, "lib", "go.mod")).AbsoluteUri;
        var vendoredBar = new Uri(Path.Combine(env.Root, "vendored", "bar", "go.mod")).AbsoluteUri;
        Assert.Equal([lib], await DefinitionAsync(lsp, env.GoModUri, 5, 3)); // the workspace module, not v0.1.0
        Assert.Equal([vendoredBar], await DefinitionAsync(lsp, env.GoModUri, 6, 3)); // the go.work's replace wins over the go.mod's

        var workUri = new Uri(Path.Combine(env.Root, "go.work")).AbsoluteUri;
        await lsp.OpenAsync(workUri, Work, languageId: "go.work");
        Assert.Equal([lib], await DefinitionAsync(lsp, workUri, 4, 3));
        Assert.Equal([vendoredBar], await DefinitionAsync(lsp, workUri, 7, 30));

        await lsp.OpenAsync(env.GoSumUri, Sum, languageId: "go.sum");
        Assert.Equal([new Uri(Path.Combine(env.Environment["GOMODCACHE"], "cache", "download", "example.com", "bar", "@v", "v1.0.0.mod")).AbsoluteUri],
            await DefinitionAsync(lsp, env.GoSumUri, 0, 5));
    }

    [Fact]
    public async Task A_go_mod_opened_from_the_module_cache_is_read_only_and_gets_no_diagnostics()
    {
        var env = WithDefaultGoFlags("off"); // every lookup would fail loudly
        const string Dependency = "module example.com/dep\n\ngo 1.21\n\nrequire example.com/missing v1.0.0\n";
        var inCache = Path.Combine(env.Environment["GOMODCACHE"], "example.com", "dep@v1.0.0", "go.mod");
        Write(Path.GetDirectoryName(inCache)!, "go.mod", Dependency);
        var app = Dependency.Replace("example.com/dep", "example.com/app", StringComparison.Ordinal).Replace("missing", "absent", StringComparison.Ordinal);
        Write(env.Project, "go.mod", app);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);

        // The same kind of file outside the cache: go would fail the lookup.
        await lsp.OpenAsync(env.GoModUri, app);
        await WaitForAsync(lsp, env.GoModUri, d => d.Diagnostics.Any(x => Code(x) == "GML3008"));

        var uri = new Uri(inCache).AbsoluteUri;
        await lsp.OpenAsync(uri, Dependency + "require (\n"); // not even a syntax error: go never builds it as a main module
        Assert.Empty((await lsp.NextDiagnosticsAsync(uri)).Diagnostics);
        var hover = (await lsp.HoverAsync(uri, 4, 10))!.Contents.Value;
        Assert.Contains("A dependency's go.mod in the module cache (read-only): GoModLens does not check it.", hover, StringComparison.Ordinal);
    }

    private static async Task<string[]> DefinitionAsync(LspTestHarness lsp, string uri, int line, int character)
    {
        var locations = await lsp.RequestAsync<Location[]>("textDocument/definition", new DefinitionParams(new TextDocumentIdentifier(uri), new Position(line, character)));
        Assert.All(locations, l => Assert.Equal(new Position(0, 0), l.Range.Start));
        return [.. locations.Select(l => l.Uri)];
    }
}
