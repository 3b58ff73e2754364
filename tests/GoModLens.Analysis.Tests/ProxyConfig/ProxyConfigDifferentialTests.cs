using GoModLens.Analysis.ProxyConfig;
using GoModLens.TestUtilities;

namespace GoModLens.Analysis.Tests.ProxyConfig;

/// <summary>GOPROXY parsing errors and the walk's reported error against the real go 1.26, using file:// proxies only.</summary>
public sealed class ProxyConfigDifferentialTests
{
    [SkippableTheory]
    [InlineData(",")]
    [InlineData("foo")]
    [InlineData("ftp://x.example")]
    [InlineData("ftp://u:secret@x.example")]
    [InlineData("file://localhost/srv")]
    [InlineData("file:///srv?q=1")]
    [InlineData("https://%zz.example")]
    [InlineData("http://[::1")]
    [InlineData("https://h.example:abc")]
    [InlineData("/srv/proxy")]
    [InlineData("Direct")]
    [InlineData("C:\\proxy")]
    public void Bad_goproxy_messages_match_go(string goproxy)
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("badproxy");
        var result = GoOracle.Run(dir, new Dictionary<string, string?> { ["GOPROXY"] = goproxy }, "list", "-m", "-json", "example.com/x@v1.0.0");
        Assert.NotEqual(0, result.ExitCode);
        var ours = ProxyList.Parse(goproxy);
        Assert.NotNull(ours.Error);
        Assert.True(result.Stderr.Contains(ours.Error, StringComparison.Ordinal), $"go: {result.Stderr}\nours: {ours.Error}");
    }

    private static string MakeProxy(string root, bool withModule)
    {
        var dir = Path.Combine(root, "example.com", "x", "@v");
        Directory.CreateDirectory(dir);
        if (withModule)
        {
            File.WriteAllText(Path.Combine(dir, "list"), "v1.0.0\n");
            File.WriteAllText(Path.Combine(dir, "v1.0.0.info"), "{\"Version\":\"v1.0.0\"}");
            File.WriteAllText(Path.Combine(dir, "v1.0.0.mod"), "module example.com/x\n");
        }

        return "file://" + root;
    }

    [SkippableTheory]
    [InlineData("{a},{b}")]
    [InlineData("{a}|{b}")]
    [InlineData("{a},off")]
    [InlineData("off")]
    [InlineData("{a},{good}")]
    [InlineData("{a}|{good}")]
    public void Walk_reports_the_same_error_as_go(string template)
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("walk");
        var a = MakeProxy(Path.Combine(dir, "a"), false);
        var b = MakeProxy(Path.Combine(dir, "b"), false);
        var good = MakeProxy(Path.Combine(dir, "good"), true);
        var goproxy = template.Replace("{a}", a, StringComparison.Ordinal).Replace("{b}", b, StringComparison.Ordinal).Replace("{good}", good, StringComparison.Ordinal);
        // A private module cache per case: a download by one case must not satisfy the next one.
        var env = new Dictionary<string, string?>
        {
            ["GOPROXY"] = goproxy,
            ["GOPATH"] = Path.Combine(dir, "gopath"),
            ["GOMODCACHE"] = Path.Combine(dir, "gopath", "pkg", "mod"),
        };
        var result = GoOracle.Run(dir, env, "list", "-m", "-json", "example.com/x@v1.0.0");

        var route = ProxyRouting.For("example.com/x", new ProxySettings(goproxy));
        var walk = ProxyWalk.WalkAsync(route, (step, ct) =>
        {
            var url = ProxyUrls.Info(((ProxyStep)step).BaseUrl, "example.com/x", "v1.0.0", out _)!;
            var path = url.ToUri().LocalPath;
            return ValueTask.FromResult(File.Exists(path)
                ? StepOutcome.Success()
                : StepOutcome.Failure("reading " + url.Redacted + ": no such file or directory", isNotFound: true));
        }, CancellationToken.None).AsTask().GetAwaiter().GetResult();

        Assert.Equal(result.ExitCode == 0, walk.Succeeded);
        if (!walk.Succeeded)
        {
            Assert.True(result.Stderr.Contains(walk.ReportedError!, StringComparison.Ordinal), $"go: {result.Stderr}\nours: {walk.ReportedError}");
        }
    }
}
