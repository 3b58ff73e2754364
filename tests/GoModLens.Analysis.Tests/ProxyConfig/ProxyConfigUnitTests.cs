using GoModLens.Analysis.Ports;
using GoModLens.Analysis.ProxyConfig;
using GoModLens.ModFile.Module;

namespace GoModLens.Analysis.Tests.ProxyConfig;

public sealed class ProxyListTests
{
    [Theory]
    [InlineData("https://proxy.golang.org,direct", "https://proxy.golang.org|,direct|,")]
    [InlineData("a.example|b.example,direct", "https://a.example||https://b.example|,direct|,")]
    [InlineData("a.example,,b.example,", "https://a.example|,https://b.example|,")]
    [InlineData(" https://p.example/x/ , off ,https://never", "https://p.example/x/|,off|,")]
    [InlineData("direct,https://ignored", "direct|,")]
    [InlineData("127.0.0.1:8080", "https://127.0.0.1:8080|,")]
    [InlineData("file:///srv/proxy|direct", "file:///srv/proxy||direct|,")]
    public void Parses_entries_with_separator_semantics(string goproxy, string expected)
    {
        var list = ProxyList.Parse(goproxy);
        Assert.Null(list.Error);
        var actual = string.Concat(list.Entries.Select(e => e.Text + "|" + (e.FallBackOnError ? "|" : ",")));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(",", "GOPROXY list is not the empty string, but contains no entries")]
    [InlineData(" ", "GOPROXY list is not the empty string, but contains no entries")]
    [InlineData("foo", "invalid proxy URL missing scheme: foo")]
    [InlineData("Direct", "invalid proxy URL missing scheme: Direct")]
    [InlineData("/srv/proxy", "invalid proxy URL missing scheme: /srv/proxy")]
    [InlineData("ftp://x.example", "invalid proxy URL scheme (must be https, http, file): ftp://x.example")]
    [InlineData("file://localhost/srv", "invalid file:// proxy URL with non-path elements: file://localhost/srv")]
    [InlineData("file:///srv?x=1", "invalid file:// proxy URL with non-path elements: file:///srv?x=1")]
    [InlineData("ftp://u:secret@x.example", "invalid proxy URL scheme (must be https, http, file): ftp://u:xxxxx@x.example")]
    [InlineData("https://%zz.example", "parse \"https://%zz.example\": invalid URL escape \"%zz\"")]
    [InlineData("http://[::1", "parse \"http://[::1\": missing ']' in host")]
    [InlineData("https://h.example:abc", "parse \"https://h.example:abc\": invalid port \":abc\" after host")]
    public void Reports_gos_errors(string goproxy, string message)
    {
        var list = ProxyList.Parse(goproxy);
        Assert.Equal(message, list.Error);
        Assert.Empty(list.Entries);
    }

    [Fact]
    public void Noproxy_entry_is_implicit_when_gonoproxy_is_set_unless_goproxy_is_exactly_direct()
    {
        Assert.Equal(ProxyEntryKind.NoProxy, ProxyList.Parse("https://p.example", "corp.example").Entries[0].Kind);
        Assert.Single(ProxyList.Parse("direct", "corp.example").Entries);
        Assert.Equal(ProxyEntryKind.NoProxy, ProxyList.Parse("direct,", "corp.example").Entries[0].Kind);
        Assert.Equal(ProxyList.EmptyListError, ProxyList.Parse(",", "corp.example").Error);
    }

    [Fact]
    public void Windows_absolute_paths_are_not_given_a_scheme()
    {
        // On Windows an absolute path is left alone and then fails as a URL with scheme "c"; elsewhere it gets https://.
        Assert.Equal(@"invalid proxy URL scheme (must be https, http, file): c:\proxy", ProxyList.Parse(@"C:\proxy", windowsPaths: true).Error);
        Assert.Equal(@"parse ""https://C:\\proxy"": invalid port "":\\proxy"" after host", ProxyList.Parse(@"C:\proxy").Error);
    }
}

