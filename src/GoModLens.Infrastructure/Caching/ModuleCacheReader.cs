using GoModLens.Analysis.Ports;

namespace GoModLens.Infrastructure.Caching;

/// <summary>
/// Reads $GOMODCACHE/cache/download/&lt;escaped path&gt;/@v/&lt;escaped version&gt;.info and .mod before any network
/// request, like go's cachingRepo. Lists and @latest are never read from here (go always asks the network for them).
/// </summary>
public sealed class ModuleCacheReader(string goModCache)
{
    public string DownloadDirectory { get; } = Path.Combine(goModCache, "cache", "download");

    /// <summary>GOPATH/pkg/sumdb (go's cfg.SumdbDir), where go keeps each checksum database's latest tree; null when unknown.</summary>
    public string? SumDbDirectory { get; init; }

    /// <summary>A file of go's checksum-database client: see <see cref="IModuleCache.ReadChecksumDatabaseFileAsync"/>.</summary>
    public async ValueTask<byte[]?> ReadChecksumDatabaseFileAsync(string file, bool config, CancellationToken cancellationToken)
    {
        var root = config ? SumDbDirectory : Path.Combine(DownloadDirectory, "sumdb");
        if (root is null || file.Split('/').Any(part => part is "" or "." or ".."))
        {
            return null;
        }

        try
        {
            var path = Path.Combine(root, file.Replace('/', Path.DirectorySeparatorChar));
            var data = File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
            return data is { Length: > 0 } ? data : null; // go treats an empty file as missing (one being written)
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <param name="escapedPath">Case-escaped module path (<c>!</c> form), as on disk.</param>
    /// <param name="escapedVersion">Case-escaped version.</param>
    /// <returns>The cached file as a successful result with <see cref="FetchResult.CachedAt"/> set, or null on a miss.</returns>
    public async ValueTask<FetchResult?> TryReadAsync(string escapedPath, string escapedVersion, ProxyEndpoint endpoint, CancellationToken cancellationToken)
    {
        var extension = endpoint switch
        {
            ProxyEndpoint.Info => ".info",
            ProxyEndpoint.Mod => ".mod",
            _ => null,
        };
        if (extension is null || escapedPath.Contains("..", StringComparison.Ordinal) || escapedVersion.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        var file = Path.Combine(DownloadDirectory, escapedPath.Replace('/', Path.DirectorySeparatorChar), "@v", escapedVersion + extension);

        // Most lookups miss (a module not downloaded yet): one stat instead of a thrown FileNotFoundException, which
        // cost ~17 MB of allocations and its CPU when a 50-file workspace opened (docs/benchmarks.md).
        if (!File.Exists(file))
        {
            return null;
        }

        try
        {
            var body = await File.ReadAllBytesAsync(file, cancellationToken);
            var url = new Uri(file).AbsoluteUri;
            return new FetchResult(FailureKind.None, url, body, null, null, null, null, TimeSpan.Zero,
                CachedAt: File.GetLastWriteTimeUtc(file), Note: "from the go module cache");
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
