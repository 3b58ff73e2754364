using GoModLens.Server.Lifecycle;

namespace GoModLens.Server.Handlers;

/// <summary>Exit code 0 after shutdown, 1 without (LSP 3.17 "exit").</summary>
internal sealed class ExitHandler(ServerState state, Action<int> stop)
{
    public const string Method = "exit";

    public void Handle() => stop(state.Lifecycle.Exit());
}
