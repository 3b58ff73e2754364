using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GoModLens.TestUtilities;

namespace GoModLens.Analysis.Tests.Transport;

/// <summary>
/// A real dnsmasq on 127.0.0.1 and a free UDP port, configured from tests/tools/dns/dnsmasq.conf.template.
/// Missing dnsmasq skips the tests, except under CI=true where CI installs it (dnsmasq-base) and absence is a failure.
/// </summary>
public sealed class DnsmasqFixture : IDisposable
{
    private Process? _process;
    private string? _startError;

    public DnsmasqFixture()
    {
        var binary = new[] { "/usr/sbin/dnsmasq", "/usr/bin/dnsmasq", "/sbin/dnsmasq" }.FirstOrDefault(File.Exists);
        if (binary is null)
        {
            return;
        }

        var dir = GoOracle.NewScratchDir("dnsmasq");
        var template = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "tools", "dns", "dnsmasq.conf.template"));

        // dnsmasq binds the port for UDP and TCP. A port free for UDP can be a live TCP connection's local port (the
        // other transport tests open hundreds on loopback), and dnsmasq then exits with "Address already in use":
        // take a port free for both, and try again with another one if it still lost the race.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            Port = FreeUdpAndTcpPort();
            var conf = Path.Combine(dir, "dnsmasq.conf");
            File.WriteAllText(conf, template.Replace("@PORT@", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            var psi = new ProcessStartInfo(binary) { RedirectStandardError = true, RedirectStandardOutput = true };
            psi.ArgumentList.Add("--conf-file=" + conf);
            psi.ArgumentList.Add("--pid-file=");
            _process = Process.Start(psi);
            WaitUntilAnswering();
            if (Available)
            {
                return;
            }

            _startError = _process?.StandardError.ReadToEnd().Trim();
            _process?.Dispose();
            _process = null;
        }
    }

    public int Port { get; private set; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public bool Available => _process is { HasExited: false };

    public void Require()
    {
        if (Available)
        {
            return;
        }

        if (string.Equals(System.Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(_startError is { Length: > 0 }
                ? $"dnsmasq did not start: {_startError}"
                : "dnsmasq is required under CI=true (apt-get install dnsmasq-base)");
        }

        Skip.If(true, "dnsmasq not installed (apt-get install dnsmasq-base)");
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
    }

    private void WaitUntilAnswering()
    {
        // dnsmasq binds before it answers; poll with a raw query until a reply arrives.
        var query = new byte[] { 0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 7, (byte)'g', (byte)'o', (byte)'p', (byte)'r', (byte)'o', (byte)'x', (byte)'y', 4, (byte)'t', (byte)'e', (byte)'s', (byte)'t', 0, 0, 1, 0, 1 };
        for (var i = 0; i < 50 && Available; i++)
        {
            using var udp = new UdpClient();
            udp.Client.ReceiveTimeout = 100;
            try
            {
                udp.Send(query, query.Length, EndPoint);
                IPEndPoint? from = null;
                if (udp.Receive(ref from).Length > 0)
                {
                    return;
                }
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
    }

    internal static int FreeUdpPort()
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }

    /// <summary>A loopback port that is free for UDP and for TCP at the moment of the call.</summary>
    private static int FreeUdpAndTcpPort()
    {
        while (true)
        {
            var port = FreeUdpPort();
            try
            {
                using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // In use for TCP: another one.
            }
        }
    }
}
