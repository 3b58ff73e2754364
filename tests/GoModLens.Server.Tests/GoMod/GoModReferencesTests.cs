using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;
using static GoModLens.Server.Tests.GoMod.GoModTestEnvironment;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>Find references on a module path: its go.mod, go.sum and, in workspace mode, the go.work and the other modules.</summary>
public sealed class GoModReferencesTests
{
    private const string App = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/bar v1.0.0\n\texample.com/foo v1.0.0\n)\n\n"
        + "exclude example.com/bar v0.9.0\n\nreplace example.com/bar v1.0.0 => ../bar\n";

    private const string Sum = "example.com/bar v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
        + "example.com/bar v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
        + "example.com/foo v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";

    [Fact]
    public async Task A_module_path_is_found_in_go_mod_go_sum_the_go_work_and_the_other_workspace_modules()
    {
        var env = WithDefaultGoFlags("off");
        Write(env.Root, "go.work", "go 1.22\n\nuse (\n\t./project\n\t./lib\n)\n\nreplace example.com/bar => ./bar\n");
        Write(env.Root, "lib/go.mod", "module example.com/lib\n\ngo 1.22\n\nrequire example.com/bar v1.0.0\n");
        Write(env.Project, "go.mod", App);
        Write(env.Project, "go.sum", Sum);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        // The editor's go.mod has an unsaved extra line: its positions, not the disk's, are the ones to return.
        var edited = "// edited\n" + App;
        await lsp.OpenAsync(env.GoModUri, edited);

        var found = await ReferencesAsync(lsp, env.GoModUri, 6, 4);
        var texts = new Dictionary<string, string>
        {
            [env.GoModUri] = edited,
            [env.GoSumUri] = Sum,
            [new Uri(Path.Combine(env.Root, "go.work")).AbsoluteUri] = File.ReadAllText(Path.Combine(env.Root, "go.work")),
            [new Uri(Path.Combine(env.Root, "lib", "go.mod")).AbsoluteUri] = File.ReadAllText(Path.Combine(env.Root, "lib", "go.mod")),
        };
        Assert.All(found, l => Assert.Equal("example.com/bar", TextAt(texts[l.Uri], l.Range)));
        Assert.Equal(
            new[] { (env.GoModUri, 6), (env.GoModUri, 10), (env.GoModUri, 12), (env.GoSumUri, 0), (env.GoSumUri, 1),
                (new Uri(Path.Combine(env.Root, "go.work")).AbsoluteUri, 7), (new Uri(Path.Combine(env.Root, "lib", "go.mod")).AbsoluteUri, 4) }
                .Order().ToArray(),
            found.Select(l => (l.Uri, l.Range.Start.Line)).Order().ToArray());

        // From a go.sum line, the same module.
        await lsp.OpenAsync(env.GoSumUri, Sum, languageId: "go.sum");
        var foo = await ReferencesAsync(lsp, env.GoSumUri, 2, 3);
        Assert.Equal([(env.GoModUri, 7), (env.GoSumUri, 2)], foo.Select(l => (l.Uri, l.Range.Start.Line)).Order().ToArray());
        Assert.All(foo, l => Assert.Equal("example.com/foo", TextAt(texts[l.Uri], l.Range)));
        Assert.Empty(await ReferencesAsync(lsp, env.GoModUri, 3, 1)); // the go line names no module
    }

    /// <summary>tools.mod (go reads it with -modfile=tools.mod) refers to tools.sum, not to the go.mod and go.sum beside it.</summary>
    [Fact]
    public async Task A_module_file_read_with_modfile_finds_its_own_sum_file()
    {
        var env = WithDefaultGoFlags("off");
        Write(env.Project, "go.mod", App);
        Write(env.Project, "go.sum", Sum);
        Write(env.Project, "tools.mod", App);
        Write(env.Project, "tools.sum", Sum);
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        var tools = new Uri(Path.Combine(env.Project, "tools.mod")).AbsoluteUri;
        var toolsSum = new Uri(Path.Combine(env.Project, "tools.sum")).AbsoluteUri;
        await lsp.OpenAsync(tools, App, languageId: "go.mod");

        var found = await ReferencesAsync(lsp, tools, 6, 4); // example.com/foo
        Assert.Equal([(tools, 6), (toolsSum, 2)], found.Select(l => (l.Uri, l.Range.Start.Line)).Order().ToArray());

        await lsp.OpenAsync(toolsSum, Sum, languageId: "go.sum");
        Assert.Equal([(tools, 6), (toolsSum, 2)], (await ReferencesAsync(lsp, toolsSum, 2, 3)).Select(l => (l.Uri, l.Range.Start.Line)).Order().ToArray());
    }

    private static async Task<Location[]> ReferencesAsync(LspTestHarness lsp, string uri, int line, int character) =>
        await lsp.RequestAsync<Location[]>("textDocument/references",
            new ReferenceParams(new TextDocumentIdentifier(uri), new Position(line, character), new ReferenceContext(true)));

    private static string TextAt(string text, Protocol.Range range)
    {
        var lines = text.Split('\n');
        return range.Start.Line == range.End.Line ? lines[range.Start.Line][range.Start.Character..range.End.Character] : "";
    }
}
