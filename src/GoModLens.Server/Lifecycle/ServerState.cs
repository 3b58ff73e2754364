using GoModLens.Server.Configuration;

namespace GoModLens.Server.Lifecycle;

/// <summary>Session-wide state that is not part of the workspace snapshot: lifecycle and negotiated capabilities.</summary>
internal sealed class ServerState
{
    private ClientSession _session = ClientSession.Uninitialized;

    public ServerLifecycle Lifecycle { get; } = new();

    /// <summary>Set once by initialize, on the queue, before anything that reads it can run.</summary>
    public ClientSession Session
    {
        get => Volatile.Read(ref _session);
        set => Volatile.Write(ref _session, value);
    }

    /// <summary>Defaults plus initializationOptions: the layer under workspace/configuration results.</summary>
    public ServerSettings BaseSettings { get; set; } = ServerSettings.Default;
}
