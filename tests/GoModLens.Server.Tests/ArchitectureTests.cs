using System.Text.RegularExpressions;
using GoModLens.Host.Commands;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities;

namespace GoModLens.Server.Tests;

public sealed partial class ArchitectureTests
{
    [Fact]
    public void Server_code_never_writes_to_stdout()
    {
        var roots = new[] { Path.Combine(RepoPaths.Root, "src", "GoModLens.Server"), Path.Combine(RepoPaths.Root, "src", "GoModLens.Protocol") };
        var files = roots.SelectMany(r => Directory.EnumerateFiles(r, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Append(Path.Combine(RepoPaths.Root, "src", "GoModLens", "Commands", "ServeCommand.cs"))
            .ToList();
        Assert.True(files.Count > 30, $"only {files.Count} files scanned");

        var offenders = files
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .Where(l => StdoutUse().IsMatch(l.Text)
                        || (l.Text.Contains("OpenStandardOutput", StringComparison.Ordinal) && !l.File.EndsWith("ServeCommand.cs", StringComparison.Ordinal)))
            .Select(l => $"{Path.GetRelativePath(RepoPaths.Root, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public async Task Every_feature_method_is_registered_and_advertised()
    {
        await using var lsp = await LspTestHarness.StartAsync();
        var capabilities = lsp.InitializeResult!.Capabilities;
        var advertised = new Dictionary<string, bool>
        {
            ["textDocument/hover"] = capabilities.HoverProvider == true,
            ["textDocument/codeAction"] = capabilities.CodeActionProvider is not null,
            ["workspace/executeCommand"] = capabilities.ExecuteCommandProvider is not null,
            ["textDocument/inlayHint"] = capabilities.InlayHintProvider == true,
            ["textDocument/documentLink"] = capabilities.DocumentLinkProvider is not null,
            ["textDocument/completion"] = capabilities.CompletionProvider is not null,
            ["textDocument/formatting"] = capabilities.DocumentFormattingProvider == true,
            ["textDocument/foldingRange"] = capabilities.FoldingRangeProvider == true,
            ["textDocument/documentSymbol"] = capabilities.DocumentSymbolProvider == true,
            ["textDocument/didOpen"] = capabilities.TextDocumentSync!.OpenClose,
            ["textDocument/didChange"] = capabilities.TextDocumentSync.Change == Protocol.TextDocumentSyncKind.Incremental,
            ["textDocument/didClose"] = capabilities.TextDocumentSync.OpenClose,
            ["textDocument/didSave"] = capabilities.TextDocumentSync.Save is not null,
        };

        Assert.All(advertised, pair => Assert.True(pair.Value, pair.Key + " not advertised"));
        foreach (var method in advertised.Keys.Append("textDocument/diagnostic"))
        {
            // Empty params: a routed method answers (or rejects the params); only an unrouted one is MethodNotFound.
            var exception = await Record.ExceptionAsync(() => lsp.RequestAsync<System.Text.Json.JsonElement?>(method, new { }));
            Assert.True(exception is null || RpcErrors.CodeOf(exception) != Protocol.ErrorCodes.MethodNotFound, method);
        }
    }

    [Fact]
    public void Serve_command_is_named_serve_and_accepts_stdio()
    {
        var command = ServeCommand.Create();

        Assert.Equal("serve", command.Name);
        Assert.Contains(command.Options, o => o.Name == "--stdio");
        Assert.Empty(command.Parse(["--stdio"]).Errors);
    }

    [GeneratedRegex(@"Console\s*\.\s*(Out\b|Write)")]
    private static partial Regex StdoutUse();
}
