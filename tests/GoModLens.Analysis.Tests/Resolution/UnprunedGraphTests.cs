using GoModLens.Analysis.ProxyConfig;
using GoModLens.Analysis.Resolution;
using GoModLens.ModFile.Semantics;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.ProxyTree;

namespace GoModLens.Analysis.Tests.Resolution;

/// <summary>
/// The go.mod files loaded below graph pruning (what go itself reads is pinned in ModuleGraphTests): cycles end, each
/// go.mod is requested once per run, and a GOPRIVATE path reached deep in the graph never goes to the proxy.
/// </summary>
public sealed class UnprunedGraphTests
{
    private static readonly DateTimeOffset s_time = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // x and y (go 1.16) require each other; both require corp.example.com/secret, which the proxy would serve.
    private static readonly Lazy<string> s_proxy = new(() => new ProxyTreeBuilder()
        .Add("example.com/x", "v1.0.0", s_time, "module example.com/x\n\ngo 1.16\n\nrequire (\n\texample.com/y v1.0.0\n\tcorp.example.com/secret v1.0.0\n)\n")
        .Add("example.com/y", "v1.0.0", s_time, "module example.com/y\n\ngo 1.16\n\nrequire (\n\texample.com/x v1.0.0\n\texample.com/z v1.1.0\n)\n")
        .Add("example.com/z", "v1.0.0", s_time)
        .Add("example.com/z", "v1.1.0", s_time)
        .Add("corp.example.com/secret", "v1.0.0", s_time, "module corp.example.com/secret\n\ngo 1.16\n\nrequire example.com/z v1.1.0\n")
        .WriteTo(GoOracle.NewScratchDir("unpruned-proxy")));

    private const string Main = "module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/x v1.0.0\n\texample.com/y v1.0.0\n\texample.com/z v1.0.0\n)\n";

    [Fact]
    public async Task A_cycle_ends_every_go_mod_is_requested_once_and_a_private_path_never_reaches_the_proxy()
    {
        using var transport = new RecordingTransport();
        var settings = new ProxySettings("file://" + s_proxy.Value, GoNoProxy: "corp.example.com", GoNoSumDb: "corp.example.com", GoSumDb: "off");
        var options = new ResolveOptions(settings) { ProbeDirect = false, SuggestMirrors = false, CheckLatest = false };
        var reports = new List<RequirementReport>();
        await foreach (var report in new RequirementResolver(transport).ResolveAllAsync(ModFileParser.Parse("go.mod", Main).Model, options, CancellationToken.None))
        {
            reports.Add(report);
        }

        var x = Assert.Single(reports, r => r.ModulePath == "example.com/x");
        // y v1.0.0 (reached from x) requires z v1.1.0, above the v1.0.0 listed: found through the cycle, once.
        Assert.Contains(new ModuleGraphEdge(new ModPathVersion("example.com/y", "v1.0.0"), new ModPathVersion("example.com/z", "v1.1.0")), x.Unpruned.Above);
        Assert.DoesNotContain(x.Unpruned.Loaded, e => e.To.Path == "example.com/x"); // the require itself is not loaded again
        Assert.DoesNotContain(transport.Urls, u => u.Contains("corp.example.com", StringComparison.Ordinal));
        Assert.Equal(transport.Urls.Count, transport.Urls.Distinct(StringComparer.Ordinal).Count());
    }
}
