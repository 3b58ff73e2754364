using System.Collections.Concurrent;

namespace GoModLens.Infrastructure.Dns;

/// <summary>
/// One lookup in flight per host name, shared by every caller that asks while it runs, as go's net.Resolver shares
/// them (a singleflight group in lookupIPAddr). A burst of requests to a host with no connection yet, or to a host that
/// does not resolve, then makes one DNS query instead of one per request: resolvers that drop bursts (a home router, a
/// corporate forwarder) otherwise make some of those queries wait out the resolver's 5 s retry. Nothing is kept once
/// the lookup ends. A caller that gives up stops waiting; the lookup goes on for the others, as go detaches it from
/// the first caller's context.
/// </summary>
public sealed class CoalescingHostResolver(IHostResolver inner) : IHostResolver
{
    private readonly ConcurrentDictionary<string, Lazy<Task<HostResolution>>> _inFlight = new(StringComparer.OrdinalIgnoreCase);

    public async ValueTask<HostResolution> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var lookup = _inFlight.GetOrAdd(host, NewLookup);
        return await lookup.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private Lazy<Task<HostResolution>> NewLookup(string host)
    {
        Lazy<Task<HostResolution>>? self = null;
        self = new Lazy<Task<HostResolution>>(() => RunAsync(host, self!));
        return self;
    }

    private async Task<HostResolution> RunAsync(string host, Lazy<Task<HostResolution>> self)
    {
        try
        {
            return await inner.ResolveAsync(host, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            // Only this lookup's entry: a caller arriving after this point starts a fresh one.
            _inFlight.TryRemove(KeyValuePair.Create(host, self));
        }
    }
}
