using System.Diagnostics;
using GoModLens.Protocol;
using GoModLens.Server.Features.GoMod;
using GoModLens.Server.Tests.Infrastructure;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.FakeProxy;
using GoModLens.TestUtilities.ProxyTree;
using static GoModLens.Server.Tests.GoMod.GoModEditorFeatureTests;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>
/// Version completion for a module whose list no resolution has brought: fetched by the request, which waits for it
/// only <see cref="GoModCompletion.VersionListWait"/> (a slow or hanging proxy answers incomplete, never holds the
/// editor); retracted versions (the latest go.mod's retract directives) marked and listed last.
/// </summary>
public sealed class GoModVersionCompletionTests
{
    // The standard tree's example.com/retracting: v1.2.0's go.mod retracts v1.2.0 ("published by mistake") and v1.0.0 (no rationale).
    private const string Retracting = "module example.com/app\n\ngo 1.22\n\nrequire example.com/retracting v1.1.0\n";

    /// <summary>What the request may take beyond its bound: the JSON-RPC round trip and the queue on a loaded machine.</summary>
    private static readonly TimeSpan s_slack = TimeSpan.FromSeconds(1.5);

    private static readonly ClientCapabilities s_tags = new()
    {
        TextDocument = new TextDocumentClientCapabilities
        {
            Completion = new CompletionClientCapabilities
            {
                CompletionItem = new CompletionItemClientCapabilities { TagSupport = new TagSupport<CompletionItemTag>([CompletionItemTag.Deprecated]), DeprecatedSupport = true },
            },
        },
    };

    private static readonly ClientCapabilities s_deprecatedProperty = new()
    {
        TextDocument = new TextDocumentClientCapabilities
        {
            Completion = new CompletionClientCapabilities { CompletionItem = new CompletionItemClientCapabilities { DeprecatedSupport = true } },
        },
    };

    [Fact]
    public async Task A_proxy_that_hangs_gets_an_incomplete_answer_within_the_bound_and_one_list_request()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var env = new GoModTestEnvironment(proxy.Url("hang"));
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        const string Text = "module example.com/app\n\ngo 1.22\n\nrequire example.com/bar \n";
        await lsp.OpenAsync(env.GoModUri, Text);
        await lsp.SyncAsync();

        var watch = Stopwatch.StartNew();
        var first = await CompleteAsync(lsp, env.GoModUri, 4, 24);
        var elapsed = watch.Elapsed;

        Assert.True(first.IsIncomplete);
        Assert.Empty(first.Items);
        Assert.True(elapsed < GoModCompletion.VersionListWait + s_slack, $"completion took {elapsed.TotalMilliseconds} ms");
        Assert.True(elapsed >= GoModCompletion.VersionListWait - TimeSpan.FromMilliseconds(50), $"answered after {elapsed.TotalMilliseconds} ms: it did not wait for the list");

