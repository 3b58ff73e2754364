namespace GoModLens.Infrastructure.Dns;

/// <summary>Resolves host names for the HTTP transport and explains failures the way go's resolver prints them.</summary>
public interface IHostResolver
{
    ValueTask<HostResolution> ResolveAsync(string host, CancellationToken cancellationToken);
}
