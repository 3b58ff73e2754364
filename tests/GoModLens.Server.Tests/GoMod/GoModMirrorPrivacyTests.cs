using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities.FakeProxy;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>
/// The mirror latency table and mirror suggestions: the GOPROXY in force is measured first, and with
/// <c>mirrors.public=false</c> no host outside what the user configured is ever contacted (a recording host resolver
/// sees every connection attempt; non-loopback names fail without DNS).
/// </summary>
public sealed class GoModMirrorPrivacyTests
{
    private const string App = "module example.com/app\n\ngo 1.22\n\nrequire example.com/foo v1.0.0\n";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task With_public_mirrors_off_only_loopback_hosts_are_contacted_by_resolution_suggestions_and_the_hover_table(bool publicMirrors)
    {
        await using var proxy = await FakeModuleProxy.StartAsync();

        // Every fetch fails with 503, so the resolver also looks for a better mirror to suggest.
        var env = new GoModTestEnvironment(proxy.Url("status/503"));
        using var analyzer = env.CreateAnalyzer(builtInPublicMirrors: true);
        await using var lsp = await LspTestHarness.StartAsync(analyzer, initializationOptions: new { mirrors = new { @public = publicMirrors } });
        await lsp.OpenAsync(env.GoModUri, App);
        var failed = await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML3003"));
        Assert.Contains("503 Service Unavailable", failed.Diagnostics.Single(d => Code(d) == "GML3003").Message, StringComparison.Ordinal);
        var table = await HoverUntilMeasuredAsync(lsp, env.GoModUri, 4, 10);

        Assert.Contains("| " + proxy.Url("status/503") + " |", table, StringComparison.Ordinal);
        Assert.NotEmpty(env.Hosts.Hosts);
        if (publicMirrors)
        {
            // The control: the recorder does see the public mirrors when they are on (and their DNS fails offline).
            Assert.Contains("proxy.golang.org", env.Hosts.NonLoopbackHosts);
            Assert.Contains("https://proxy.golang.org", table, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(env.Hosts.NonLoopbackHosts);
            Assert.DoesNotContain("proxy.golang.org", table, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Hover_table_lists_http_and_file_GOPROXY_entries_first_with_measured_times_then_extra_mirrors()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var fileProxy = GoModTestEnvironment.FileProxy().TrimEnd('/');
        var env = new GoModTestEnvironment(proxy.Url("ok") + "," + fileProxy + ",direct");
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer,
            initializationOptions: new { mirrors = new { @public = false, extra = new[] { proxy.Url("status/404") } } });
        await lsp.OpenAsync(env.GoModUri, App);
        await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML2009"));

        var table = await HoverUntilMeasuredAsync(lsp, env.GoModUri, 4, 10);
        var rows = table.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| mirror", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, rows.Count);
        Assert.StartsWith("| " + proxy.Url("ok") + " |", rows[0], StringComparison.Ordinal);
        Assert.StartsWith("| " + fileProxy, rows[1], StringComparison.Ordinal);
        Assert.StartsWith("| " + proxy.Url("status/404") + " |", rows[2], StringComparison.Ordinal);
        Assert.All(rows.Take(2), r => Assert.Matches(@"\| \d+ ms \|", r));
        Assert.Contains("GOPROXY in force: ", table, StringComparison.Ordinal);
        Assert.Empty(env.Hosts.NonLoopbackHosts);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Network_disabled_in_initializationOptions_means_no_request_at_all_even_after_initialized_and_hover(bool clientAnswersConfiguration)
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var env = new GoModTestEnvironment(proxy.Url("ok"), mirrors: [new Uri(proxy.Url("ok"))]);
        using var analyzer = env.CreateAnalyzer();
        var capabilities = new ClientCapabilities { Workspace = new WorkspaceClientCapabilities { Configuration = clientAnswersConfiguration } };
        await using var lsp = await LspTestHarness.StartAsync(analyzer, capabilities, initializationOptions: new { network = new { enabled = false }, mirrors = new { @public = false } });

        // With Configuration=true the harness answers workspace/configuration with null, as Neovim does without a settings table.
        await lsp.OpenAsync(env.GoModUri, App + "require example.com/missing v1.0.0\n");
        var local = await lsp.NextDiagnosticsAsync(env.GoModUri);
        var hover = (await lsp.HoverAsync(env.GoModUri, 4, 10))!.Contents.Value;
        await lsp.RequestAsync<System.Text.Json.JsonElement>("workspace/executeCommand",
            new ExecuteCommandParams("gomodlens.showMirrorReport", [System.Text.Json.JsonSerializer.SerializeToElement("example.com/foo"), System.Text.Json.JsonSerializer.SerializeToElement("v1.0.0")]));

        // A later settings push that does not mention the network keeps it off (layers recompute from initializationOptions).
        await lsp.NotifyAsync("workspace/didChangeConfiguration", new { settings = new { gomodlens = new { timeouts = new { totalMs = 5000 } } } });
        await lsp.ChangeAsync(env.GoModUri, 2, new TextDocumentContentChangeEvent(App));
        await Task.Delay(1000);

        Assert.DoesNotContain(local.Diagnostics, d => Code(d).StartsWith("GML3", StringComparison.Ordinal) || Code(d) == "GML2009");
        Assert.Contains("Network disabled", hover, StringComparison.Ordinal);
        Assert.False(lsp.Diagnostics.Reader.TryRead(out var later) && later.Diagnostics.Any(d => Code(d).StartsWith("GML3", StringComparison.Ordinal)),
            "no network diagnostics are published");
        Assert.Empty(proxy.Requests);
        Assert.Empty(env.Hosts.Hosts);
    }

    [Fact]
    public async Task The_failing_module_s_mirror_table_is_measured_after_resolution_without_waiting_for_a_hover()
    {
        var env = new GoModTestEnvironment(GoModTestEnvironment.FileProxy());
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, initializationOptions: new { mirrors = new { @public = false } });
        await lsp.OpenAsync(env.GoModUri, App + "require example.com/missing v1.0.0\n");
        await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML3001"));
        await Task.Delay(1500); // the background probe of a file:// GOPROXY takes milliseconds

        // The very first hover on the failing require already has its table.
        var hover = (await lsp.HoverAsync(env.GoModUri, 5, 10))!.Contents.Value;
        Assert.Contains("### Module mirrors for `example.com/missing@v1.0.0`", hover, StringComparison.Ordinal);
        Assert.Matches(@"\| \d+ ms \|", hover);
        Assert.DoesNotContain("Measuring", hover, StringComparison.Ordinal);
    }

    /// <summary>Hovers never wait for the network: the first hover starts the probe, a later one shows the table.</summary>
    internal static async Task<string> HoverUntilMeasuredAsync(LspTestHarness lsp, string uri, int line, int character)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var markdown = (await lsp.HoverAsync(uri, line, character))!.Contents.Value;
            if (markdown.Contains("| mirror |", StringComparison.Ordinal) && !markdown.Contains("Measured for another module", StringComparison.Ordinal))
            {
                return markdown;
            }

            Assert.True(DateTime.UtcNow < deadline, "no mirror table within 10 s:\n" + markdown);
            await Task.Delay(50);
        }
    }
}