        // The next keystroke waits on the same fetch (the request budget is 10 s): incomplete again, no second request.
        watch.Restart();
        var second = await CompleteAsync(lsp, env.GoModUri, 4, 24);
        Assert.True(second.IsIncomplete);
        Assert.True(watch.Elapsed < GoModCompletion.VersionListWait + s_slack, $"completion took {watch.Elapsed.TotalMilliseconds} ms");
        Assert.Single(proxy.Requests, r => r.Path.EndsWith("/example.com/bar/@v/list", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_slow_list_answers_incomplete_first_and_the_next_request_is_served_from_the_cache()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var env = new GoModTestEnvironment(proxy.Url("sleep/700"));
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        const string Text = "module example.com/app\n\ngo 1.22\n\nrequire example.com/bar \n";
        await lsp.OpenAsync(env.GoModUri, Text);
        await lsp.SyncAsync();

        var watch = Stopwatch.StartNew();
        var first = await CompleteAsync(lsp, env.GoModUri, 4, 24);
        Assert.True(first.IsIncomplete);
        Assert.True(watch.Elapsed < GoModCompletion.VersionListWait + s_slack, $"completion took {watch.Elapsed.TotalMilliseconds} ms");

        var complete = await GoModTestEnvironment.UntilAsync(() => CompleteAsync(lsp, env.GoModUri, 4, 24).GetAwaiter().GetResult(), c => !c.IsIncomplete);
        Assert.False(complete.IsIncomplete);
        Assert.Equal(["v0.2.0", "v0.1.0"], complete.Items.Select(i => i.Label));

        // From the cache now: at once, and still the one list request the first completion started.
        watch.Restart();
        var cached = await CompleteAsync(lsp, env.GoModUri, 4, 24);
        Assert.False(cached.IsIncomplete);
        Assert.True(watch.Elapsed < GoModCompletion.VersionListWait, $"a cached list took {watch.Elapsed.TotalMilliseconds} ms");
        Assert.Single(proxy.Requests, r => r.Path.EndsWith("/example.com/bar/@v/list", StringComparison.Ordinal));
    }

    /// <summary>A GOPRIVATE path's list is never asked of a proxy: completion routes it as go does (direct, which runs no git here).</summary>
    [Fact]
    public async Task A_private_path_is_never_listed_through_the_proxy()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var env = new GoModTestEnvironment(proxy.Url("ok"), goPrivate: "corp.example.com");
        using var analyzer = env.CreateAnalyzer(options: new GoModAnalyzerOptions { CompletionListWait = TimeSpan.FromSeconds(8) });
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        const string Text = "module example.com/app\n\ngo 1.22\n\nrequire corp.example.com/lib \n";
        await lsp.OpenAsync(env.GoModUri, Text);

        var items = await CompleteAsync(lsp, env.GoModUri, 4, 29);

        Assert.Empty(items.Items);
        Assert.DoesNotContain(proxy.Requests, r => r.Path.Contains("corp.example.com", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Retracted_versions_from_a_resolution_are_tagged_explained_and_listed_last()
    {
        var env = new GoModTestEnvironment(GoModTestEnvironment.FileProxy());
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_tags);
        await lsp.OpenAsync(env.GoModUri, Retracting);
        await lsp.NextDiagnosticsAsync(env.GoModUri);
        await lsp.Server.Diagnostics.WhenIdleAsync(); // the resolution that caches the list and the latest go.mod's retractions

        var list = await CompleteAsync(lsp, env.GoModUri, 4, 31); // require example.com/retracting |v1.1.0

        Assert.False(list.IsIncomplete);
        Assert.Equal(["v1.1.0", "v1.2.0", "v1.0.0"], list.Items.Select(i => i.Label));
        Assert.Equal(["0000", "0001", "0002"], list.Items.Select(i => i.SortText));
        var latest = list.Items[0];
        Assert.Equal("latest", latest.Detail);
        Assert.Null(latest.Tags);
        Assert.Null(latest.Documentation);

        var mistake = list.Items[1];
        Assert.Equal("retracted by module author: published by mistake", mistake.Detail);
        Assert.Equal([CompletionItemTag.Deprecated], mistake.Tags);
        Assert.Null(mistake.Deprecated); // the tag says it: the older property only for clients without tags
        Assert.Contains("**Retracted** by the module author: published by mistake", mistake.Documentation!.Value, StringComparison.Ordinal);

        var silent = list.Items[2];
        Assert.Equal("retracted by module author", silent.Detail);
        Assert.Equal([CompletionItemTag.Deprecated], silent.Tags);
        Assert.Contains("gives no rationale", silent.Documentation!.Value, StringComparison.Ordinal);
    }

    /// <summary>The list completion fetches itself carries the retractions too; a client without tags gets the older property.</summary>
    [Fact]
    public async Task Retracted_versions_of_a_list_fetched_by_completion_are_marked_with_the_property_a_client_without_tags_reads()
    {
        var env = new GoModTestEnvironment(GoModTestEnvironment.FileProxy());
        using var analyzer = env.CreateAnalyzer(options: new GoModAnalyzerOptions { CompletionListWait = TimeSpan.FromSeconds(8) });
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_deprecatedProperty);
        await lsp.OpenAsync(env.GoModUri, "module example.com/app\n\ngo 1.22\n\nrequire example.com/retracting \n");

        var list = await CompleteAsync(lsp, env.GoModUri, 4, 31);

        Assert.False(list.IsIncomplete);
        Assert.Equal(["v1.1.0", "v1.2.0", "v1.0.0"], list.Items.Select(i => i.Label));
        Assert.Equal("latest", list.Items[0].Detail);
        Assert.All(list.Items, i => Assert.Null(i.Tags));
        Assert.Equal([null, true, true], list.Items.Select(i => i.Deprecated));
        Assert.Equal("retracted by module author: published by mistake", list.Items[1].Detail);
    }

    /// <summary>
    /// A module without a tagged version: its @v/list is empty (a proxy lists no pseudo-versions), yet go's @latest
    /// answers (the proxy's endpoint) and <c>go get m@latest</c> writes that pseudo-version: it is the one offered.
    /// </summary>
    [Fact]
    public async Task A_module_without_tagged_versions_offers_the_pseudo_version_latest_answers()
    {
        const string Pseudo = "v0.0.0-20230301000000-abcdefabcdef";
        var proxy = PseudoLatestProxy("example.com/untagged", "", b => b.Add("example.com/untagged", Pseudo, s_march));
        var env = new GoModTestEnvironment(proxy);
        using var analyzer = env.CreateAnalyzer(options: new GoModAnalyzerOptions { CompletionListWait = TimeSpan.FromSeconds(8) });
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, "module example.com/app\n\ngo 1.22\n\nrequire example.com/untagged \n");

        var list = await CompleteAsync(lsp, env.GoModUri, 4, 29);

        Assert.False(list.IsIncomplete);
        var latest = Assert.Single(list.Items);
        Assert.Equal(Pseudo, latest.Label);
        Assert.Equal("latest: pseudo-version of the default branch", latest.Detail);
    }

