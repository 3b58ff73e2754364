namespace GoModLens.Server.Diagnostics;

/// <summary>
/// Collects garbage right after a keystroke's diagnostics are published instead of in the middle of the next one.
/// Each keystroke re-parses the document (~1.4 MB of short-lived objects for a 2 000-require go.mod); left alone, the
/// runtime collects whenever its gen0 budget runs out, which lands inside some later keystroke's parse and was the
/// tail of the keystroke latency. A young-generation collection between keystrokes, once enough has been allocated,
/// costs the same work at a moment nobody waits for (the user is between keys).
/// </summary>
internal sealed class IdleTimeCollector(long thresholdBytes)
{
    /// <summary>Well under the runtime's own gen0 budget on the machines measured (~16 MB), so its collections rarely run first.</summary>
    public const long DefaultThresholdBytes = 6L << 20;

    private long _allocatedAtLastCollection = GC.GetTotalAllocatedBytes();
    private int _collectionsSeen = GC.CollectionCount(0);

    /// <summary>Called on the local-diagnostics thread after a publish.</summary>
    public bool CollectIfDue()
    {
        var collections = GC.CollectionCount(0);
        var allocated = GC.GetTotalAllocatedBytes();
        if (collections != _collectionsSeen)
        {
            // The runtime collected on its own since the last look: count from here.
            _collectionsSeen = collections;
            _allocatedAtLastCollection = allocated;
            return false;
        }

        if (allocated - _allocatedAtLastCollection < thresholdBytes)
        {
            return false;
        }

        GC.Collect(1, GCCollectionMode.Forced, blocking: true, compacting: false);
        _collectionsSeen = GC.CollectionCount(0);
        _allocatedAtLastCollection = GC.GetTotalAllocatedBytes();
        return true;
    }
}