public sealed class PrefixPatternTests
{
    [Theory]
    [InlineData("*.corp.example.com", "git.corp.example.com/x/y", true)]
    [InlineData("rsc.io/private", "rsc.io/private", true)]
    [InlineData("rsc.io/private", "rsc.io/private/quux", true)]
    [InlineData("rsc.io/private", "rsc.io/privateer", false)]
    [InlineData("example.com", "example.com/anything", true)]
    [InlineData("*", "any.example/path", true)]
    [InlineData(" *.corp.example", "a.corp.example/x", false)]
    [InlineData("example.com/", "example.com/x", true)]
    [InlineData("example.com//", "example.com/x", false)]
    [InlineData("a.example/b/c", "a.example/b", false)]
    [InlineData("a.example/*/c", "a.example/b/c/d", true)]
    [InlineData(",,x.example", "x.example/m", true)]
    [InlineData("[a-c].example", "b.example/m", true)]
    [InlineData("[^a-c].example", "b.example/m", false)]
    [InlineData("[", "x", false)]
    [InlineData("x.exam?le", "x.example", true)]
    [InlineData("x\\.example", "x.example", true)]
    [InlineData("X.example", "x.example", false)]
    [InlineData("none", "none.example/x", false)]
    public void MatchPrefixPatterns(string globs, string path, bool expected) =>
        Assert.Equal(expected, ModulePath.MatchPrefixPatterns(globs, path));

    [Theory]
    [InlineData("a*", "abc", true, false)]
    [InlineData("a*/b", "abc/b", true, false)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxe/f", true, false)]
    [InlineData("a*b?c*x", "abxbbxdbxebxczzx", true, false)]
    [InlineData("a*", "ab/c", false, false)]
    [InlineData("[\\-]", "-", true, false)]
    [InlineData("[x-]", "x", false, true)]
    [InlineData("[]a]", "]", false, true)]
    [InlineData("a[", "x", false, true)]
    [InlineData("*x", "xxx", true, false)]
    [InlineData("\\", "a", false, true)]
    public void PathMatch_follows_go(string pattern, string name, bool match, bool bad)
    {
        var wellFormed = PathGlob.TryMatch(pattern, name, out var matched);
        Assert.Equal(bad, !wellFormed);
        Assert.Equal(match, wellFormed && matched);
    }
}

public sealed class ProxyUrlsTests
{
    [Fact]
    public void Escapes_case_and_bang_like_go()
    {
        var url = ProxyUrls.Info("http://127.0.0.1:18181/a/", "upper.example/Azure/M", "v1.0.0-Beta+incompatible", out var error);
        Assert.Null(error);
        Assert.Equal("http://127.0.0.1:18181/a/upper.example/%21azure/%21m/@v/v1.0.0-%21beta+incompatible.info", url!.Text);
    }

    [Theory]
    [InlineData("https://proxy.golang.org", "https://proxy.golang.org/golang.org/x/text/@v/list")]
    [InlineData("https://proxy.golang.org/", "https://proxy.golang.org/golang.org/x/text/@v/list")]
    [InlineData("https://p.example/sub/", "https://p.example/sub/golang.org/x/text/@v/list")]
    [InlineData("file:///srv/proxy", "file:///srv/proxy/golang.org/x/text/@v/list")]
    public void List_urls(string baseUrl, string expected) =>
        Assert.Equal(expected, ProxyUrls.List(baseUrl, "golang.org/x/text", out _)!.Text);

    [Fact]
    public void Other_endpoints()
    {
        Assert.Equal("https://p.example/m.example/%21x/@latest", ProxyUrls.Latest("https://p.example", "m.example/X", out _)!.Text);
        Assert.Equal("https://p.example/m.example/x/@v/v1.2.3.mod", ProxyUrls.Mod("https://p.example", "m.example/x", "v1.2.3", out _)!.Text);
        Assert.Equal("https://p.example/m.example/x/@v/v1.2.3.zip", ProxyUrls.Zip("https://p.example", "m.example/x", "v1.2.3", out _)!.Text);
    }

    [Fact]
    public void Credentials_are_redacted_for_display_but_kept_for_the_request()
    {
        var url = ProxyUrls.List("https://user:s3cret@p.example", "m.example/x", out _)!;
        Assert.Equal("https://user:s3cret@p.example/m.example/x/@v/list", url.Text);
        Assert.Equal("https://user:xxxxx@p.example/m.example/x/@v/list", url.Redacted);
        Assert.DoesNotContain("s3cret", url.ToString(), StringComparison.Ordinal);
        Assert.Equal("https://user:xxxxx@p.example/x", ProxyUrls.Redact(new Uri("https://user:s3cret@p.example/x")));
        // A user name without a password is a token more often than not: masked, where go would print it.
        Assert.Equal("https://xxxxx@p.example/x", ProxyUrls.Redact(new Uri("https://T0KEN@p.example/x")));
        Assert.Equal("https://p.example/x", ProxyUrls.Redact(new Uri("https://p.example/x")));
        Assert.Equal("Get \"https://xxxxx@p.example/x\"", "Get \"" + Infrastructure.Classification.UrlRedaction.StrippedForTransport(new Uri("https://T0KEN@p.example/x")) + "\"");
        Assert.Equal("https://user:***@p.example/x", Infrastructure.Classification.UrlRedaction.StrippedForTransport(new Uri("https://user:s3cret@p.example/x")));
    }