    /// <summary>Every tagged version retracted: go's @latest falls back to the proxy's endpoint, a version the list lacks; it comes first.</summary>
    [Fact]
    public async Task A_latest_version_missing_from_a_non_empty_list_is_offered_with_it()
    {
        const string Pseudo = "v1.0.1-0.20230301000000-abcdefabcdef";
        const string SelfRetracting = "module example.com/withdrawn\n\ngo 1.18\n\n// broken\nretract v1.0.0\n";
        var proxy = PseudoLatestProxy("example.com/withdrawn", "v1.0.0\n", b => b
            .Add("example.com/withdrawn", "v1.0.0", s_march.AddMonths(-1), SelfRetracting)
            .Add("example.com/withdrawn", Pseudo, s_march, SelfRetracting));
        var env = new GoModTestEnvironment(proxy);
        using var analyzer = env.CreateAnalyzer(options: new GoModAnalyzerOptions { CompletionListWait = TimeSpan.FromSeconds(8) });
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        await lsp.OpenAsync(env.GoModUri, "module example.com/app\n\ngo 1.22\n\nrequire example.com/withdrawn \n");

        var list = await CompleteAsync(lsp, env.GoModUri, 4, 30);

        Assert.False(list.IsIncomplete);
        Assert.Equal([Pseudo, "v1.0.0"], list.Items.Select(i => i.Label));
        Assert.Equal(["latest: pseudo-version of the default branch", "retracted by module author: broken"], list.Items.Select(i => i.Detail));
    }

    private static readonly DateTimeOffset s_march = new(2023, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The standard tree plus one module whose @v/list says <paramref name="list"/> and whose @latest is its newest
    /// pseudo-version, as a proxy serves a module whose latest commit is untagged; as a file:// GOPROXY.
    /// </summary>
    private static string PseudoLatestProxy(string path, string list, Action<ProxyTreeBuilder> add)
    {
        var builder = ProxyTreeBuilder.Standard();
        add(builder);
        var root = builder.WriteTo(GoOracle.NewScratchDir("pseudo-latest"));
        var module = Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar));
        var pseudo = File.ReadAllText(Path.Combine(module, "@v", "list")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(v => v.Contains('-', StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(module, "@v", "list"), list);
        File.Copy(Path.Combine(module, "@v", pseudo + ".info"), Path.Combine(module, "@latest"), overwrite: true);
        return new Uri(root).AbsoluteUri;
    }

    /// <summary>Without a network no list can come: an empty, complete answer (incomplete would only make the client ask on every keystroke).</summary>
    [Fact]
    public async Task Offline_a_module_without_a_cached_list_gets_a_complete_empty_answer()
    {
        var env = new GoModTestEnvironment(GoModTestEnvironment.FileProxy());
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client, initializationOptions: new { network = new { enabled = false } });
        await lsp.OpenAsync(env.GoModUri, "module example.com/app\n\ngo 1.22\n\nrequire example.com/bar \n");

        var list = await CompleteAsync(lsp, env.GoModUri, 4, 24);

        Assert.False(list.IsIncomplete);
        Assert.Empty(list.Items);
    }
}
