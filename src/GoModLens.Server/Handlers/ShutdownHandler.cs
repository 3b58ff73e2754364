using GoModLens.Server.Dispatch;

namespace GoModLens.Server.Handlers;

/// <summary>The lifecycle gate already refuses new requests; wait for queued work to start, then answer null.</summary>
internal sealed class ShutdownHandler(RequestQueue queue)
{
    public const string Method = "shutdown";

    public async Task<object?> HandleAsync(CancellationToken cancellationToken)
    {
        await queue.WhenDrainedAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }
}
