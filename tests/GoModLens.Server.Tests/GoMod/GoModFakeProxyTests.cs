using System.Diagnostics;
using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities.FakeProxy;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>The real analyzer against the Kestrel fake proxy's failure routes (loopback only).</summary>
public sealed class GoModFakeProxyTests
{
    private const string App = "module example.com/app\n\ngo 1.22\n\nrequire example.com/foo v1.0.0\n";

    [Fact]
    public async Task A_hanging_proxy_gives_a_timeout_diagnostic_within_the_first_byte_budget_not_the_total_one()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var env = new GoModTestEnvironment(proxy.Url("hang"));
        using var analyzer = env.CreateAnalyzer();
        var watch = Stopwatch.StartNew();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client,
            initializationOptions: new { timeouts = new { totalMs = 20000, connectMs = 1000, firstByteMs = 400 }, mirrors = new { @public = false } });
        await lsp.OpenAsync(env.GoModUri, App);
        var published = await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML3006"));

        // timeouts.firstByteMs reaches the resolution transport: far sooner than the 20 s module budget.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(6), $"timeout diagnostic after {watch.Elapsed}");
        var timeout = published.Diagnostics.Single(d => Code(d) == "GML3006");
        Assert.Equal(DiagnosticSeverity.Error, timeout.Severity);
        Assert.StartsWith("timed out: no answer for example.com/foo@v1.0.0", timeout.Message, StringComparison.Ordinal);
        Assert.Contains("no response headers after", timeout.Message, StringComparison.Ordinal);
        Assert.Empty(env.Hosts.NonLoopbackHosts);
    }

    [Fact]
    public async Task A_404_route_gives_not_found_with_go_text_and_the_server_response()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var env = new GoModTestEnvironment(proxy.Url("status/404"));
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { mirrors = new { @public = false } });
        await lsp.OpenAsync(env.GoModUri, App);
        var published = await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML3001"));

        var notFound = published.Diagnostics.Single(d => Code(d) == "GML3001");
        Assert.Equal(new Position(4, 24), notFound.Range.Start);
        Assert.Contains("404 Not Found", notFound.Message, StringComparison.Ordinal);
        Assert.Contains("server response: injected 404", notFound.Message, StringComparison.Ordinal);
        Assert.Contains(proxy.Requests, r => r.Path.EndsWith("/example.com/foo/@v/v1.0.0.info", StringComparison.Ordinal));
    }
}
