using System.Text.Json;
using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Ports;
using GoModLens.Analysis.Resolution;
using GoModLens.Analysis.Tests.Resolution;
using GoModLens.Infrastructure.Composition;
using GoModLens.TestUtilities;

namespace GoModLens.Analysis.Tests.Transport;

/// <summary>
/// A GOPROXY reached through an HTTP proxy (HTTPS_PROXY) that refuses to open the tunnel, as a corporate proxy does
/// with 403: go prints only the status text (<c>Get "…": Forbidden</c>); so do we, and no module is retried into it.
/// </summary>
public sealed class ProxyTunnelTests(GitHostFixture fixture) : IClassFixture<GitHostFixture>
{
    [SkippableFact]
    public async Task A_refused_CONNECT_is_gos_status_text_and_a_forbidden_failure()
    {
        GoOracle.Require();
        var env = new Dictionary<string, string?>(fixture.Host.ProxyEnvironment)
        {
            ["GOPROXY"] = "https://goproxy.example.test",
            ["GOMODCACHE"] = GoOracle.NewScratchDir("modcache"),
            ["GOFLAGS"] = "-mod=mod",
        };
        var work = GoOracle.NewScratchDir("tunnel");
        File.WriteAllText(Path.Combine(work, "go.mod"), "module m\n\ngo 1.21\n");
        var go = GoOracle.Run(work, env, "list", "-m", "-e", "-json", "example.com/foo@v1.0.0");
        using var json = JsonDocument.Parse(go.Stdout);
        var goError = json.RootElement.GetProperty("Error").GetProperty("Err").GetString();

        var environment = GoEnvironment.Compute(new GoEnvironmentInput(GoOracle.EnvironmentWith(env), GoOs.Linux, PhysicalGoEnvFileSystem.Instance));
        using var engine = ResolutionEngineFactory.Create(environment, new EngineOptions { CacheDirectory = null, Mirrors = [], UseModuleCache = false, ProbeDirect = false });
        var ours = await engine.Resolver.ResolveAsync("example.com/foo", "v1.0.0", engine.Options with { CheckLatest = false, SuggestMirrors = false }, CancellationToken.None);

        Assert.Equal("example.com/foo@v1.0.0: Get \"https://goproxy.example.test/example.com/foo/@v/v1.0.0.info\": Forbidden", goError);
        Assert.Equal(goError, ours.Failure!.GoMessage);
        Assert.Equal(FailureKind.Forbidden, ours.Failure.Kind);
        Assert.Contains(ours.Notes, n => n.Contains("the HTTP proxy refused to open a tunnel to goproxy.example.test (403)", StringComparison.Ordinal));
    }
}
