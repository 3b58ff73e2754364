using System.Text.Json;
using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using Range = GoModLens.Protocol.Range;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>
/// go.sum's document symbols: module path, then version, then each line, with ranges on the lines; a tree for clients
/// with hierarchicalDocumentSymbolSupport, flat SymbolInformation (each naming its container) for the others, as for go.mod.
/// </summary>
public sealed class GoSumSymbolTests
{
    private const string A = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    private const string B = "h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=";
    private const string C = "h1:CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC=";

    // Line 3 is blank and line 5 has too many fields: neither is a go.sum line.
    private static readonly string s_sum =
        $"example.com/bar v0.1.0/go.mod {A}\n" +
        $"example.com/foo v1.0.0 {B}\n" +
        $"example.com/foo v1.0.0/go.mod {C}\n" +
        "\n" +
        $"example.com/foo v1.2.0/go.mod {A}\n" +
        $"example.com/broken v1.0.0 {A} extra\n";

    private static readonly ClientCapabilities s_hierarchical = new()
    {
        TextDocument = new TextDocumentClientCapabilities { DocumentSymbol = new DocumentSymbolClientCapabilities { HierarchicalDocumentSymbolSupport = true } },
    };

    [Fact]
    public async Task A_client_with_hierarchical_support_gets_module_version_and_line_symbols()
    {
        var env = new GoModTestEnvironment("off");
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await OpenAsync(analyzer, env, s_hierarchical);

        var symbols = await lsp.RequestAsync<DocumentSymbol[]>("textDocument/documentSymbol", new DocumentSymbolParams(new TextDocumentIdentifier(env.GoSumUri)));

        Assert.Equal(["example.com/bar", "example.com/foo"], symbols.Select(s => s.Name));
        Assert.All(symbols, s => Assert.Equal(SymbolKind.Module, s.Kind));
        var (bar, foo) = (symbols[0], symbols[1]);
        Assert.Equal("1 version", bar.Detail);
        Assert.Equal(Span(0, 0, 0, 29 + 1 + A.Length), bar.Range);
        Assert.Equal(Span(0, 0, 0, 15), bar.SelectionRange);

        Assert.Equal("2 versions", foo.Detail);
        Assert.Equal(Span(1, 0, 4, 29 + 1 + A.Length), foo.Range); // from its first line to its last, across the blank line
        Assert.Equal(Span(1, 0, 1, 15), foo.SelectionRange);
        Assert.Equal(["v1.0.0", "v1.2.0"], foo.Children!.Select(c => c.Name));
        Assert.All(foo.Children!, c => Assert.Equal(SymbolKind.Package, c.Kind));

        var v100 = foo.Children![0];
        Assert.Equal("module zip and go.mod hashes", v100.Detail);
        Assert.Equal(Span(1, 0, 2, 29 + 1 + C.Length), v100.Range);
        Assert.Equal(Span(1, 16, 1, 22), v100.SelectionRange);
        Assert.Equal(["v1.0.0", "v1.0.0/go.mod"], v100.Children!.Select(c => c.Name));
        Assert.Equal([B, C], v100.Children!.Select(c => c.Detail));
        Assert.All(v100.Children!, c => Assert.Equal(SymbolKind.Key, c.Kind));
        Assert.Equal(Span(2, 0, 2, 30 + C.Length), v100.Children![1].Range);
        Assert.Equal(Span(2, 30, 2, 30 + C.Length), v100.Children![1].SelectionRange);

        var v120 = foo.Children![1];
        Assert.Equal("go.mod hash only", v120.Detail);
        Assert.Equal(Span(4, 0, 4, 30 + A.Length), Assert.Single(v120.Children!).Range);
    }

    [Fact]
    public async Task A_client_without_it_gets_the_same_symbols_flat_each_with_its_container()
    {
        var env = new GoModTestEnvironment("off");
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await OpenAsync(analyzer, env, GoModProtocolTests.s_client);

        var symbols = await lsp.RequestAsync<JsonElement>("textDocument/documentSymbol", new DocumentSymbolParams(new TextDocumentIdentifier(env.GoSumUri)));
        var flat = symbols.Deserialize<SymbolInformation[]>(LspTestHarness.ClientOptions)!;

        Assert.All(symbols.EnumerateArray(), s => Assert.False(s.TryGetProperty("children", out _)));
        Assert.Equal(
            [
                ("example.com/bar", null), ("v0.1.0", "example.com/bar"), ("v0.1.0/go.mod", "v0.1.0"),
                ("example.com/foo", null), ("v1.0.0", "example.com/foo"), ("v1.0.0", "v1.0.0"), ("v1.0.0/go.mod", "v1.0.0"),
                ("v1.2.0", "example.com/foo"), ("v1.2.0/go.mod", "v1.2.0"),
            ],
            flat.Select(s => (s.Name, s.ContainerName)));
        Assert.All(flat, s => Assert.Equal(env.GoSumUri, s.Location.Uri));
        Assert.Equal(Span(1, 0, 4, 30 + A.Length), flat[3].Location.Range);
        Assert.Equal(Span(4, 0, 4, 30 + A.Length), flat[^1].Location.Range);
    }

    [Fact]
    public async Task An_empty_go_sum_has_no_symbols()
    {
        var env = new GoModTestEnvironment("off");
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_hierarchical, initializationOptions: new { network = new { enabled = false } });
        await lsp.OpenAsync(env.GoSumUri, "\n", languageId: "go.sum");

        Assert.Empty(await lsp.RequestAsync<DocumentSymbol[]>("textDocument/documentSymbol", new DocumentSymbolParams(new TextDocumentIdentifier(env.GoSumUri))));
    }

    private static async Task<LspTestHarness> OpenAsync(Server.Features.GoMod.GoModAnalyzer analyzer, GoModTestEnvironment env, ClientCapabilities capabilities)
    {
        var lsp = await LspTestHarness.StartAsync(analyzer, capabilities, initializationOptions: new { network = new { enabled = false } });
        await lsp.OpenAsync(env.GoSumUri, s_sum, languageId: "go.sum");
        return lsp;
    }

    private static Range Span(int line, int character, int endLine, int endCharacter) => new(new Position(line, character), new Position(endLine, endCharacter));
}
