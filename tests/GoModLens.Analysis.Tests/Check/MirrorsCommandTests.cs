using System.Text.Json;
using GoModLens.Host.Commands;
using GoModLens.Infrastructure.Composition;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.FakeProxy;

namespace GoModLens.Analysis.Tests.Check;

/// <summary>
/// `gomodlens mirrors`: the mirror table in a terminal, against real loopback proxies (no public mirror is ever
/// contacted: the hook leaves them out and records every host name).
/// </summary>
public sealed class MirrorsCommandTests
{
    private static async Task<(int Exit, string Out, string Err, Server.Tests.GoMod.RecordingHostResolver Hosts)> RunAsync(MirrorsArguments args)
    {
        var hosts = new Server.Tests.GoMod.RecordingHostResolver();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await MirrorsCommand.RunAsync(args, stdout, stderr,
            o => o with { CacheDirectory = null, UseModuleCache = false, Mirrors = [], HostResolver = hosts }, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString(), hosts);
    }

    [Fact]
    public async Task Every_mirror_is_measured_in_GOPROXY_order_and_the_fastest_serving_one_is_named()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var slow = proxy.Url("sleep/300");
        var missing = proxy.Url("status/404");
        var dead = $"http://127.0.0.1:{Transport.TransportFailureClassTests.ClosedPort()}";
        var args = new MirrorsArguments("example.com/foo@v1.0.0", $"{slow},{missing}", [proxy.Url("ok"), dead], true, false, null);

        var (exit, text, _, hosts) = await RunAsync(args);

        Assert.Equal(CheckCommand.ExitClean, exit);
        var lines = text.Split('\n');
        Assert.Equal($"GOPROXY={slow},{missing} (command line --goproxy)", lines[0]);
        Assert.Matches(@"^mirror +DNS +connect +TLS +first byte +total +status +serves example\.com/foo@v1\.0\.0$", lines[1]);
        Assert.Matches($@"^{slow} +– +\d+ ms +– +\d+ ms +\d+ ms +healthy ✓ +yes$", lines[2]); // GOPROXY's entries first, as configured
        Assert.Matches($@"^{missing} .* +(healthy ✓|failing ✗ \(404\)) +no \(not found\)$", lines[3]);
        Assert.StartsWith(proxy.Url("ok") + " ", lines[4], StringComparison.Ordinal);
        Assert.Matches($@"^{dead} .* failing ✗ \(refused\) +unknown$", lines[5]);
        Assert.Contains($"\n  127.0.0.1:{dead.Split(':')[^1]}: Get \"{dead}/example.com/foo/@v/v1.0.0.info\": dial tcp 127.0.0.1:{dead.Split(':')[^1]}: connect: connection refused\n", text, StringComparison.Ordinal);
        Assert.Matches($@"\nfastest serving example\.com/foo@v1\.0\.0: {proxy.Url("ok")} \(\d+ ms\): go env -w GOPROXY={proxy.Url("ok")},direct\n$", text);
        Assert.Empty(hosts.NonLoopbackHosts);

