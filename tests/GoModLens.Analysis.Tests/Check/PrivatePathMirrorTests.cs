using GoModLens.Host.Commands;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.FakeProxy;

namespace GoModLens.Analysis.Tests.Check;

/// <summary>
/// GOPRIVATE with GONOPROXY=none, go's setup for "private modules through our company proxy": when that proxy fails,
/// the path still goes to no mirror, neither for check's suggestion nor through gomodlens mirrors.
/// </summary>
public sealed class PrivatePathMirrorTests
{
    [Fact]
    public async Task A_private_path_the_company_proxy_serves_is_never_probed_on_a_mirror()
    {
        await using var proxy = await FakeModuleProxy.StartAsync();
        var dir = GoOracle.NewScratchDir("private-mirror");
        var goMod = Path.Combine(dir, "go.mod");
        await File.WriteAllTextAsync(goMod, "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/foo v1.0.0\n\texample.com/bar v0.1.0\n)\n");
        var variables = new Dictionary<string, string> { ["GOPRIVATE"] = "example.com/foo", ["GONOPROXY"] = "none" };

        var (exit, output, _) = await CheckCommandTests.RunAsync(new CheckArguments(goMod, GoProxy: proxy.Url("html/502"))
        {
            Mirrors = [proxy.Url("ok")], NoPublicMirrors = true, Variables = variables,
        });

        Assert.Equal(CheckCommand.ExitFindings, exit);
        Assert.Contains(proxy.Requests, r => r.Path.StartsWith("/html/502/example.com/foo/", StringComparison.Ordinal)); // the company proxy is asked, as go asks it
        Assert.Contains(proxy.Requests, r => r.Path.StartsWith("/ok/example.com/bar/", StringComparison.Ordinal)); // a public path is probed on the mirror
        Assert.DoesNotContain(proxy.Requests, r => r.Path.StartsWith("/ok/example.com/foo", StringComparison.Ordinal));
        Assert.Contains("example.com/foo", output, StringComparison.Ordinal);

        // gomodlens mirrors refuses the private path outright.
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var mirrors = await MirrorsCommand.RunAsync(new MirrorsArguments("example.com/foo@v1.0.0", proxy.Url("html/502"), [proxy.Url("ok")], true, false, null) { Variables = variables },
            stdout, stderr, o => o with { CacheDirectory = null, UseModuleCache = false, Mirrors = [] }, CancellationToken.None);
        Assert.Equal(CheckCommand.ExitUsage, mirrors);
        Assert.Contains("example.com/foo matches GOPRIVATE=example.com/foo: a private path is sent to no public mirror", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(proxy.Requests, r => r.Path.StartsWith("/ok/example.com/foo", StringComparison.Ordinal));
    }
}
