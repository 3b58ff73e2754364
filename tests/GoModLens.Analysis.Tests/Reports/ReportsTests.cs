using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Ports;
using GoModLens.Analysis.Reports;

namespace GoModLens.Analysis.Tests.Reports;

public sealed class ReportsTests
{
    private static readonly DateTimeOffset s_now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static MirrorMeasurement Healthy(string url, int ms, int agoSeconds = 12) =>
        new(new Uri(url), MirrorHealth.Healthy, true, FailureKind.None, null,
            new PhaseTimings(TimeSpan.FromMilliseconds(3), TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(15), TimeSpan.FromMilliseconds(ms - 5)),
            TimeSpan.FromMilliseconds(ms), s_now.AddSeconds(-agoSeconds));

    [Fact]
    public void MirrorTableHasOneRowPerMirrorWithPhasesStatusAndAge()
    {
        var failing = new MirrorMeasurement(new Uri("https://proxy.golang.org"), MirrorHealth.Failing, false, FailureKind.DnsNotFound,
            "Get \"https://proxy.golang.org/example.com/m/@v/v1.0.0.info\": dial tcp: lookup proxy.golang.org: no such host", null,
            TimeSpan.FromMilliseconds(21), s_now.AddMinutes(-3));
        var slow = new MirrorMeasurement(new Uri("https://goproxy.io"), MirrorHealth.Slow, false, FailureKind.NotFound, null,
            new PhaseTimings(null, TimeSpan.FromMilliseconds(900), null, TimeSpan.FromMilliseconds(2400)), TimeSpan.FromMilliseconds(2500), s_now);
        var md = MirrorReportMarkdown.Render([Healthy("https://goproxy.cn", 38), slow, failing], "example.com/m", "v1.0.0", s_now,
            new GoProxyInForce("https://goproxy.cn,direct", "set in /home/u/.config/go/env (go env -w)"));
        var lines = md.Split('\n');
        Assert.Contains("| mirror | DNS | connect | TLS | first byte | total | status | serves example.com/m@v1.0.0 | measured |", lines);
        Assert.Contains("| https://goproxy.cn | 3 ms | 10 ms | 15 ms | 33 ms | 38 ms | healthy ✓ | yes | 12 s ago |", lines);
        Assert.Contains("| https://goproxy.io | – | 900 ms | – | 2400 ms | 2500 ms | slow ⚠ | no (not found) | just now |", lines);
        Assert.Contains("| https://proxy.golang.org | – | – | – | – | 21 ms | failing ✗ (DNS) | unknown | 3 min ago |", lines);
        Assert.Contains("GOPROXY in force: `https://goproxy.cn,direct` (set in /home/u/.config/go/env (go env -w))", lines);
        Assert.Contains(lines, l => l.StartsWith("- proxy.golang.org: `Get \"https://proxy.golang.org/", StringComparison.Ordinal));
        // Rows keep the prober's order.
        Assert.True(md.IndexOf("goproxy.cn |", StringComparison.Ordinal) < md.IndexOf("goproxy.io |", StringComparison.Ordinal));
    }

