using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using GoModLens.Protocol;
using GoModLens.Server.Features;
using GoModLens.Server.Lifecycle;
using GoModLens.Server.Transport;
using Microsoft.Extensions.Time.Testing;
using Nerdbank.Streams;
using StreamJsonRpc;

namespace GoModLens.Server.Tests.Infrastructure;

/// <summary>The real server and a StreamJsonRpc client, connected in-process by a full-duplex stream pair.</summary>
internal sealed class LspTestHarness : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly Stream _clientStream;

    private LspTestHarness(IDocumentAnalyzer analyzer, FakeTimeProvider? time, TimeSpan debounce)
    {
        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        _clientStream = clientStream;
        Server = new LanguageServer(serverStream, serverStream, analyzer, new LanguageServerOptions
        {
            TimeProvider = time ?? (TimeProvider)TimeProvider.System,
            DiagnosticsDebounce = debounce,
            ErrorLog = ServerLog,
        });
        ServerRun = Server.RunAsync();
        Client = new JsonRpc(new HeaderDelimitedMessageHandler(clientStream, clientStream, CreateClientFormatter()));
        Client.AddLocalRpcTarget(new ClientEndpoints(this), new JsonRpcTargetOptions { AllowNonPublicInvocation = false });
        Client.StartListening();
    }

    public LanguageServer Server { get; }

    /// <summary>
    /// The test client's JSON: the server's conventions, but tests may send anonymous objects, so reflection backs
    /// up the compile-time metadata here (and only here: the server itself has no reflection fallback).
    /// </summary>
    internal static JsonSerializerOptions ClientOptions { get; } =
        LspJson.Create(JsonTypeInfoResolver.Combine(ServerJson.Resolver, new DefaultJsonTypeInfoResolver()));

    private static SystemTextJsonFormatter CreateClientFormatter()
    {
        var formatter = new SystemTextJsonFormatter();
        LspJson.Configure(formatter.JsonSerializerOptions, ClientOptions.TypeInfoResolver!);
        return formatter;
    }

    public Task<int> ServerRun { get; }

    public JsonRpc Client { get; }

    // The server logs from its own threads while a test reads the text, so writes and reads share one lock
    // (TextWriter.Synchronized would guard the writes only, and StringBuilder.ToString can then throw).
    private readonly LockedStringWriter _serverLog = new();

    public TextWriter ServerLog => _serverLog;

    public string ServerLogText => _serverLog.ToString();

    public Channel<PublishDiagnosticsParams> Diagnostics { get; } = Channel.CreateUnbounded<PublishDiagnosticsParams>();

    public ConcurrentQueue<LogMessageParams> Logs { get; } = new();

    public ConcurrentQueue<string> ServerRequests { get; } = new();

    /// <summary>Every window/showMessageRequest the server asked, in order.</summary>
    public ConcurrentQueue<ShowMessageRequestParams> Questions { get; } = new();

    /// <summary>The action the user "clicks" when the server asks (null: the message is dismissed).</summary>
    public string? Answer { get; set; }

    public ConcurrentQueue<JsonElement> Progress { get; } = new();

    /// <summary>Every client/registerCapability request's params as sent.</summary>
    public ConcurrentQueue<JsonElement> Registrations { get; } = new();

    /// <summary>Every <c>gomodlens/status</c> notification, in arrival order.</summary>
    public ConcurrentQueue<JsonElement> Status { get; } = new();

    /// <summary>Every workspace/applyEdit request's params as sent (the client applies each one).</summary>
    public ConcurrentQueue<JsonElement> AppliedEdits { get; } = new();

    /// <summary>What the client answers to workspace/configuration (one element per item).</summary>
    public JsonElement? Configuration { get; set; }

    public static async Task<LspTestHarness> StartAsync(
        IDocumentAnalyzer? analyzer = null,
        ClientCapabilities? capabilities = null,
        object? initializationOptions = null,
        FakeTimeProvider? time = null,
        TimeSpan? debounce = null,
        bool initialize = true)
    {
        var harness = new LspTestHarness(analyzer ?? new TestAnalyzer(), time, debounce ?? TimeSpan.FromMilliseconds(150));
        if (initialize)
        {
            await harness.InitializeAsync(capabilities, initializationOptions);
        }

        return harness;
    }

    public InitializeResult? InitializeResult { get; private set; }

    public async Task<InitializeResult> InitializeAsync(ClientCapabilities? capabilities = null, object? initializationOptions = null)
    {
        var result = await RequestAsync<InitializeResult>("initialize", new
        {
            processId = (int?)null,
            rootUri = "file:///work/project",
            capabilities = capabilities ?? new ClientCapabilities(),
            initializationOptions,
            workspaceFolders = new[] { new WorkspaceFolder("file:///work/project", "project") },
        });
        await NotifyAsync("initialized", new { });
        InitializeResult = result;
        return result!;
    }

    public Task<T> RequestAsync<T>(string method, object? parameters, CancellationToken cancellationToken = default) =>
        Client.InvokeWithParameterObjectAsync<T>(method, parameters, cancellationToken).WaitAsync(Timeout, cancellationToken);

    public Task NotifyAsync(string method, object? parameters) => Client.NotifyWithParameterObjectAsync(method, parameters);

    public Task OpenAsync(string uri, string text, int version = 1, string languageId = "go.mod") =>
        NotifyAsync("textDocument/didOpen", new DidOpenTextDocumentParams(new TextDocumentItem(uri, languageId, version, text)));

    public Task ChangeAsync(string uri, int version, params TextDocumentContentChangeEvent[] changes) =>
        NotifyAsync("textDocument/didChange", new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version), changes));

    public Task<Hover?> HoverAsync(string uri, int line, int character, CancellationToken cancellationToken = default) =>
        RequestAsync<Hover?>("textDocument/hover", new HoverParams(new TextDocumentIdentifier(uri), new Position(line, character)), cancellationToken);

    /// <summary>Returns once the server's queue has processed everything sent before (a read goes through it).</summary>
    public async Task SyncAsync() =>
        await RequestAsync<JsonElement?>("textDocument/documentLink", new DocumentLinkParams(new TextDocumentIdentifier("file:///sync/none")));

    public async Task<PublishDiagnosticsParams> NextDiagnosticsAsync(string? uri = null)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            var next = await Diagnostics.Reader.ReadAsync(timeout.Token);
            if (uri is null || next.Uri == uri)
            {
                return next;
            }
        }
    }

    public async Task<int> ShutdownAndExitAsync()
    {
        await RequestAsync<JsonElement?>("shutdown", null);
        await NotifyAsync("exit", null);
        return await ServerRun.WaitAsync(Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _clientStream.DisposeAsync();
        await Server.DisposeAsync();
        await ServerRun.WaitAsync(Timeout);

        // Every test doubles as a check that the server logged no errors behind the client's back.
        var errors = ServerLogText.Split('\n').Where(l => l.Contains(" Error] ", StringComparison.Ordinal) || l.StartsWith("[log]", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, "server logged errors:\n" + string.Join("\n", errors));
    }

    /// <summary>What a client does on its side of the connection: record, answer server requests.</summary>
    private sealed class ClientEndpoints(LspTestHarness harness)
    {
        [JsonRpcMethod("textDocument/publishDiagnostics", UseSingleObjectParameterDeserialization = true)]
        public void PublishDiagnostics(PublishDiagnosticsParams parameters) => harness.Diagnostics.Writer.TryWrite(parameters);

        [JsonRpcMethod("gomodlens/status", UseSingleObjectParameterDeserialization = true)]
        public void Status(JsonElement parameters) => harness.Status.Enqueue(parameters.Clone());

        [JsonRpcMethod("window/logMessage", UseSingleObjectParameterDeserialization = true)]
        public void LogMessage(LogMessageParams parameters) => harness.Logs.Enqueue(parameters);

        [JsonRpcMethod("window/showMessage", UseSingleObjectParameterDeserialization = true)]
        public void ShowMessage(ShowMessageParams parameters) => harness.Logs.Enqueue(new LogMessageParams(parameters.Type, parameters.Message));

        [JsonRpcMethod("window/showMessageRequest", UseSingleObjectParameterDeserialization = true)]
        public MessageActionItem? ShowMessageRequest(ShowMessageRequestParams parameters)
        {
            harness.Questions.Enqueue(parameters);
            return parameters.Actions.FirstOrDefault(a => a.Title == harness.Answer);
        }

        [JsonRpcMethod("workspace/configuration", UseSingleObjectParameterDeserialization = true)]
        public JsonElement[] Configuration(ConfigurationParams parameters)
        {
            harness.ServerRequests.Enqueue("workspace/configuration");
            return [.. parameters.Items.Select(_ => harness.Configuration ?? JsonDocument.Parse("null").RootElement)];
        }

        [JsonRpcMethod("workspace/applyEdit", UseSingleObjectParameterDeserialization = true)]
        public ApplyWorkspaceEditResult ApplyEdit(JsonElement parameters)
        {
            harness.AppliedEdits.Enqueue(parameters.Clone());
            return new ApplyWorkspaceEditResult(true);
        }

        [JsonRpcMethod("client/registerCapability", UseSingleObjectParameterDeserialization = true)]
        public object? RegisterCapability(RegistrationParams parameters)
        {
            harness.ServerRequests.Enqueue("client/registerCapability:" + string.Join(",", parameters.Registrations.Select(r => r.Method)));
            harness.Registrations.Enqueue(JsonSerializer.SerializeToElement(parameters, ClientOptions));
            return null;
        }

        [JsonRpcMethod("window/workDoneProgress/create", UseSingleObjectParameterDeserialization = true)]
        public object? CreateProgress(JsonElement parameters)
        {
            harness.ServerRequests.Enqueue("window/workDoneProgress/create");
            return null;
        }

        [JsonRpcMethod("$/progress", UseSingleObjectParameterDeserialization = true)]
        public void Progress(JsonElement parameters) => harness.Progress.Enqueue(parameters.Clone());

        [JsonRpcMethod("workspace/inlayHint/refresh")]
        public object? RefreshInlayHints()
        {
            harness.ServerRequests.Enqueue("workspace/inlayHint/refresh");
            return null;
        }

        [JsonRpcMethod("workspace/codeLens/refresh")]
        public object? RefreshCodeLenses()
        {
            harness.ServerRequests.Enqueue("workspace/codeLens/refresh");
            return null;
        }

        [JsonRpcMethod("workspace/diagnostic/refresh")]
        public object? RefreshDiagnostics()
        {
            harness.ServerRequests.Enqueue("workspace/diagnostic/refresh");
            return null;
        }
    }
}

/// <summary>A StringWriter whose every write and whose ToString take the same lock.</summary>
internal sealed class LockedStringWriter : StringWriter
{
    private readonly Lock _gate = new();

    public override void Write(char value) { lock (_gate) base.Write(value); }

    public override void Write(char[] buffer, int index, int count) { lock (_gate) base.Write(buffer, index, count); }

    public override void Write(ReadOnlySpan<char> buffer) { lock (_gate) base.Write(buffer); }

    public override void Write(string? value) { lock (_gate) base.Write(value); }

    public override void WriteLine(ReadOnlySpan<char> buffer) { lock (_gate) base.WriteLine(buffer); }

    public override void WriteLine(string? value) { lock (_gate) base.WriteLine(value); }

    public override string ToString() { lock (_gate) return base.ToString(); }
}
