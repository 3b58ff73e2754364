using System.Text.Json.Nodes;

namespace GoModLens.LspBenchmarks;

/// <summary>The few LSP payloads the benchmarks send.</summary>
internal static class Lsp
{
    public static JsonObject InitializeParams(JsonObject settings, string rootUri) => new()
    {
        ["processId"] = Environment.ProcessId,
        ["clientInfo"] = new JsonObject { ["name"] = "gomodlens-lspbench", ["version"] = "1" },
        ["rootUri"] = rootUri,
        ["capabilities"] = new JsonObject
        {
            ["general"] = new JsonObject { ["positionEncodings"] = new JsonArray("utf-16") },
            ["window"] = new JsonObject { ["workDoneProgress"] = true },
            ["textDocument"] = new JsonObject
            {
                ["synchronization"] = new JsonObject { ["didSave"] = true },
                ["publishDiagnostics"] = new JsonObject { ["versionSupport"] = true, ["relatedInformation"] = true },
                ["hover"] = new JsonObject { ["contentFormat"] = new JsonArray("markdown", "plaintext") },
            },
        },
        ["initializationOptions"] = settings.DeepClone(),
    };

    public static JsonObject Settings(string? goproxy, bool network) => new()
    {
        ["goproxy"] = goproxy,
        ["network"] = new JsonObject { ["enabled"] = network },
    };

    public static JsonObject DidOpen(string uri, string text) => new()
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "go.mod", ["version"] = 1, ["text"] = text },
    };

    public static JsonObject DidChange(string uri, int version, SingleCharEdit edit) => new()
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = version },
        ["contentChanges"] = new JsonArray(new JsonObject
        {
            ["range"] = Range(edit.Line, edit.Start, edit.Line, edit.End),
            ["text"] = edit.Text,
        }),
    };

    public static JsonObject Hover(string uri, int line, int character) => new()
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri },
        ["position"] = new JsonObject { ["line"] = line, ["character"] = character },
    };

    private static JsonObject Range(int startLine, int startCharacter, int endLine, int endCharacter) => new()
    {
        ["start"] = new JsonObject { ["line"] = startLine, ["character"] = startCharacter },
        ["end"] = new JsonObject { ["line"] = endLine, ["character"] = endCharacter },
    };
}
