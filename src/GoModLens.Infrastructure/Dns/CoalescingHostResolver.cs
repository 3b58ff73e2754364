using System.Collections.Concurrent;
using GoModLens.Analysis.Ports;

namespace GoModLens.Infrastructure.Dns;

/// <summary>
/// One lookup in flight per host name, shared by every caller that asks while it runs, as go's net.Resolver shares
/// them (a singleflight group in lookupIPAddr). A burst of requests to a host with no connection yet, or to a host that
/// does not resolve, then makes one DNS query instead of one per request: resolvers that drop bursts (a home router, a
/// corporate forwarder) otherwise make some of those queries wait out the resolver's 5 s retry. Nothing is kept once
/// the lookup ends, except a failure, which answers for <c>failureHold</c> more: the requests of one check start within
/// a few tens of milliseconds of each other, not all while the first lookup runs. A caller that gives up stops
/// waiting; the lookup goes on for the others, as go detaches it from the first caller's context.
/// </summary>
/// <param name="failureHold">How long a failed lookup keeps answering (zero: only while in flight).</param>
public sealed class CoalescingHostResolver(IHostResolver inner, TimeSpan failureHold, TimeProvider timeProvider) : IHostResolver
{
    /// <summary>The hold the HTTP transport uses: one burst of requests, far shorter than any DNS negative-cache TTL.</summary>
    public static readonly TimeSpan DefaultFailureHold = TimeSpan.FromSeconds(1);

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
        HostResolution? resolution = null;
        try
        {
            resolution = await inner.ResolveAsync(host, CancellationToken.None).ConfigureAwait(false);
            return resolution;
        }
        finally
        {
            if (resolution is { FailureKind: not FailureKind.None } && failureHold > TimeSpan.Zero)
            {
                _ = ForgetLaterAsync(host, self);
            }
            else
            {
                Forget(host, self);
            }
        }
    }

    private async Task ForgetLaterAsync(string host, Lazy<Task<HostResolution>> lookup)
    {
        await Task.Delay(failureHold, timeProvider).ConfigureAwait(false);
        Forget(host, lookup);
    }

    // Only this lookup's entry: a caller arriving after this point starts a fresh one.
    private void Forget(string host, Lazy<Task<HostResolution>> lookup) => _inFlight.TryRemove(KeyValuePair.Create(host, lookup));
}
