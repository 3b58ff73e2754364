using System.Text.Json;
using GoModLens.Protocol;
using GoModLens.Server.Lifecycle;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities;
using Nerdbank.Streams;

namespace GoModLens.Server.Tests;

/// <summary>
/// initialize payloads shaped like those of VS Code (vscode-languageclient 9) and Neovim 0.7 must be accepted as
/// sent: capabilities we do not model, and ones whose shape differs from a guess, must never fail the handshake.
/// </summary>
public sealed class RealClientPayloadTests
{
    [Theory]
    [InlineData("vscode-initialize.json", "utf-16", true, true)]
    [InlineData("nvim-0.7-initialize.json", "utf-16", false, false)]
    public async Task Real_client_initialize_payloads_are_accepted(string file, string encoding, bool pull, bool completionTags)
    {
        var payload = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.TestData, "lsp", file))).RootElement;
        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        await using var server = new LanguageServer(serverStream, serverStream, new TestAnalyzer(), new LanguageServerOptions { ErrorLog = TextWriter.Null });
        var run = server.RunAsync();
        var raw = new RawLspConnection(clientStream);

        await raw.SendAsync(new { jsonrpc = "2.0", id = 1, method = "initialize", @params = payload });
        var response = await raw.ReadResponseAsync(1);

        Assert.True(response.TryGetProperty("result", out var result), response.ToString());
        var capabilities = result.GetProperty("capabilities");
        Assert.Equal(encoding, capabilities.GetProperty("positionEncoding").GetString());
        Assert.Equal(pull, capabilities.TryGetProperty("diagnosticProvider", out _));
        Assert.Equal(pull, server.State.Session.UsesPullDiagnostics);
        Assert.True(server.State.Session.SupportsCodeActionLiterals);
        Assert.True(server.State.Session.SupportsWorkDoneProgress);
        Assert.Single(server.Queue.Current.Folders);

        // Both take a DocumentSymbol tree; VS Code strikes a retracted version through with the Deprecated tag, Neovim
        // 0.7 renders neither the tag nor the older deprecated property.
        Assert.True(server.State.Session.SupportsHierarchicalDocumentSymbols);
        Assert.Equal(completionTags, server.State.Session.SupportsDeprecatedCompletionTag);
        Assert.Equal(completionTags, server.State.Session.SupportsDeprecatedCompletionProperty);
    }

    [Fact]
    public void Vscode_initialization_options_become_settings()
    {
        var payload = File.ReadAllText(Path.Combine(RepoPaths.TestData, "lsp", "vscode-initialize.json"));
        var parameters = JsonSerializer.Deserialize<InitializeParams>(payload, LspJson.Options)!;
        var problems = new List<string>();

        var settings = Configuration.SettingsReader.Apply(Configuration.ServerSettings.Default, parameters.InitializationOptions, problems);

        Assert.Equal("https://proxy.example", settings.GoProxy);
        Assert.Empty(problems);
        Assert.Equal("Visual Studio Code", parameters.ClientInfo!.Name);
    }
}