    [Fact]
    public void CredentialsNeverAppear()
    {
        var m = new MirrorMeasurement(new Uri("https://alice:s3cret@corp.example/goproxy/"), MirrorHealth.Failing, false, FailureKind.Unauthorized,
            "reading https://alice:s3cret@corp.example/goproxy/m/@v/v1.info: 401 Unauthorized", null, TimeSpan.FromMilliseconds(5), s_now, "see https://tok3n@corp.example/x");
        var tokenOnly = Healthy("https://tok3n@corp2.example/", 5);
        var md = MirrorReportMarkdown.Render([m, tokenOnly], null, null, s_now, new GoProxyInForce("https://alice:s3cret@corp.example/goproxy/|https://tok3n@corp2.example,direct", "editor setting"));
        Assert.DoesNotContain("s3cret", md, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", md, StringComparison.Ordinal);
        Assert.DoesNotContain("@corp.example/x", md.Replace("xxxxx@corp.example/x", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("tok3n@", md, StringComparison.Ordinal);
        Assert.Contains("https://xxxxx@corp.example/goproxy/\\|https://xxxxx@corp2.example,direct", md, StringComparison.Ordinal);
        Assert.Contains("failing ✗ (401)", md, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyAndCellEscaping()
    {
        Assert.Contains("No mirrors were probed.", MirrorReportMarkdown.Render([], "m", null, s_now), StringComparison.Ordinal);
        var weird = new MirrorMeasurement(new Uri("http://127.0.0.1:8080/a|b"), MirrorHealth.Healthy, true, FailureKind.None, null, null, TimeSpan.FromMilliseconds(1.5), s_now.AddDays(-2));
        var md = MirrorReportMarkdown.Render([weird], null, null, s_now);
        Assert.Contains("| http://127.0.0.1:8080/a\\|b | – | – | – | – | 2 ms | healthy ✓ | yes | 2 d ago |", md, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "just now")]
    [InlineData(59, "59 s ago")]
    [InlineData(60, "1 min ago")]
    [InlineData(7200, "2 h ago")]
    [InlineData(-30, "just now")]
    public void Ages(int secondsAgo, string expected)
    {
        var md = MirrorReportMarkdown.Render([Healthy("https://m.example", 10, secondsAgo)], null, null, s_now);
        Assert.Contains("| " + expected + " |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void StatusTextMatchesTheContractExamples()
    {
        var cn = StatusText.For("https://goproxy.cn,direct", Healthy("https://goproxy.cn", 38));
        Assert.Equal("goproxy.cn ✓ 38 ms", cn.Text);
        Assert.Equal("ok", cn.HealthValue);
        var dns = StatusText.For("https://proxy.golang.org,direct",
            new MirrorMeasurement(new Uri("https://proxy.golang.org"), MirrorHealth.Failing, false, FailureKind.DnsNotFound, "x", null, TimeSpan.FromMilliseconds(4), s_now));
        Assert.Equal("proxy.golang.org ✗ DNS", dns.Text);
        Assert.Equal("failing", dns.HealthValue);
        var slow = StatusText.For("https://goproxy.io/", new MirrorMeasurement(new Uri("https://goproxy.io"), MirrorHealth.Slow, true, FailureKind.None, null, null, TimeSpan.FromMilliseconds(2300), s_now));
        Assert.Equal("goproxy.io ⚠ 2300 ms", slow.Text);
        Assert.Equal("slow", slow.HealthValue);
        var unknown = StatusText.For("off", null);
        Assert.Equal("off ?", unknown.Text);
        Assert.Equal("unknown", unknown.HealthValue);
    }

    [Theory]
    // The same cases status.ts's shortGoproxy handles, plus redaction.
    [InlineData("https://goproxy.cn,direct", "goproxy.cn")]
    [InlineData("HTTPS://Goproxy.cn/", "Goproxy.cn")]
    [InlineData("https://mirrors.aliyun.com/goproxy/|https://proxy.golang.org", "mirrors.aliyun.com/goproxy")]
    [InlineData("", "GOPROXY unset")]
    [InlineData(" ,direct", "GOPROXY unset")]
    [InlineData("direct", "direct")]
    [InlineData("file:///srv/proxy", "file:///srv/proxy")]
    [InlineData("https://u:p@corp.example/p", "xxxxx@corp.example/p")]
    public void ShortGoProxy(string goproxy, string expected) => Assert.Equal(expected, StatusText.ShortGoProxy(goproxy));

    [Fact]
    public void FromProbeMapsHealth()
    {
        var slow = MirrorMeasurement.FromProbe(new MirrorProbe(new Uri("https://a"), false, true, FailureKind.None, TimeSpan.FromSeconds(3), null), s_now);
        Assert.Equal(MirrorHealth.Slow, slow.Health);
        var failing = MirrorMeasurement.FromProbe(new MirrorProbe(new Uri("https://a"), false, false, FailureKind.Tls, TimeSpan.FromSeconds(1), "tls"), s_now);
        Assert.Equal(MirrorHealth.Failing, failing.Health);
        Assert.Equal(MirrorHealth.Healthy, MirrorMeasurement.FromProbe(new MirrorProbe(new Uri("https://a"), true, true, FailureKind.None, TimeSpan.Zero, null), s_now).Health);
    }

    [Fact]
    public void EnvironmentReportShowsEachVariableWithProvenanceAndNoSecrets()
    {
        var files = new Environment.MemoryFiles();
        files.Files["/home/u/.config/go/env"] = ("GOPROXY=https://bob:pw@corp.example/mod,direct\nGOPRIVATE=git.corp.example\n");
        files.Files["/goroot/go.env"] = ("GOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\n");
        var env = GoEnvironment.Compute(new GoEnvironmentInput(
            new Dictionary<string, string>
            {
                ["HOME"] = "/home/u",
                ["GOFLAGS"] = "-mod=mod",
                ["HTTPS_PROXY"] = "http://carol:hunter2@squid.corp:3128",
                ["NO_PROXY"] = "localhost,.corp",
            },
            GoOs.Linux, files, "/goroot", new Dictionary<string, string> { ["GOINSECURE"] = "insecure.example" }));
        var md = EnvironmentReport.Render(env);
        Assert.DoesNotContain("pw@", md, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", md, StringComparison.Ordinal);
        Assert.DoesNotContain("carol", md, StringComparison.Ordinal);
        var rows = EnvironmentReport.Rows(env).ToDictionary(r => r.Name);
        Assert.Equal(["GOPROXY", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOINSECURE", "GOFLAGS", "GOSUMDB", "GOTOOLCHAIN", "GOWORK", "GOMODCACHE", "GOAUTH", "GOVCS", "GOENV", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"], rows.Keys);
        Assert.Equal("netrc", rows["GOAUTH"].Value);
        Assert.Equal("private:all,public:git|hg", rows["GOVCS"].Value);
        Assert.Equal("https://xxxxx@corp.example/mod,direct", rows["GOPROXY"].Value);
        Assert.Equal("set in /home/u/.config/go/env (go env -w)", rows["GOPROXY"].Source);
        Assert.StartsWith("defaults to GOPRIVATE", rows["GONOPROXY"].Source, StringComparison.Ordinal);
        Assert.Equal("git.corp.example", rows["GONOSUMDB"].Value);
        Assert.Equal("set by the editor setting", rows["GOINSECURE"].Source);
        Assert.Equal("set in the process environment", rows["GOFLAGS"].Source);
        Assert.Equal("default from /goroot/go.env", rows["GOSUMDB"].Source);
        Assert.Equal("/home/u/go/pkg/mod", rows["GOMODCACHE"].Value);
        Assert.Equal("/home/u/.config/go/env", rows["GOENV"].Value);
        Assert.Equal("http://xxxxx@squid.corp:3128", rows["HTTPS_PROXY"].Value);
        Assert.Equal("not set", rows["HTTP_PROXY"].Source);
        Assert.Contains("| GOPROXY | `https://xxxxx@corp.example/mod,direct` | set in /home/u/.config/go/env (go env -w) |", md, StringComparison.Ordinal);
        Assert.Contains("| HTTP_PROXY | *(empty)* | not set |", md, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("off;netrc", "invalid, go stops every download: GOAUTH=off cannot be combined with other authentication commands (GOAUTH=off;netrc)")]
    [InlineData("netrc;my-auth-helper --token", "set in the process environment")]
    public void GoAuthRowSaysWhatGoDoesWithIt(string goauth, string expected)
    {
        var env = GoEnvironment.Compute(new GoEnvironmentInput(
            new Dictionary<string, string> { ["HOME"] = "/home/u", ["GOENV"] = "off", ["GOAUTH"] = goauth }, GoOs.Linux, new Environment.MemoryFiles(), "/goroot"));
        var row = EnvironmentReport.Rows(env).Single(r => r.Name == "GOAUTH");
        Assert.Equal(goauth, row.Value);
        Assert.StartsWith("set in the process environment", row.Source, StringComparison.Ordinal);
        Assert.EndsWith(expected, row.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-race", "0", null, "0", "set in the process environment")]
    [InlineData("-race", null, "windows", "0", "off when cross-compiling (for windows/")]
    [InlineData("-race", null, null, "0", "off: CC is not set and no C compiler is on PATH (linux/")]
    [InlineData("-mod=mod", "0", null, null, null)]
    public void CgoRowShowsWhyASanitizerStopsBuilds(string goflags, string? cgo, string? goos, string? value, string? source)
    {
        var variables = new Dictionary<string, string> { ["HOME"] = "/home/u", ["GOENV"] = "off", ["GOFLAGS"] = goflags, ["PATH"] = "/nonexistent" };
        if (cgo is not null)
        {
            variables["CGO_ENABLED"] = cgo;
        }

        if (goos is not null)
        {
            variables["GOOS"] = goos;
        }

        var env = GoEnvironment.Compute(new GoEnvironmentInput(variables, GoOs.Linux, new Environment.MemoryFiles(), "/goroot"));
        var row = EnvironmentReport.Rows(env).SingleOrDefault(r => r.Name == "CGO_ENABLED");
        Assert.Equal(value, row?.Value);
        if (source is not null)
        {
            Assert.StartsWith(source, row!.Source, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void GoEnvOffIsExplained()
    {
        var env = GoEnvironment.Compute(new GoEnvironmentInput(
            new Dictionary<string, string> { ["HOME"] = "/home/u", ["GOENV"] = "off" }, GoOs.Linux, new Environment.MemoryFiles(), "/goroot"));
        var row = EnvironmentReport.Rows(env).Single(r => r.Name == "GOENV");
        Assert.Equal("", row.Value);
        Assert.Contains("off", row.Source, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Get \"https://proxy.golang.org/example.com/m/@v/v1.0.0.info\": dial tcp: lookup proxy.golang.org: no such host", "dial tcp: lookup proxy.golang.org: no such host")]
    [InlineData("reading https://corp.example/example.com/m/@v/v1.0.0.info: 403 Forbidden\n\tserver response: no", "403 Forbidden")]
    [InlineData("Get \"https://xxxxx@corp.example:8443/m/@v/list\": net/http: TLS handshake timeout", "net/http: TLS handshake timeout")]
    [InlineData("module lookup disabled by GOPROXY=off", "module lookup disabled by GOPROXY=off")]
    public void A_shared_failure_is_told_without_the_module_s_request(string outcome, string shared) =>
        Assert.Equal(shared, SharedFailures.WithoutUrl(outcome));
}
