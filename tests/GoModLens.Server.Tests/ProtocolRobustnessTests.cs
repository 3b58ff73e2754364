using System.Text.Json;
using GoModLens.Protocol;
using GoModLens.Server.Lifecycle;
using GoModLens.Server.Tests.Infrastructure;
using Nerdbank.Streams;
using StreamJsonRpc;

namespace GoModLens.Server.Tests;

public sealed class ProtocolRobustnessTests
{
    private const string Uri = "file:///work/project/go.mod";

    [Fact]
    public async Task Unknown_method_is_MethodNotFound()
    {
        await using var lsp = await LspTestHarness.StartAsync();

        var error = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() => lsp.RequestAsync<JsonElement?>("gomodlens/noSuchThing", new { }));
        Assert.Equal(ErrorCodes.MethodNotFound, (int)error.ErrorCode);
        Assert.Equal(0, await lsp.ShutdownAndExitAsync());
    }

    [Fact]
    public async Task Invalid_params_are_InvalidParams_and_the_server_keeps_going()
    {
        await using var lsp = await LspTestHarness.StartAsync();

        var error = await Assert.ThrowsAnyAsync<RemoteRpcException>(
            () => lsp.RequestAsync<JsonElement?>("textDocument/hover", new { textDocument = 42 }));
        Assert.Equal(ErrorCodes.InvalidParams, RpcErrors.CodeOf(error));

        // A broken notification is logged, not fatal.
        await lsp.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = Uri } });
        await lsp.OpenAsync(Uri, "module a\n");
        Assert.Equal("v1@0:module a\n", (await lsp.HoverAsync(Uri, 0, 0))!.Contents.Value);
    }

    [Fact]
    public async Task Client_cancellation_cancels_the_work_and_answers_RequestCancelled()
    {
        var analyzer = new TestAnalyzer();
        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        await using var server = new LanguageServer(serverStream, serverStream, analyzer, new LanguageServerOptions { ErrorLog = TextWriter.Null });
        var run = server.RunAsync();
        var raw = new RawLspConnection(clientStream);

        await raw.SendAsync(new { jsonrpc = "2.0", id = 1, method = "initialize", @params = new { capabilities = new { } } });
        await raw.ReadResponseAsync(1);
        await raw.SendAsync(new { jsonrpc = "2.0", method = "initialized", @params = new { } });
        await raw.SendAsync(new
        {
            jsonrpc = "2.0",
            method = "textDocument/didOpen",
            @params = new { textDocument = new { uri = Uri, languageId = "go.mod", version = 1, text = "SLOW\n" } },
        });
        await raw.SendAsync(new
        {
            jsonrpc = "2.0",
            id = 2,
            method = "textDocument/hover",
            @params = new { textDocument = new { uri = Uri }, position = new { line = 0, character = 0 } },
        });
        await analyzer.HoverStarted.Task.WaitAsync(LspTestHarness.Timeout);
        await raw.SendAsync(new { jsonrpc = "2.0", method = "$/cancelRequest", @params = new { id = 2 } });

        var response = await raw.ReadResponseAsync(2);
        Assert.Equal(ErrorCodes.RequestCancelled, response.GetProperty("error").GetProperty("code").GetInt32());
        await analyzer.HoverCancelled.Task.WaitAsync(LspTestHarness.Timeout);
    }

    [Fact]
    public async Task Request_overtaken_by_an_edit_to_its_document_is_ContentModified()
    {
        var analyzer = new TestAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer);
        await lsp.OpenAsync(Uri, "SLOW\n");
        var hover = lsp.HoverAsync(Uri, 0, 0);
        await analyzer.HoverStarted.Task.WaitAsync(LspTestHarness.Timeout);

        await lsp.ChangeAsync(Uri, 2, new TextDocumentContentChangeEvent("fast\n"));

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => hover);
        Assert.Equal(ErrorCodes.ContentModified, error.ErrorCode);
        Assert.Equal("v2@0:fast\n", (await lsp.HoverAsync(Uri, 0, 0))!.Contents.Value);
    }

    [Theory]
    [InlineData("{this is not json")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":{\"nested\":true},\"method\":7}")]
    [InlineData("\"just a string\"")]
    public async Task Malformed_message_bodies_do_not_kill_the_server(string body)
    {
        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        var log = new LockedStringWriter();
        await using var server = new LanguageServer(serverStream, serverStream, new TestAnalyzer(), new LanguageServerOptions { ErrorLog = log });
        var run = server.RunAsync();
        var raw = new RawLspConnection(clientStream);

        await raw.SendBodyAsync(body);
        await raw.SendAsync(new { jsonrpc = "2.0", id = 1, method = "initialize", @params = new { capabilities = new { } } });
        var response = await raw.ReadResponseAsync(1);

        Assert.True(response.TryGetProperty("result", out var result), response.ToString());
        Assert.Equal(2, result.GetProperty("capabilities").GetProperty("textDocumentSync").GetProperty("change").GetInt32());
        Assert.False(run.IsCompleted);
        Assert.Contains("dropped malformed message", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_notifications_are_ignored()
    {
        await using var lsp = await LspTestHarness.StartAsync();
        await lsp.NotifyAsync("$/somethingNew", new { x = 1 });
        await lsp.NotifyAsync("$/setTrace", new { value = "verbose" });
        await lsp.OpenAsync(Uri, "module a\n");

        Assert.NotNull(await lsp.HoverAsync(Uri, 0, 0));
    }
}
