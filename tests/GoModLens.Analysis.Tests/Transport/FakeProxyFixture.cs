using GoModLens.TestUtilities.FakeProxy;

namespace GoModLens.Analysis.Tests.Transport;

/// <summary>One fake module proxy shared by the tests of a class.</summary>
public sealed class FakeProxyFixture : IAsyncLifetime
{
    public FakeModuleProxy Proxy { get; private set; } = null!;

    public async Task InitializeAsync() => Proxy = await FakeModuleProxy.StartAsync();

    public async Task DisposeAsync() => await Proxy.DisposeAsync();
}