        var (_, json, _, _) = await RunAsync(args with { Json = true });
        var root = JsonDocument.Parse(json).RootElement;
        var rows = root.GetProperty("mirrors").EnumerateArray().ToList();
        Assert.Equal([slow, missing, proxy.Url("ok"), dead], rows.Select(r => r.GetProperty("url").GetString()));
        Assert.True(rows[0].GetProperty("connectMs").GetInt64() >= 0);
        Assert.True(rows[0].GetProperty("firstByteMs").GetInt64() >= 250, "the slow mirror's first byte waits for its 300 ms");
        Assert.Equal("connectionRefused", rows[3].GetProperty("failure").GetString());
        Assert.False(rows[3].GetProperty("servesModule").GetBoolean());
        Assert.Equal(proxy.Url("ok") + ",direct", root.GetProperty("fastest").GetProperty("goproxy").GetString());
    }

    /// <summary>
    /// --write switches GOPROXY to the fastest serving mirror in the GOENV file, as go env -w does: every other line
    /// kept, go's warning when the process environment sets GOPROXY too; nothing written when no mirror serves it.
    /// </summary>
    [Fact]
    public async Task Write_switches_GOPROXY_in_the_GOENV_file_and_keeps_the_rest()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var goEnv = Path.Combine(GoOracle.NewScratchDir("mirrors-write"), "env");
        File.WriteAllText(goEnv, "GOPRIVATE=corp.example\nGOPROXY=https://dead.example\n");
        var args = new MirrorsArguments("example.com/foo@v1.0.0", null, [proxy.Url("ok")], true, false, null)
        {
            Write = true,
            Variables = new Dictionary<string, string> { ["GOENV"] = goEnv, ["GOPROXY"] = "" },
        };

        var (exit, text, err, _) = await RunAsync(args);

        Assert.Equal(CheckCommand.ExitClean, exit);
        Assert.Equal("", err);
        Assert.EndsWith($"\nwrote GOPROXY={proxy.Url("ok")},direct to {goEnv}\n", text, StringComparison.Ordinal);
        Assert.Equal($"GOPRIVATE=corp.example\nGOPROXY={proxy.Url("ok")},direct\n", File.ReadAllText(goEnv));
        GoOracle.Require();
        Assert.Equal($"{proxy.Url("ok")},direct", GoOracle.Run(GoOracle.NewScratchDir("mirrors-write-go"), new Dictionary<string, string?> { ["GOENV"] = goEnv, ["GOPROXY"] = null },
            "env", "GOPROXY").Stdout.Trim());

        // GOPROXY in the environment wins over the file: go's warning. JSON stays alone on stdout.
        var (_, json, warned, _) = await RunAsync(args with { Json = true, Variables = new Dictionary<string, string> { ["GOENV"] = goEnv, ["GOPROXY"] = "https://env.example" } });
        Assert.Equal(proxy.Url("ok") + ",direct", JsonDocument.Parse(json).RootElement.GetProperty("fastest").GetProperty("goproxy").GetString());
        Assert.Equal($"go: warning: go env -w GOPROXY=... does not override conflicting OS environment variable\nwrote GOPROXY={proxy.Url("ok")},direct to {goEnv}\n", warned);

        // No mirror serves it: the file is left as it is.
        var before = File.ReadAllText(goEnv);
        var (none, _, _, _) = await RunAsync(args with { Target = "example.com/foo@v9.9.9" });
        Assert.Equal(CheckCommand.ExitFindings, none);
        Assert.Equal(before, File.ReadAllText(goEnv));
    }

    [Fact]
    public async Task No_mirror_serving_the_version_exits_1()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var (exit, text, _, _) = await RunAsync(new MirrorsArguments("example.com/foo@v9.9.9", proxy.Url("ok"), [], true, false, null));
        Assert.Equal(CheckCommand.ExitFindings, exit);
        Assert.EndsWith("\nno mirror serves example.com/foo@v9.9.9 from here\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_module_is_sent_to_no_mirror()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var args = new MirrorsArguments("example.com/foo@v1.0.0", proxy.Url("ok"), [proxy.Url("ok")], true, false, null)
        {
            Variables = new Dictionary<string, string> { ["GOPRIVATE"] = "example.com" },
        };

        var (exit, text, err, hosts) = await RunAsync(args);

        Assert.Equal(CheckCommand.ExitUsage, exit);
        Assert.Equal("", text);
        Assert.Equal("gomodlens: example.com/foo matches GONOPROXY=example.com (GOPRIVATE): go fetches it from its repository, never from a mirror, so GoModLens sends it to none\n", err);
        Assert.Empty(proxy.Requests);
        Assert.Empty(hosts.Hosts);
    }

    [Theory]
    [InlineData("example.com/foo@1.0", "gomodlens: invalid version \"1.0\"\n")]
    [InlineData("Example..com/foo@v1.0.0", "gomodlens: malformed module path \"Example..com/foo\": ")]
    [InlineData("example.com/notrequired", "gomodlens: which version of example.com/notrequired? Name one: example.com/notrequired@v1.2.3\n")]
    public async Task A_target_go_could_not_ask_for_is_a_usage_error(string target, string error)
    {
        var (exit, _, err, hosts) = await RunAsync(new MirrorsArguments(target, "off", [], true, false, null));
        Assert.Equal(CheckCommand.ExitUsage, exit);
        Assert.StartsWith(error, err, StringComparison.Ordinal);
        Assert.Empty(hosts.Hosts);
    }
}