    [Fact]
    public void Refuses_unescapable_paths_and_versions()
    {
        Assert.Null(ProxyUrls.List("https://p.example", "m.example/a!b", out var e1));
        Assert.Contains("malformed module path", e1, StringComparison.Ordinal);
        Assert.Null(ProxyUrls.Info("https://p.example", "m.example/x", "v1/../../x", out var e2));
        Assert.Contains("disallowed version string", e2, StringComparison.Ordinal);
    }
}

public sealed class ProxyRoutingTests
{
    [Fact]
    public void Private_paths_are_never_routed_to_a_proxy()
    {
        string[] proxies = ["https://p.example", "https://p.example|direct", "https://a.example,https://b.example", "off", "direct", "https://p.example,off"];
        string[] patterns = ["*", "corp.example", "*.example", "corp.example/team"];
        foreach (var goproxy in proxies)
        {
            foreach (var pattern in patterns)
            {
                var route = ProxyRouting.For("corp.example/team/mod", new ProxySettings(goproxy, GoNoProxy: pattern));
                Assert.True(route.IsPrivate);
                Assert.Empty(route.ProxySteps);
                Assert.All(route.Steps, s => Assert.True(s is DirectStep || s is RefusedStep { Reason: RefusalReason.PrivatePath }));
            }
        }
    }

    [Fact]
    public void Private_path_goes_direct_via_noproxy_even_when_goproxy_is_off()
    {
        var route = ProxyRouting.For("corp.example/m", new ProxySettings("off", GoNoProxy: "corp.example"));
        Assert.IsType<DirectStep>(route.Steps[0]);
        Assert.Equal(ProxyRouting.PrivatePathMessage, Assert.IsType<RefusedStep>(route.Steps[1]).Message);
    }

    [Fact]
    public void Public_path_skips_noproxy_and_uses_proxies()
    {
        var route = ProxyRouting.For("github.com/x/y", new ProxySettings("https://p.example,direct", GoNoProxy: "corp.example"));
        Assert.Equal(RefusalReason.NotPrivate, Assert.IsType<RefusedStep>(route.Steps[0]).Reason);
        Assert.Equal("https://p.example", Assert.IsType<ProxyStep>(route.Steps[1]).BaseUrl);
        Assert.IsType<DirectStep>(route.Steps[2]);
    }

    [Fact]
    public void Checksum_db_and_insecure_rules()
    {
        Assert.False(ProxyRouting.For("corp.example/m", new ProxySettings("direct", GoNoSumDb: "corp.example")).UsesChecksumDb);
        Assert.False(ProxyRouting.For("x.example/m", new ProxySettings("direct", GoSumDb: "off")).UsesChecksumDb);
        Assert.True(ProxyRouting.For("x.example/m", ProxySettings.Defaults).UsesChecksumDb);
        Assert.True(ProxyRouting.For("toolchain", new ProxySettings("direct", GoSumDb: "off")).UsesChecksumDb);
        Assert.Equal("golang.org/toolchain", ProxyRouting.For("go", ProxySettings.Defaults).LookupPath);
        Assert.False(ProxyRouting.For("golang.org/toolchain", new ProxySettings("file:///d", GoSumDb: "off")).UsesChecksumDb);
        var insecure = ProxyRouting.For("i.example/m", new ProxySettings("direct", GoInsecure: "i.example"));
        Assert.True(Assert.IsType<DirectStep>(insecure.Steps[0]).Insecure);
    }

    [Fact]
    public void Goflags_mod_vendor_does_not_change_the_walk_since_the_commands_that_fetch_ignore_it()
    {
        // go mod download, go get, go mod tidy and go mod vendor take no -mod: with GOFLAGS=-mod=vendor they still walk
        // GOPROXY (EnvironmentDifferentialTests, VendorModeTests); builds from vendor/ look nothing up at all.
        var vendor = ProxyRouting.For("x.example/m", new ProxySettings("https://p.example,direct", BuildMod: "vendor"));
        var plain = ProxyRouting.For("x.example/m", new ProxySettings("https://p.example,direct"));
        Assert.Equal(plain.Steps.Select(s => s.GetType()), vendor.Steps.Select(s => s.GetType()));
        Assert.IsType<ProxyStep>(vendor.Steps[0]);
    }
}

public sealed class ProxyWalkTests
{
    private static StepOutcome NotFound(string u) => StepOutcome.Failure("reading " + u + ": 404 Not Found", true);

