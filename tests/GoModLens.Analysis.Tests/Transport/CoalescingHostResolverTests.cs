using System.Net;
using GoModLens.Analysis.Ports;
using GoModLens.Infrastructure.Dns;
using Microsoft.Extensions.Time.Testing;

namespace GoModLens.Analysis.Tests.Transport;

/// <summary>One lookup in flight per host, as go's resolver shares them.</summary>
public sealed class CoalescingHostResolverTests
{
    [Fact]
    public async Task Callers_of_one_host_share_the_lookup_in_flight_and_nothing_is_kept_after_it()
    {
        var inner = new GatedResolver();
        var resolver = new CoalescingHostResolver(inner, TimeSpan.Zero, TimeProvider.System);

        var waiting = Enumerable.Range(0, 10).Select(_ => resolver.ResolveAsync("proxy.example", CancellationToken.None).AsTask()).ToList();
        var other = resolver.ResolveAsync("mirror.example", CancellationToken.None).AsTask();
        Assert.Equal(["proxy.example", "mirror.example"], inner.Asked);

        inner.Answer("proxy.example", HostResolution.Failed(FailureKind.DnsNotFound, "lookup proxy.example: no such host"));
        var answers = await Task.WhenAll(waiting);
        Assert.All(answers, a => Assert.Equal(FailureKind.DnsNotFound, a.FailureKind));
        Assert.False(other.IsCompleted);

        // The next caller starts a new lookup: a failure is not remembered.
        var next = resolver.ResolveAsync("PROXY.example", CancellationToken.None).AsTask();
        Assert.Equal(["proxy.example", "mirror.example", "PROXY.example"], inner.Asked);
        inner.Answer("PROXY.example", HostResolution.Ok([IPAddress.Loopback]));
        Assert.Equal(FailureKind.None, (await next).FailureKind);
    }

    [Fact]
    public async Task A_caller_that_gives_up_leaves_the_lookup_to_the_others()
    {
        var inner = new GatedResolver();
        var resolver = new CoalescingHostResolver(inner, TimeSpan.Zero, TimeProvider.System);
        using var impatient = new CancellationTokenSource();

        var first = resolver.ResolveAsync("proxy.example", impatient.Token).AsTask();
        var second = resolver.ResolveAsync("proxy.example", CancellationToken.None).AsTask();
        await impatient.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.False(inner.WasCancelled("proxy.example"));
        inner.Answer("proxy.example", HostResolution.Ok([IPAddress.Loopback]));
        Assert.Equal(IPAddress.Loopback, (await second).Addresses.Single());
        Assert.Single(inner.Asked);
    }

    [Fact]
    public async Task A_failure_answers_the_rest_of_the_burst_and_a_success_is_not_kept()
    {
        var inner = new GatedResolver();
        var time = new FakeTimeProvider();
        var resolver = new CoalescingHostResolver(inner, TimeSpan.FromSeconds(1), time);

        var first = resolver.ResolveAsync("proxy.example", CancellationToken.None).AsTask();
        inner.Answer("proxy.example", HostResolution.Failed(FailureKind.DnsServerFailure, "lookup proxy.example: server misbehaving"));
        await first;
        time.Advance(TimeSpan.FromMilliseconds(900));
        Assert.Equal(FailureKind.DnsServerFailure, (await resolver.ResolveAsync("proxy.example", CancellationToken.None)).FailureKind);
        Assert.Single(inner.Asked);

        time.Advance(TimeSpan.FromMilliseconds(100));
        var later = resolver.ResolveAsync("proxy.example", CancellationToken.None).AsTask();
        Assert.Equal(2, inner.Asked.Count);
        inner.Answer("proxy.example", HostResolution.Ok([IPAddress.Loopback]));
        Assert.Equal(FailureKind.None, (await later).FailureKind);

        var after = resolver.ResolveAsync("proxy.example", CancellationToken.None).AsTask();
        Assert.Equal(3, inner.Asked.Count);
        inner.Answer("proxy.example", HostResolution.Ok([IPAddress.Loopback]));
        await after;
    }

    /// <summary>Answers each lookup when the test says so.</summary>
    private sealed class GatedResolver : IHostResolver
    {
        private readonly Dictionary<string, (TaskCompletionSource<HostResolution> Answer, CancellationToken Token)> _pending = [];

        public List<string> Asked { get; } = [];

        public ValueTask<HostResolution> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            lock (_pending)
            {
                Asked.Add(host);
                var answer = new TaskCompletionSource<HostResolution>(TaskCreationOptions.RunContinuationsAsynchronously);
                _pending[host] = (answer, cancellationToken);
                return new ValueTask<HostResolution>(answer.Task);
            }
        }

        public void Answer(string host, HostResolution resolution)
        {
            lock (_pending)
            {
                _pending[host].Answer.SetResult(resolution);
            }
        }

        public bool WasCancelled(string host)
        {
            lock (_pending)
            {
                return _pending[host].Token.IsCancellationRequested;
            }
        }
    }
}
