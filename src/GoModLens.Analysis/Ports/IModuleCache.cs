namespace GoModLens.Analysis.Ports;

/// <summary>
/// Read-only view of $GOMODCACHE/cache/download (goproxy-spec §2.8): go answers <c>.info</c>/<c>.mod</c> from it before
/// asking any proxy, so a cached requirement resolves offline. Lists and <c>@latest</c> are never served from here.
/// </summary>
public interface IModuleCache
{
    /// <param name="escapedPath">Case-escaped module path (<c>!</c> form), as on disk.</param>
    /// <param name="escapedVersion">Case-escaped canonical version.</param>
    /// <param name="endpoint"><see cref="ProxyEndpoint.Info"/> or <see cref="ProxyEndpoint.Mod"/>; anything else is a miss.</param>
    /// <returns>A successful result with <see cref="FetchResult.CachedAt"/> set, or null on a miss.</returns>
    ValueTask<FetchResult?> TryReadAsync(string escapedPath, string escapedVersion, ProxyEndpoint endpoint, CancellationToken cancellationToken);

    /// <summary>
    /// go's checksum-database files (cmd/go modfetch/sumdb.go), read before the network as go does: a verified lookup
    /// or tile (<c>&lt;name&gt;/lookup/…</c>, <c>&lt;name&gt;/tile/…</c> under $GOMODCACHE/cache/download/sumdb), or with
    /// <paramref name="config"/> the latest signed tree go has seen (<c>&lt;name&gt;/latest</c> under GOPATH/pkg/sumdb).
    /// Null when absent or empty.
    /// </summary>
    ValueTask<byte[]?> ReadChecksumDatabaseFileAsync(string file, bool config, CancellationToken cancellationToken) => ValueTask.FromResult<byte[]?>(null);
}
