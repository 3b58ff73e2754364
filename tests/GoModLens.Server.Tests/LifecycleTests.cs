using System.Text.Json;
using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using Nerdbank.Streams;
using StreamJsonRpc;

namespace GoModLens.Server.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Initialize_advertises_incremental_sync_and_features()
    {
        await using var lsp = await LspTestHarness.StartAsync();
        var capabilities = lsp.InitializeResult!.Capabilities;

        Assert.Equal(TextDocumentSyncKind.Incremental, capabilities.TextDocumentSync!.Change);
        Assert.True(capabilities.TextDocumentSync.OpenClose);
        Assert.Equal("utf-16", capabilities.PositionEncoding);
        Assert.True(capabilities.HoverProvider);
        Assert.True(capabilities.InlayHintProvider);
        Assert.True(capabilities.DocumentFormattingProvider);
        Assert.True(capabilities.FoldingRangeProvider);
        Assert.True(capabilities.DocumentSymbolProvider);
        Assert.NotNull(capabilities.CompletionProvider);
        Assert.NotNull(capabilities.DocumentLinkProvider);
        Assert.Contains("quickfix", capabilities.CodeActionProvider!.CodeActionKinds!);
        Assert.Equal(["test.echo", "test.edit"], capabilities.ExecuteCommandProvider!.Commands);
        Assert.Null(capabilities.DiagnosticProvider); // push mode: the client did not offer pull
        Assert.Equal("gomodlens", lsp.InitializeResult.ServerInfo!.Name);
    }

    [Fact]
    public async Task Initialize_result_is_camelCase_without_nulls_on_the_wire()
    {
        await using var lsp = await LspTestHarness.StartAsync(initialize: false);
        var raw = await lsp.RequestAsync<JsonElement>("initialize", new { capabilities = new { } });
        var capabilities = raw.GetProperty("capabilities");

        Assert.Equal(2, capabilities.GetProperty("textDocumentSync").GetProperty("change").GetInt32());
        Assert.False(capabilities.TryGetProperty("diagnosticProvider", out _));
        Assert.False(capabilities.TryGetProperty("DiagnosticProvider", out _));
    }

    [Theory]
    [InlineData(null, "utf-16")]
    [InlineData(new[] { "utf-16" }, "utf-16")]
    [InlineData(new[] { "utf-16", "utf-8" }, "utf-8")]
    [InlineData(new[] { "utf-32", "utf-16" }, "utf-16")]
    [InlineData(new[] { "utf-32" }, "utf-32")]
    [InlineData(new[] { "ucs-2" }, "utf-16")]
    public async Task Position_encoding_is_negotiated(string[]? offered, string expected)
    {
        var capabilities = new ClientCapabilities { General = new GeneralClientCapabilities { PositionEncodings = offered } };
        await using var lsp = await LspTestHarness.StartAsync(capabilities: capabilities);

        Assert.Equal(expected, lsp.InitializeResult!.Capabilities.PositionEncoding);
    }

    [Fact]
    public async Task Request_before_initialize_is_ServerNotInitialized()
    {
        await using var lsp = await LspTestHarness.StartAsync(initialize: false);

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => lsp.HoverAsync("file:///a/go.mod", 0, 0));
        Assert.Equal(ErrorCodes.ServerNotInitialized, error.ErrorCode);
    }

    [Fact]
    public async Task Notifications_before_initialize_are_dropped()
    {
        await using var lsp = await LspTestHarness.StartAsync(initialize: false);
        await lsp.OpenAsync("file:///a/go.mod", "BAD\n");
        await lsp.InitializeAsync();

        var hover = await lsp.HoverAsync("file:///a/go.mod", 0, 0);
        Assert.Null(hover);
    }

    [Fact]
    public async Task Second_initialize_is_InvalidRequest()
    {
        await using var lsp = await LspTestHarness.StartAsync();

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => lsp.InitializeAsync());
        Assert.Equal(ErrorCodes.InvalidRequest, error.ErrorCode);
    }

    [Fact]
    public async Task Shutdown_then_exit_exits_with_zero()
    {
        await using var lsp = await LspTestHarness.StartAsync();

        Assert.Equal(0, await lsp.ShutdownAndExitAsync());
    }

    [Fact]
    public async Task Exit_without_shutdown_exits_with_one()
    {
        await using var lsp = await LspTestHarness.StartAsync();
        await lsp.NotifyAsync("exit", null);

        Assert.Equal(1, await lsp.ServerRun.WaitAsync(LspTestHarness.Timeout));
    }

    [Fact]
    public async Task Exit_before_initialize_exits_with_one()
    {
        await using var lsp = await LspTestHarness.StartAsync(initialize: false);
        await lsp.NotifyAsync("exit", null);

        Assert.Equal(1, await lsp.ServerRun.WaitAsync(LspTestHarness.Timeout));
    }

    [Fact]
    public async Task Requests_after_shutdown_are_InvalidRequest()
    {
        await using var lsp = await LspTestHarness.StartAsync();
        await lsp.RequestAsync<JsonElement?>("shutdown", null);

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => lsp.HoverAsync("file:///a/go.mod", 0, 0));
        Assert.Equal(ErrorCodes.InvalidRequest, error.ErrorCode);
        var again = await Assert.ThrowsAsync<RemoteInvocationException>(() => lsp.RequestAsync<JsonElement?>("shutdown", null));
        Assert.Equal(ErrorCodes.InvalidRequest, again.ErrorCode);
    }

    [Fact]
    public async Task Client_disconnecting_without_shutdown_ends_the_server_with_one()
    {
        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        await using var server = new Lifecycle.LanguageServer(serverStream, serverStream, new TestAnalyzer(),
            new Lifecycle.LanguageServerOptions { ErrorLog = TextWriter.Null });
        var run = server.RunAsync();
        await clientStream.DisposeAsync();

        Assert.Equal(1, await run.WaitAsync(LspTestHarness.Timeout));
    }

    [Fact]
    public async Task Initialized_registers_watchers_and_pulls_configuration_when_supported()
    {
        var capabilities = new ClientCapabilities
        {
            Workspace = new WorkspaceClientCapabilities
            {
                Configuration = true,
                DidChangeWatchedFiles = new DidChangeWatchedFilesClientCapabilities(DynamicRegistration: true),
            },
        };
        await using var lsp = await LspTestHarness.StartAsync(capabilities: capabilities);
        await WaitUntilAsync(() => lsp.ServerRequests.Contains("workspace/configuration"));

        Assert.Contains("client/registerCapability:workspace/didChangeWatchedFiles", lsp.ServerRequests);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + LspTestHarness.Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(10);
        }
    }
}
