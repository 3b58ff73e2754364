using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GoModLens.Analysis.Ports;
using GoModLens.Infrastructure.Dns;
using GoModLens.Infrastructure.Http;
using GoModLens.TestUtilities;

namespace GoModLens.Analysis.Tests.Transport;

/// <summary>
/// Connecting as go's dialer does (dialParallel, dialSerial), with addresses that hang: a loopback listener whose
/// accept queue is full drops every new SYN, as a black-holed route does, without leaving the machine.
/// </summary>
public sealed class TransportDialTests(FakeProxyFixture fixture) : IClassFixture<FakeProxyFixture>
{
    private const string Info = "ok/example.com/foo/@v/v1.0.0.info";

    [Fact]
    public async Task A_black_holed_ipv6_address_falls_back_to_ipv4_after_300_ms()
    {
        var port = fixture.Proxy.HttpBase.Port;
        using var hanging = HangingListener.Start(IPAddress.IPv6Loopback, port);
        using var t = Transport(TimeSpan.FromSeconds(10), IPAddress.IPv6Loopback, IPAddress.Loopback);

        var sw = Stopwatch.StartNew();
        var r = await t.GetAsync(new ProxyRequest(new Uri($"http://proxy.test:{port}/{Info}"), ProxyEndpoint.Info), CancellationToken.None);

        Assert.Equal(FailureKind.None, r.Kind);
        Assert.InRange(r.Timings!.Connect!.Value, TimeSpan.FromMilliseconds(280), TimeSpan.FromSeconds(3));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), sw.Elapsed.ToString());
    }

    /// <summary>
    /// The oracle: go, in a private mount namespace whose /etc/hosts names [::1] then 127.0.0.1 for the proxy, with
    /// [::1] black-holed as above (the network is this one), gets the version; so does our transport with the same
    /// addresses in the same order. Needs unshare -m (root); skipped where that is refused.
    /// </summary>
    [SkippableFact]
    public async Task Go_falls_back_from_a_black_holed_ipv6_address_as_we_do()
    {
        var go = GoOracle.Require();
        var port = fixture.Proxy.HttpBase.Port;
        using var hanging = HangingListener.Start(IPAddress.IPv6Loopback, port);
        var dir = GoOracle.NewScratchDir("dual-stack");
        var hosts = Path.Combine(dir, "hosts");
        File.WriteAllText(hosts, "::1 dual.test\n127.0.0.1 dual.test\n");
        File.WriteAllText(Path.Combine(dir, "go.mod"), "module example.com/m\n\ngo 1.22\n");
        var psi = new ProcessStartInfo("unshare") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-m", "sh", "-c", "mount --bind \"$0\" /etc/hosts && exec \"$@\"", hosts, go, "list", "-m", "-json", "example.com/foo@v1.0.0" })
        {
            psi.ArgumentList.Add(arg);
        }

        foreach (var (k, v) in GoOracle.EnvironmentWith(new Dictionary<string, string?>
        {
            ["GOPROXY"] = $"http://dual.test:{port}/ok", ["GOMODCACHE"] = Path.Combine(dir, "modcache"), ["GOFLAGS"] = "-mod=mod",
        }))
        {
            psi.Environment[k] = v;
        }

        var sw = Stopwatch.StartNew();
        using (var p = Process.Start(psi)!)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = await p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            Skip.If(p.ExitCode != 0 && (stderr.StartsWith("unshare:", StringComparison.Ordinal) || stderr.StartsWith("mount:", StringComparison.Ordinal)),
                "a private mount namespace is refused here: " + stderr.Trim());
            Assert.True(p.ExitCode == 0, stderr);
            Assert.Contains("\"Version\": \"v1.0.0\"", await stdout, StringComparison.Ordinal);
        }

        var goTook = sw.Elapsed;
        using var t = Transport(TimeSpan.FromSeconds(10), IPAddress.IPv6Loopback, IPAddress.Loopback);
        var r = await t.GetAsync(new ProxyRequest(new Uri($"http://dual.test:{port}/{Info}"), ProxyEndpoint.Info), CancellationToken.None);
        Assert.Equal(FailureKind.None, r.Kind);
        Assert.InRange(goTook, TimeSpan.FromMilliseconds(280), TimeSpan.FromSeconds(8)); // go met the black hole first, then fell back
        Assert.InRange(r.Timings!.Connect!.Value, TimeSpan.FromMilliseconds(280), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_refused_first_family_falls_back_at_once()
    {
        var port = fixture.Proxy.HttpBase.Port; // nothing listens on [::1]:port
        using var t = Transport(TimeSpan.FromSeconds(10), IPAddress.IPv6Loopback, IPAddress.Loopback);

        var r = await t.GetAsync(new ProxyRequest(new Uri($"http://proxy.test:{port}/{Info}"), ProxyEndpoint.Info), CancellationToken.None);

        Assert.Equal(FailureKind.None, r.Kind);
        Assert.True(r.Timings!.Connect!.Value < TimeSpan.FromMilliseconds(250), r.Timings.Connect.ToString());
    }

    [Fact]
    public async Task When_both_families_fail_the_first_family_error_is_reported()
    {
        var port = TransportFailureClassTests.ClosedPort();
        using var t = Transport(TimeSpan.FromSeconds(10), IPAddress.IPv6Loopback, IPAddress.Loopback);
        var url = new Uri($"http://proxy.test:{port}/{Info}");

        var r = await t.GetAsync(new ProxyRequest(url, ProxyEndpoint.Info), CancellationToken.None);

        Assert.Equal(FailureKind.ConnectionRefused, r.Kind);
        Assert.Equal($"Get \"{url}\": dial tcp [::1]:{port}: connect: connection refused", r.GoError);
    }

    [Fact]
    public async Task Each_address_of_a_family_gets_its_share_of_the_connect_budget()
    {
        // 127.0.0.2 hangs, 127.0.0.1 answers: go gives the first half of the budget (at least 2 s), then tries the next.
        var port = fixture.Proxy.HttpBase.Port;
        var hangingAddress = IPAddress.Parse("127.0.0.2");
        using var hanging = HangingListener.Start(hangingAddress, port);
        using var t = Transport(TimeSpan.FromSeconds(4), hangingAddress, IPAddress.Loopback);

        var r = await t.GetAsync(new ProxyRequest(new Uri($"http://proxy.test:{port}/{Info}"), ProxyEndpoint.Info), CancellationToken.None);

        Assert.True(r.Kind == FailureKind.None, r.GoError + " " + r.Note + " " + r.Elapsed);
        Assert.InRange(r.Timings!.Connect!.Value, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(3.5));
    }

    [Fact]
    public async Task A_single_hanging_address_is_a_connect_timeout_at_the_budget()
    {
        var port = fixture.Proxy.HttpBase.Port;
        var hangingAddress = IPAddress.Parse("127.0.0.3");
        using var hanging = HangingListener.Start(hangingAddress, port);
        using var t = Transport(TimeSpan.FromSeconds(1), hangingAddress);
        var url = new Uri($"http://proxy.test:{port}/{Info}");

        var sw = Stopwatch.StartNew();
        var r = await t.GetAsync(new ProxyRequest(url, ProxyEndpoint.Info), CancellationToken.None);

        Assert.Equal(FailureKind.ConnectTimeout, r.Kind);
        Assert.Equal($"Get \"{url}\": dial tcp 127.0.0.3:{port}: i/o timeout", r.GoError);
        Assert.InRange(sw.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(3));
    }

    private static HttpProxyTransport Transport(TimeSpan connectTimeout, params IPAddress[] addresses) =>
        new(new HttpTransportOptions
        {
            HostResolver = new FixedResolver(addresses), ConnectTimeout = connectTimeout, MaxRetries = 0, ReuseConnections = false,
            BreakerMinimumThroughput = 1000,
        });

    /// <summary>Every name resolves to the same addresses, in this order.</summary>
    private sealed class FixedResolver(IReadOnlyList<IPAddress> addresses) : IHostResolver
    {
        public ValueTask<HostResolution> ResolveAsync(string host, CancellationToken cancellationToken) => ValueTask.FromResult(HostResolution.Ok(addresses));
    }

    /// <summary>A listener that never accepts, its queue filled: the kernel drops further SYNs, so connects hang.</summary>
    private sealed class HangingListener : IDisposable
    {
        private readonly Socket _listener;
        private readonly List<Socket> _fillers = [];

        private HangingListener(IPAddress address, int port)
        {
            _listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            if (address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                _listener.DualMode = false; // [::1] only: 127.0.0.1 on the same port is the fake proxy's
            }

            _listener.Bind(new IPEndPoint(address, port));
            _listener.Listen(0);
            // Fill the accept queue (backlog 0 holds one): a connect that would complete now hangs instead.
            for (var i = 0; i < 4; i++)
            {
                var filler = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                _fillers.Add(filler);
                _ = filler.ConnectAsync(new IPEndPoint(address, port));
            }

            Thread.Sleep(200);
        }

        public static HangingListener Start(IPAddress address, int port) => new(address, port);

        public void Dispose()
        {
            foreach (var filler in _fillers)
            {
                filler.Dispose();
            }

            _listener.Dispose();
        }
    }
}
