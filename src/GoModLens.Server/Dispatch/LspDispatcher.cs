using System.Collections.Frozen;
using System.Text.Json;
using GoModLens.Protocol;
using GoModLens.Server.Lifecycle;
using GoModLens.Server.Logging;
using GoModLens.Server.Transport;
using StreamJsonRpc;

namespace GoModLens.Server.Dispatch;

/// <summary>
/// Turns JSON-RPC invocations into handler calls: lifecycle gate, params parsing, routing through the
/// <see cref="RequestQueue"/>, and mapping failures to LSP error codes. Notifications never produce errors
/// on the wire; their failures are logged.
/// </summary>
internal sealed class LspDispatcher(ServerState state, RequestQueue queue, ServerLog log)
{
    private readonly Dictionary<string, Route> _routes = new(StringComparer.Ordinal);
    private FrozenDictionary<string, Route>? _frozen;

    private static readonly JsonElement s_emptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>All routes; reading them freezes the table (the server reads it once, when it starts).</summary>
    public IReadOnlyCollection<Route> Routes => (_frozen ??= _routes.ToFrozenDictionary(StringComparer.Ordinal)).Values;

    public void AddRead<TParams, TResult>(string method, IReadHandler<TParams, TResult> handler) =>
        Add(new Route(method, IsNotification: false, (json, cancellationToken) =>
        {
            var request = Parse<TParams>(method, json);
            return Box(queue.EnqueueRead(
                method,
                handler.GetDocumentUri(request),
                (snapshot, token) => handler.HandleAsync(request, new RequestContext(snapshot, state.Session, log), token),
                cancellationToken));
        }));

    public void AddMutation<TParams, TResult>(string method, IMutationHandler<TParams, TResult> handler, bool isNotification) =>
        Add(new Route(method, isNotification, (json, _) =>
        {
            var request = Parse<TParams>(method, json);
            return Box(queue.EnqueueMutation(method, current => handler.Apply(request, current)));
        }));

    public void AddNotification<TParams>(string method, INotificationHandler<TParams> handler) =>
        Add(new Route(method, IsNotification: true, (json, cancellationToken) =>
        {
            var request = Parse<TParams>(method, json);
            return Box(handler.HandleAsync(request, cancellationToken));
        }));

    public void AddRequest(string method, Func<CancellationToken, Task<object?>> handler) =>
        Add(new Route(method, IsNotification: false, (_, cancellationToken) => handler(cancellationToken)));

    public void AddExit(string method, Action handler) =>
        Add(new Route(method, IsNotification: true, (_, _) =>
        {
            handler();
            return Task.FromResult<object?>(null);
        }));

    public Task<object?> InvokeAsync(Route route, JsonElement? json, CancellationToken cancellationToken)
    {
        try
        {
            if (!PassesLifecycleGate(route))
            {
                return Task.FromResult<object?>(null);
            }

            var task = route.Invoke(json, cancellationToken);
            return route.IsNotification ? ObserveNotificationAsync(route.Method, task) : MapErrorsAsync(route.Method, task);
        }
        catch (LspErrorException ex)
        {
            if (route.IsNotification)
            {
                log.Warn(ex.Message);
                return Task.FromResult<object?>(null);
            }

            return Task.FromException<object?>(ToRpcException(ex));
        }
    }

    private bool PassesLifecycleGate(Route route)
    {
        if (route.Method == "exit")
        {
            return true;
        }

        var lifecycle = state.Lifecycle;
        switch (lifecycle.State)
        {
            case LifecycleState.Created:
                if (route.Method == "initialize" && lifecycle.TryBeginInitialize())
                {
                    return true;
                }

                return Refuse(route, ErrorCodes.ServerNotInitialized, "the server has not been initialized");
            case LifecycleState.Running:
                if (route.Method == "initialize")
                {
                    throw new LspErrorException(ErrorCodes.InvalidRequest, "initialize may only be sent once");
                }

                if (route.Method == "shutdown")
                {
                    lifecycle.TryBeginShutdown();
                }

                return true;
            default:
                return Refuse(route, ErrorCodes.InvalidRequest, "the server is shutting down");
        }
    }

    private bool Refuse(Route route, int code, string message)
    {
        if (route.IsNotification)
        {
            log.Debug($"dropped {route.Method}: {message}");
            return false;
        }

        throw new LspErrorException(code, message);
    }

    private void Add(Route route)
    {
        if (_frozen is not null)
        {
            throw new InvalidOperationException("routes are fixed once the server starts");
        }

        _routes.Add(route.Method, route);
    }

    private static TParams Parse<TParams>(string method, JsonElement? json)
    {
        try
        {
            // Absent params are "{}" for parameter records whose members are all optional (e.g. initialized).
            var element = json is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } given
                ? given
                : s_emptyObject;
            return ServerJson.Deserialize<TParams>(element, ServerJson.Options)
                ?? throw new LspErrorException(ErrorCodes.InvalidParams, $"{method}: params are required");
        }
        catch (JsonException ex)
        {
            throw new LspErrorException(ErrorCodes.InvalidParams, $"{method}: invalid params: {ex.Message}");
        }
    }

    private static async Task<object?> Box<T>(Task<T> task) => await task.ConfigureAwait(false);

    private static async Task<object?> Box(Task task)
    {
        await task.ConfigureAwait(false);
        return null;
    }

    private async Task<object?> ObserveNotificationAsync(string method, Task<object?> task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The connection closed while the notification was being handled.
        }
        catch (LspErrorException ex) when (ex.Code == ErrorCodes.ServerCancelled)
        {
            log.Debug($"{method} not completed: {ex.Message}");
        }
        catch (Exception ex)
        {
            log.Error($"{method} failed", ex);
        }

        return null;
    }

    private async Task<object?> MapErrorsAsync(string method, Task<object?> task)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch (LspErrorException ex)
        {
            if (ex.Code != ErrorCodes.ContentModified)
            {
                log.Debug($"{method}: {ex.Message}");
            }

            throw ToRpcException(ex);
        }
        catch (OperationCanceledException)
        {
            throw; // StreamJsonRpc answers RequestCancelled (-32800) when the client cancelled.
        }
        catch (Exception ex) when (ex is not LocalRpcException)
        {
            log.Error($"{method} failed", ex);
            throw new LocalRpcException($"{method} failed: {ex.Message}") { ErrorCode = ErrorCodes.InternalError };
        }
    }

    private static LocalRpcException ToRpcException(LspErrorException ex) => new(ex.Message) { ErrorCode = ex.Code };
}
