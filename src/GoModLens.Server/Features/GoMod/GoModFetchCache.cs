using System.Collections.Concurrent;
using GoModLens.Analysis.GoSum;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// What was fetched to verify go.sum, per module version: the last <c>.mod</c> fetch ("/go.mod" lines) and the hash
/// of the zip a machine without the module would get, where GoModLens computes one (module lines). Hovers read it,
/// never the network.
/// </summary>
internal sealed class GoModFetchCache
{
    private readonly ConcurrentDictionary<ModuleVersionKey, FetchedGoMod> _fetched = new();
    private readonly ConcurrentDictionary<ModuleVersionKey, (ModuleZipHash Zip, DateTimeOffset At)> _zips = new();

    public void Store(FetchedGoMod fetched) => _fetched[fetched.Module] = fetched;

    public FetchedGoMod? Get(ModuleVersionKey module) => _fetched.GetValueOrDefault(module);

    public void StoreZip(ModuleZipHash zip, DateTimeOffset at) => _zips[zip.Module] = (zip, at);

    /// <summary>The zip hash computed for <paramref name="module"/> and when; null when none was.</summary>
    public (ModuleZipHash Zip, DateTimeOffset At)? GetZip(ModuleVersionKey module) => _zips.TryGetValue(module, out var z) ? z : null;

    public void Clear()
    {
        _fetched.Clear();
        _zips.Clear();
    }
}