    private static StepOutcome Hard(string u) => StepOutcome.Failure("reading " + u + ": 403 Forbidden", false);

    private static async Task<WalkResult> Walk(string goproxy, Func<RouteStep, StepOutcome> f, string gonoproxy = "")
    {
        var route = ProxyRouting.For("x.example/m", new ProxySettings(goproxy, GoNoProxy: gonoproxy));
        return await ProxyWalk.WalkAsync(route, (s, _) => ValueTask.FromResult(f(s)), CancellationToken.None);
    }

    [Fact]
    public async Task Comma_continues_on_not_found_and_reports_last_not_found()
    {
        var r = await Walk("https://a.example,https://b.example", s => NotFound(s.Entry.Text));
        Assert.Equal("reading https://b.example: 404 Not Found", r.ReportedError);
        Assert.Equal(2, r.Trace.Count);
    }

    [Fact]
    public async Task Comma_stops_on_hard_error()
    {
        var r = await Walk("https://a.example,https://b.example", s => Hard(s.Entry.Text));
        Assert.Equal("reading https://a.example: 403 Forbidden", r.ReportedError);
        Assert.Single(r.Trace);
        Assert.Single(r.NotTried);
    }

    [Fact]
    public async Task Pipe_continues_on_hard_error_and_keeps_it_over_a_later_not_found()
    {
        var r = await Walk("https://a.example|https://b.example", s => s.Entry.Text.Contains('a', StringComparison.Ordinal) ? Hard("a") : NotFound("b"));
        Assert.Equal("reading a: 403 Forbidden", r.ReportedError);
        Assert.Equal(2, r.Trace.Count);
    }

    [Fact]
    public async Task Direct_error_wins_and_off_reports_its_message()
    {
        var r = await Walk("https://a.example,direct", s => s is DirectStep ? StepOutcome.Failure("git: fail", false) : NotFound("a"));
        Assert.Equal("git: fail", r.ReportedError);
        var off = await Walk("https://a.example,off", _ => NotFound("a"));
        Assert.Equal("module lookup disabled by GOPROXY=off", off.ReportedError);
        var onlyOff = await Walk("off", _ => throw new InvalidOperationException("off must not fetch"));
        Assert.Equal("module lookup disabled by GOPROXY=off", onlyOff.ReportedError);
    }

    [Fact]
    public async Task Noproxy_no_op_does_not_count_as_direct()
    {
        var r = await Walk("https://a.example", _ => NotFound("a"), gonoproxy: "corp.example");
        Assert.Equal("reading a: 404 Not Found", r.ReportedError);
        Assert.Equal(ErrorRank.NotFound, r.Trace[0].Rank);
    }

    [Fact]
    public async Task Success_stops_the_walk()
    {
        var r = await Walk("https://a.example,https://b.example", _ => StepOutcome.Success());
        Assert.True(r.Succeeded);
        Assert.Single(r.Trace);
    }

    [Fact]
    public async Task Configuration_error_is_reported_without_fetching()
    {
        var r = await Walk("ftp://x", _ => throw new InvalidOperationException());
        Assert.Equal("invalid proxy URL scheme (must be https, http, file): ftp://x", r.ReportedError);
    }

    [Fact]
    public void Fetch_results_map_to_not_found_only_for_404_410()
    {
        Assert.True(StepOutcome.FromFetch(new FetchResult(FailureKind.Gone, "u", null, 410, "Gone", null, "e", TimeSpan.Zero)).IsNotFound);
        Assert.False(StepOutcome.FromFetch(new FetchResult(FailureKind.Forbidden, "u", null, 403, "Forbidden", null, "e", TimeSpan.Zero)).IsNotFound);
    }

    [Theory]
    [InlineData(ErrorRank.Direct, ErrorRank.Direct, true)]
    [InlineData(ErrorRank.Proxy, ErrorRank.Direct, false)]
    [InlineData(ErrorRank.Proxy, ErrorRank.Proxy, true)]
    [InlineData(ErrorRank.NotFound, ErrorRank.Proxy, false)]
    [InlineData(ErrorRank.NotFound, ErrorRank.NotFound, true)]
    public void Ranking(ErrorRank rank, ErrorRank best, bool replaces) => Assert.Equal(replaces, ProxyWalk.Replaces(rank, best));
}
