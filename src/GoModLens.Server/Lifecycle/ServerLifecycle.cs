namespace GoModLens.Server.Lifecycle;

internal enum LifecycleState
{
    /// <summary>Waiting for initialize: requests get ServerNotInitialized, notifications are dropped.</summary>
    Created,
    Running,

    /// <summary>After shutdown: requests get InvalidRequest; only exit matters.</summary>
    ShuttingDown,
    Exited,
}

/// <summary>The LSP lifecycle state machine; transitions are atomic because messages are checked on arrival.</summary>
internal sealed class ServerLifecycle
{
    private int _state = (int)LifecycleState.Created;

    public LifecycleState State => (LifecycleState)Volatile.Read(ref _state);

    public bool ShutdownRequested => State >= LifecycleState.ShuttingDown;

    public bool TryBeginInitialize() => Transition(LifecycleState.Created, LifecycleState.Running);

    public bool TryBeginShutdown() => Transition(LifecycleState.Running, LifecycleState.ShuttingDown);

    /// <summary>Marks the exit; returns the process exit code the LSP specification asks for.</summary>
    public int Exit()
    {
        var previous = (LifecycleState)Interlocked.Exchange(ref _state, (int)LifecycleState.Exited);
        return previous is LifecycleState.ShuttingDown or LifecycleState.Exited ? 0 : 1;
    }

    private bool Transition(LifecycleState from, LifecycleState to) =>
        Interlocked.CompareExchange(ref _state, (int)to, (int)from) == (int)from;
}
