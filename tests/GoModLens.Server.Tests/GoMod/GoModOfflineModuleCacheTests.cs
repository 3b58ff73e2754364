using System.Text;
using System.Text.Json;
using GoModLens.ModFile.GoSum;
using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities.FakeProxy;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;
using static GoModLens.Server.Tests.GoMod.GoSumHoverVerificationTests;
using Range = GoModLens.Protocol.Range;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>network.enabled=false still answers from $GOMODCACHE/cache/download, and sends nothing anywhere.</summary>
public sealed class GoModOfflineModuleCacheTests
{
    private const string App = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/foo v1.0.0\n\texample.com/bar v0.2.0\n)\n";
    private const string FooMod = "module example.com/foo\n\ngo 1.18\n";

    private static readonly ClientCapabilities s_progressClient = s_client with { Window = new WindowClientCapabilities(WorkDoneProgress: true) };

    [Fact]
    public async Task Network_off_resolves_from_the_module_cache_with_no_request_and_no_diagnostic_for_uncached_requires()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var env = new GoModTestEnvironment(proxy.Url("ok"), mirrors: [new Uri(proxy.Url("ok"))]);
        WriteCached(env, "example.com/foo", "v1.0.0", "2023-01-15T10:00:00Z");
        WriteCached(env, "example.com/foo", "v1.2.0", "2023-03-15T10:00:00Z");
        WriteCached(env, "example.com/foo", "v1.3.0-beta.1", "2023-04-15T10:00:00Z");
        using var analyzer = env.CreateAnalyzer(useModuleCache: true);
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_progressClient,
            initializationOptions: new { network = new { enabled = false }, mirrors = new { @public = false } });

        await lsp.OpenAsync(env.GoModUri, App);
        var local = await lsp.NextDiagnosticsAsync(env.GoModUri);
        var statuses = await GoModTestEnvironment.UntilAsync(() => lsp.Status.ToArray(), s => s.Any(x => !x.GetProperty("resolving").GetBoolean() && x.TryGetProperty("total", out _)));
        await lsp.Server.Diagnostics.WhenIdleAsync();

        var foo = await HoverTextAsync(lsp, env.GoModUri, 5);
        Assert.Contains("**example.com/foo** `v1.0.0` · published 2023-01-15", foo, StringComparison.Ordinal);
        Assert.Contains("Found in the module cache (module cache, offline)", foo, StringComparison.Ordinal);
        Assert.Contains("Newest in the module cache: `v1.2.0` (module cache, offline)", foo, StringComparison.Ordinal);
        var bar = await HoverTextAsync(lsp, env.GoModUri, 6);
        Assert.Contains("Network disabled and not in the module cache: not checked.", bar, StringComparison.Ordinal);

        var hints = await lsp.RequestAsync<InlayHint[]>("textDocument/inlayHint",
            new InlayHintParams(new TextDocumentIdentifier(env.GoModUri), new Range(new Position(0, 0), new Position(9, 0))));
        var hint = Assert.Single(hints);
        Assert.Equal(5, hint.Position.Line);
        Assert.Equal("cached v1.2.0 (module cache, offline)", hint.Label);

        // bar is unknown offline: no GML3013 hint, nor anything else from resolution; and no second publish is needed.
        Assert.DoesNotContain(local.Diagnostics, d => Code(d).StartsWith("GML3", StringComparison.Ordinal));
        Assert.False(lsp.Diagnostics.Reader.TryRead(out var later) && later.Diagnostics.Any(d => Code(d).StartsWith("GML3", StringComparison.Ordinal)));

        // What the user sees about it says module cache, never a proxy.
        var done = statuses.Last(s => !s.GetProperty("resolving").GetBoolean() && s.TryGetProperty("total", out _));
        Assert.Equal("module cache only", done.GetProperty("text").GetString());
        Assert.Equal(2, done.GetProperty("done").GetInt32());
        Assert.All(statuses, s => Assert.DoesNotContain("127.0.0.1", s.GetProperty("text").GetString(), StringComparison.Ordinal));
        var messages = await GoModTestEnvironment.UntilAsync(() => ProgressMessages(lsp), m => m.Any(x => x.StartsWith("Reading 2/2", StringComparison.Ordinal)));
        Assert.Contains("Reading 2/2 modules from the module cache (module cache only)", messages);
        Assert.DoesNotContain(messages, m => m.Contains("via", StringComparison.Ordinal) || m.Contains("Resolving", StringComparison.Ordinal));

        Assert.Empty(proxy.Requests);
        Assert.Empty(env.Hosts.Hosts);
    }

    [Fact]
    public async Task Network_off_verifies_go_sum_from_the_module_cache_and_reports_a_mismatch_without_any_request()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var env = new GoModTestEnvironment(proxy.Url("ok"));
        WriteCached(env, "example.com/foo", "v1.0.0", "2023-01-15T10:00:00Z");
        WriteCached(env, "example.com/baz", "v1.0.0", "2023-01-15T10:00:00Z");
        var fooHash = DirHash.HashGoMod(Encoding.UTF8.GetBytes(FooMod));
        const string Tampered = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        File.WriteAllText(Path.Combine(env.Project, "go.mod"), App + "require example.com/baz v1.0.0\n");
        var sum = $"example.com/foo v1.0.0/go.mod {fooHash}\nexample.com/bar v0.2.0/go.mod {fooHash}\nexample.com/baz v1.0.0/go.mod {Tampered}\n";
        using var analyzer = env.CreateAnalyzer(useModuleCache: true);
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { network = new { enabled = false } });

        await lsp.OpenAsync(env.GoSumUri, sum, languageId: "go.sum");
        var published = await WaitForAsync(lsp, env.GoSumUri, p => p.Diagnostics.Any(d => Code(d) == "GML1508"));

        var mismatch = Assert.Single(published.Diagnostics);
        Assert.Equal(2, mismatch.Range.Start.Line);
        Assert.Contains("verifying example.com/baz@v1.0.0/go.mod: checksum mismatch", mismatch.Message, StringComparison.Ordinal);
        Assert.Contains("✓ verified: h1 of the `.mod` from the module cache (offline) matches (checked", await HoverTextAsync(lsp, env.GoSumUri, 0), StringComparison.Ordinal);
        Assert.Contains("Not checked: network disabled and the module cache has no `.mod` for this version.", await HoverTextAsync(lsp, env.GoSumUri, 1), StringComparison.Ordinal);
        Assert.Contains("✗ **checksum mismatch**: the `.mod` from the module cache (offline)", await HoverTextAsync(lsp, env.GoSumUri, 2), StringComparison.Ordinal);
        Assert.Empty(proxy.Requests);
        Assert.Empty(env.Hosts.Hosts);
    }

    private static void WriteCached(GoModTestEnvironment env, string path, string version, string time)
    {
        env.WriteModuleCache(path, version, ".info", Encoding.UTF8.GetBytes($"{{\"Version\":\"{version}\",\"Time\":\"{time}\"}}"));
        env.WriteModuleCache(path, version, ".mod", Encoding.UTF8.GetBytes(path == "example.com/foo" ? FooMod : $"module {path}\n"));
    }

    private static string[] ProgressMessages(LspTestHarness lsp) =>
        [.. lsp.Progress.Select(p => p.GetProperty("value"))
            .Where(v => v.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
            .Select(v => v.GetProperty("message").GetString()!)];
}
