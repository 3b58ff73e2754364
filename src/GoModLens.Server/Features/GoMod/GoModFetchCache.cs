using System.Collections.Concurrent;
using GoModLens.Analysis.GoSum;

namespace GoModLens.Server.Features.GoMod;

/// <summary>The last <c>.mod</c> fetch per module version (go.sum verification; hovers read it, never the network).</summary>
internal sealed class GoModFetchCache
{
    private readonly ConcurrentDictionary<ModuleVersionKey, FetchedGoMod> _fetched = new();

    public void Store(FetchedGoMod fetched) => _fetched[fetched.Module] = fetched;

    public FetchedGoMod? Get(ModuleVersionKey module) => _fetched.GetValueOrDefault(module);

    public void Clear() => _fetched.Clear();
}
