using System.Text.RegularExpressions;
using GoModLens.Analysis.Resolution;
using GoModLens.Analysis.Tests.Transport;
using GoModLens.TestUtilities;
using static GoModLens.Analysis.Tests.Resolution.ResolutionTestData;

namespace GoModLens.Analysis.Tests.Resolution;

/// <summary>
/// go's fixer on a go.mod version that is not canonical, against go 1.26: <c>require example.com/foo &lt;query&gt;</c>
/// with <c>go list -m all</c> under -mod=mod. go either writes the version it resolved into go.mod or stops with
/// "errors parsing go.mod"; ours must give the same version or the same message. The standard tree's example.com/foo
/// has v1.0.0, v1.1.0, v1.2.0 and v1.3.0-beta.1.
/// </summary>
public sealed partial class VersionQueryDifferentialTests(FakeProxyFixture fixture) : IClassFixture<FakeProxyFixture>
{
    private static readonly int s_closedPort = LoopbackPorts.Closed();

    public static TheoryData<string> Queries() =>
    [
        "latest", "upgrade", "patch", "v1", "v1.1", "v1.3", "v2", "v1.2.0+meta", "v1.9.0+meta",
        ">v1.0.0", ">=v1.1.0", "<v1.2.0", "<=v1.1.0", ">v1.2.0", "<v1.0.0", ">=v1.1", "<v1.1",
        ">v1.2", "<=v1", "<foo", "master", "v01.0.0", "v1.", "v1.2.",
    ];

    [SkippableTheory]
    [MemberData(nameof(Queries))]
    public async Task A_query_resolves_as_gos_fixer_resolves_it(string query)
    {
        GoOracle.Require();
        await AssertSameAsGoAsync(query, fixture.Proxy.Url("ok"));
    }

    public static TheoryData<string, string> FailingProxies()
    {
        var data = new TheoryData<string, string>();
        foreach (var query in new[] { "latest", "v1.1", ">=v1.1.0", "master" })
        {
            foreach (var proxy in new[] { "status/404", "status/403", "html/502", "REFUSED", "off", "onlylist/404", "{status/404},{ok}", "{status/403}|{ok}" })
            {
                data.Add(query, proxy);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(FailingProxies))]
    public async Task A_failing_proxy_gives_gos_message(string query, string proxy)
    {
        GoOracle.Require();
        var goproxy = proxy switch
        {
            "off" => "off",
            "REFUSED" => $"http://127.0.0.1:{s_closedPort}",
            _ when proxy.Contains('{', StringComparison.Ordinal) => BracedEntries().Replace(proxy, m => fixture.Proxy.Url(m.Groups[1].Value)),
            _ => fixture.Proxy.Url(proxy),
        };
        await AssertSameAsGoAsync(query, goproxy);
    }

    /// <summary>A proxy slower than GoModLens's budget leaves the query unanswered, not failed: go would keep waiting and get the answer.</summary>
    [Fact]
    public async Task A_query_the_budget_cuts_short_is_unanswered_not_a_failure()
    {
        using var transport = new RecordingTransport();
        var ours = await new RequirementResolver(transport).ResolveQueryAsync("example.com/foo", "v1.1", Options(fixture.Proxy.Url("sleep/3000")) with { PerModuleBudget = TimeSpan.FromMilliseconds(500) },
            CancellationToken.None);

        Assert.Null(ours.Canonical);
        Assert.Null(ours.GoMessage);
        Assert.Equal("GOPROXY gave no answer within GoModLens's 500ms budget (the go command has no overall timeout and would keep waiting)", ours.Unanswered);
    }

    private static async Task AssertSameAsGoAsync(string query, string goproxy, string gonoproxy = "")
    {
        var (goVersion, goError) = GoFixes(query, goproxy, gonoproxy);
        using var transport = new RecordingTransport();
        var ours = await new RequirementResolver(transport).ResolveQueryAsync("example.com/foo", query, Options(goproxy, gonoproxy), CancellationToken.None);

        Assert.Equal(goError, ours.GoMessage);
        Assert.Equal(goVersion, ours.Canonical);
    }

    // go's version and error for the query: the version it wrote into go.mod, or the text after "go.mod:5: ".
    private static (string? Version, string? Error) GoFixes(string query, string goproxy, string gonoproxy)
    {
        var work = GoOracle.NewScratchDir("query");
        var goMod = Path.Combine(work, "go.mod");
        File.WriteAllText(goMod, $"module x\n\ngo 1.22\n\nrequire example.com/foo {query}\n");
        var result = GoOracle.Run(work, new Dictionary<string, string?>
        {
            ["GOPROXY"] = goproxy,
            ["GONOPROXY"] = gonoproxy,
            ["GOMODCACHE"] = GoOracle.NewScratchDir("modcache"),
        }, "list", "-m", "all");
        if (result.ExitCode == 0)
        {
            return (RequiredVersion().Match(File.ReadAllText(goMod)).Groups[1].Value, null);
        }

        var at = result.Stderr.IndexOf("go.mod:5: ", StringComparison.Ordinal);
        Assert.True(at >= 0, result.Stderr);
        return (null, result.Stderr[(at + "go.mod:5: ".Length)..].TrimEnd('\n'));
    }

    [GeneratedRegex(@"require example\.com/foo (\S+)")]
    private static partial Regex RequiredVersion();

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex BracedEntries();
}
