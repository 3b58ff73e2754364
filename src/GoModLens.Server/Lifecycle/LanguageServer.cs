using GoModLens.Server.Configuration;
using GoModLens.Server.Diagnostics;
using GoModLens.Server.Dispatch;
using GoModLens.Server.Features;
using GoModLens.Server.Logging;
using GoModLens.Server.Transport;
using GoModLens.Server.Workspace;
using StreamJsonRpc;

namespace GoModLens.Server.Lifecycle;

/// <summary>
/// The language server over one duplex byte stream (stdio in the host, an in-memory pipe in tests).
/// <see cref="RunAsync"/> completes with the process exit code: 0 after shutdown+exit, 1 for exit without
/// shutdown or a client that disappeared without shutting down.
/// </summary>
public sealed class LanguageServer : IAsyncDisposable
{
    private readonly JsonRpc _rpc;
    private readonly ServerLog _log;
    private readonly ServerState _state = new();
    private readonly RequestQueue _queue;
    private readonly DiagnosticsScheduler _diagnostics;
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    public LanguageServer(Stream input, Stream output, IDocumentAnalyzer analyzer, LanguageServerOptions? options = null)
    {
        options ??= LanguageServerOptions.Default;
        _log = new ServerLog(options.ErrorLog ?? Console.Error, options.TimeProvider);
        var handler = new LspMessageHandler(output, input, _log.Warn);
        _rpc = new JsonRpc(handler)
        {
            // Explicit, though it is StreamJsonRpc's default: entry points must start in arrival order.
            SynchronizationContext = new Microsoft.VisualStudio.Threading.NonConcurrentSynchronizationContext(sticky: false),
            CancelLocallyInvokedMethodsWhenConnectionIsClosed = true,
        };
        var client = new JsonRpcLanguageClient(_rpc);
        _queue = new RequestQueue(WorkspaceSnapshot.Empty, _log);
        _diagnostics = new DiagnosticsScheduler(
            analyzer, () => _queue.Current, () => _state.Session, client, _log, options.TimeProvider, options.DiagnosticsDebounce);
        _queue.Committed += _diagnostics.OnCommitted;
        var configuration = new ConfigurationService(_state, _queue, client, _log);

        var dispatcher = new LspDispatcher(_state, _queue, _log);
        HandlerRegistry.Register(dispatcher, _state, _queue, _log, client, analyzer, _diagnostics, configuration, Stop);
        foreach (var route in dispatcher.Routes)
        {
            _rpc.AddLocalRpcMethod(
                RpcEntryPoint.InvokeMethod,
                new RpcEntryPoint(dispatcher, route),
                new JsonRpcMethodAttribute(route.Method) { UseSingleObjectParameterDeserialization = true });
        }

        _rpc.Disconnected += (_, e) =>
        {
            _log.DetachClient();
            if (e.Reason is not DisconnectedReason.LocallyDisposed)
            {
                _log.Info($"connection closed: {e.Reason} {e.Description}");
            }

            _exit.TrySetResult(_state.Lifecycle.ShutdownRequested ? 0 : 1);
        };
        _log.AttachClient(client);
        if (analyzer is IClientAware aware)
        {
            aware.AttachClient(new AnalyzerClientChannel(client, _log));
        }
    }

    internal RequestQueue Queue => _queue;

    internal DiagnosticsScheduler Diagnostics => _diagnostics;

    internal ServerState State => _state;

    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        _rpc.StartListening();
        using var registration = cancellationToken.Register(() => _exit.TrySetResult(_state.Lifecycle.ShutdownRequested ? 0 : 1));
        var code = await _exit.Task.ConfigureAwait(false);
        await DisposeAsync().ConfigureAwait(false);
        return code;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _exit.TrySetResult(_state.Lifecycle.ShutdownRequested ? 0 : 1);
        _log.DetachClient();
        await _diagnostics.DisposeAsync().ConfigureAwait(false);
        await _queue.DisposeAsync().ConfigureAwait(false);
        _rpc.Dispose();
        await _log.DisposeAsync().ConfigureAwait(false);
    }

    private void Stop(int exitCode) => _exit.TrySetResult(exitCode);
}
