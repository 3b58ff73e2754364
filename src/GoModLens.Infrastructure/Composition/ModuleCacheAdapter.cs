using GoModLens.Analysis.Ports;
using GoModLens.Infrastructure.Caching;

namespace GoModLens.Infrastructure.Composition;

/// <summary><see cref="IModuleCache"/> over the go module cache reader.</summary>
internal sealed class ModuleCacheAdapter(ModuleCacheReader reader) : IModuleCache
{
    public ValueTask<FetchResult?> TryReadAsync(string escapedPath, string escapedVersion, ProxyEndpoint endpoint, CancellationToken cancellationToken) =>
        reader.TryReadAsync(escapedPath, escapedVersion, endpoint, cancellationToken);

    public ValueTask<byte[]?> ReadChecksumDatabaseFileAsync(string file, bool config, CancellationToken cancellationToken) =>
        reader.ReadChecksumDatabaseFileAsync(file, config, cancellationToken);
}
