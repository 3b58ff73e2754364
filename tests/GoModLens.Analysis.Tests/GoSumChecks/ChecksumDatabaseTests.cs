using System.Text.Json;
using GoModLens.Analysis.Findings;
using GoModLens.Analysis.GoSum;
using GoModLens.Analysis.ProxyConfig;
using GoModLens.Analysis.Tests.Resolution;
using GoModLens.Analysis.Tests.Transport;
using GoModLens.Host.Commands;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.SumDb;

namespace GoModLens.Analysis.Tests.GoSumChecks;

/// <summary>Reaching GOSUMDB (directly, or through a GOPROXY entry that proxies it) against go 1.26's own verification errors.</summary>
public sealed class ChecksumDatabaseTests : IClassFixture<FakeProxyFixture>
{
    private static readonly int s_closedPort = LoopbackPorts.Closed();
    private readonly FakeProxyFixture _fixture;

    public ChecksumDatabaseTests(FakeProxyFixture fixture)
    {
        _fixture = fixture;

        // The fake proxy's tree proxies sum.golang.org (goproxy.cn does): /supported answers, every lookup is a 404.
        var supported = Path.Combine(fixture.Proxy.Root, "sumdb", "sum.golang.org", "supported");
        Directory.CreateDirectory(Path.GetDirectoryName(supported)!);
        File.WriteAllText(supported, "");
    }

    [Theory]
    [InlineData("sum.golang.org", "sum.golang.org", null)]
    [InlineData("sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8", "sum.golang.org", null)]
    [InlineData("sum.golang.google.cn", "sum.golang.org", "https://sum.golang.google.cn")]
    [InlineData("sum.golang.org https://sum.example/db/", "sum.golang.org", "https://sum.example/db")]
    public void Gosumdb_names_a_database_and_maybe_its_url(string value, string name, string? url)
    {
        using var transport = new RecordingTransport();
        var client = ChecksumDatabaseClient.Create(new ProxySettings("off", GoSumDb: value), transport)!.Value.Client!;
        Assert.Equal((name, url), (client.Name, client.ExplicitUrl));
    }

    [Theory]
    [InlineData("a b c", "invalid GOSUMDB: too many fields")]
    [InlineData("", "missing GOSUMDB")]
    [InlineData("sumdb.corp.example", "invalid GOSUMDB: malformed verifier id")]
    public void A_gosumdb_go_refuses_is_refused_before_any_request(string value, string error)
    {
        using var transport = new RecordingTransport();
        var (client, refused) = ChecksumDatabaseClient.Create(new ProxySettings("off", GoSumDb: value), transport)!.Value;
        Assert.Null(client);
        Assert.Equal(error, refused);
        Assert.Empty(transport.Urls);
        Assert.Null(ChecksumDatabaseClient.Create(new ProxySettings("off", GoSumDb: "off"), transport)); // GOSUMDB=off: no client at all
    }

    [Theory]
    [InlineData("https://goproxy.cn/sumdb/sum.golang.org", "sum.golang.org https://goproxy.cn/sumdb/sum.golang.org")]
    [InlineData("goproxy.cn/sumdb/sum.golang.org/", "sum.golang.org https://goproxy.cn/sumdb/sum.golang.org")]
    [InlineData("https://goproxy.cn/sumdb/sum.golang.org sum.golang.org", "sum.golang.org https://goproxy.cn/sumdb/sum.golang.org")]
    [InlineData("https://sum.golang.google.cn/", "sum.golang.google.cn")]
    [InlineData("https://sum.golang.org", "sum.golang.org")]
    [InlineData("mycorp.example/sumdb", null)]
    [InlineData("https://sumdb.mycorp.example", null)]
    [InlineData("a b c", null)]
    [InlineData("sum.golang.org+033de0af+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8", null)]
    public void A_gosumdb_go_refuses_is_respelled_when_it_names_a_known_database(string value, string? respelled) =>
        Assert.Equal(respelled, ChecksumDatabase.Respelled(value));

    public static TheoryData<string, string> Scenarios() => new()
    {
        // GOPROXY, GOSUMDB ({ok} = the fake proxy's tree, which proxies sum.golang.org; {closed} = a refused port)
        { "{ok}", "sum.golang.org http://127.0.0.1:{closed}" },
        { "{ok}", "sum.golang.org" },
        { "http://127.0.0.1:{closed}|{ok}", "sum.golang.org" },
        { "{ok}", "sum.golang.org {status/404}" },
        { "{ok}", "sum.golang.org {status/403}" },
        { "{ok}", "sum.golang.org {html/502}" },
    };

    [SkippableTheory]
    [MemberData(nameof(Scenarios))]
    public async Task The_lookup_fails_as_go_s_verification_does(string goproxyShape, string gosumdbShape)
    {
        GoOracle.Require();
        var goproxy = Expand(goproxyShape);
        var gosumdb = Expand(gosumdbShape);
        var work = GoOracle.NewScratchDir("sumdb");
        var go = GoOracle.Run(work, new Dictionary<string, string?>
        {
            ["GOPROXY"] = goproxy,
            ["GOSUMDB"] = gosumdb,
            ["GONOSUMDB"] = "",
            ["GOMODCACHE"] = GoOracle.NewScratchDir("modcache"),
        }, "mod", "download", "-json", "example.com/foo@v1.0.0");
        var goError = JsonDocument.Parse(go.Stdout).RootElement.GetProperty("Error").GetString();

        using var transport = new RecordingTransport();
        var probe = await ChecksumDatabase.ProbeAsync(new ProxySettings(goproxy, GoSumDb: gosumdb), "example.com/foo", "v1.0.0", transport, CancellationToken.None);
        Assert.NotNull(probe);
        Assert.False(probe.Reachable);
        Assert.Equal(goError, probe.GoMessage("example.com/foo", "v1.0.0"));
        Assert.Equal(transport.Urls.Count, transport.Urls.Distinct().Count());
        Assert.Equal(probe.Requests, transport.Urls.Count);
    }

    [Fact]
    public async Task Check_reports_each_require_go_must_verify_and_nothing_when_go_sum_covers_them()
    {
        var dir = GoOracle.NewScratchDir("check-sumdb");
        var goMod = Path.Combine(dir, "go.mod");
        await File.WriteAllTextAsync(goMod, "module example.com/m\n\ngo 1.22\n\nrequire (\n\texample.com/foo v1.0.0\n\tgit.corp.example/lib v1.0.0\n)\n\nreplace git.corp.example/lib => example.com/foo v1.0.0\n");
        // sum.golang.org unreachable; its "mirror" is a real database (a test key under that name) that answers.
        using var mirror = new SumDbServer(_fixture.Proxy.Root, name: "sum.golang.org");
        var args = new CheckArguments(goMod, "json", GoProxy: _fixture.Proxy.Url("ok"), GoSumDb: $"{mirror.VerifierKey} http://127.0.0.1:{s_closedPort}");

        var (exit, output) = await RunAsync(args, mirror.Url);
        Assert.Equal(CheckCommand.ExitFindings, exit);
        using var doc = JsonDocument.Parse(output);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("code").GetString() == FindingCodes.ChecksumDatabaseUnreachable).ToList();
        Assert.Equal(2, findings.Count);
        Assert.Equal($"example.com/foo@v1.0.0: verifying go.mod: example.com/foo@v1.0.0/go.mod: Get \"http://127.0.0.1:{s_closedPort}/lookup/example.com/foo@v1.0.0\": dial tcp 127.0.0.1:{s_closedPort}: connect: connection refused",
            findings[0].GetProperty("goMessage").GetString());
        Assert.StartsWith("go.sum has no line for example.com/foo@v1.0.0, and go cannot verify it: checksum database sum.golang.org (GOSUMDB): could not connect",
            findings[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("go.sum has no line for git.corp.example/lib@v1.0.0 (replaced by example.com/foo@v1.0.0)", findings[1].GetProperty("message").GetString(), StringComparison.Ordinal);
        // The database answers elsewhere for this module: that is offered first (and once more for the replaced require).
        var fix = findings[0].GetProperty("fixes")[0];
        Assert.Equal("setGoSumDb", fix.GetProperty("kind").GetString());
        Assert.StartsWith($"Use GOSUMDB={mirror.VerifierKey} {mirror.Url} (answered in ", fix.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Single(findings[1].GetProperty("fixes").EnumerateArray()); // no GONOSUMDB: go verifies the replacement, a public path

        // With the go.sum lines go needs, it never asks the database. (The "/go.mod" hash is the served .mod's: check verifies it.)
        using var http = new HttpClient();
        var served = await http.GetByteArrayAsync(_fixture.Proxy.Url("ok") + "/example.com/foo/@v/v1.0.0.mod");
        await File.WriteAllTextAsync(Path.Combine(dir, "go.sum"), "example.com/foo v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n" // the module hash a build needs (GML1509)
            + $"example.com/foo v1.0.0/go.mod {ModFile.GoSum.DirHash.HashGoMod(served)}\n");
        var (cleanExit, cleanOutput) = await RunAsync(args, mirror.Url);
        Assert.DoesNotContain(FindingCodes.ChecksumDatabaseUnreachable, cleanOutput, StringComparison.Ordinal);
        Assert.Equal(CheckCommand.ExitClean, cleanExit);
    }

    private static async Task<(int Exit, string Out)> RunAsync(CheckArguments args, string databaseMirror)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CheckCommand.RunAsync(args, stdout, stderr,
            o => o with
            {
                CacheDirectory = null, Mirrors = [], UseModuleCache = false, ProbeDirect = false, HostResolver = new Server.Tests.GoMod.RecordingHostResolver(),
                ChecksumDatabaseMirror = databaseMirror,
            },
            CancellationToken.None);
        return (exit, stdout.ToString());
    }

    private string Expand(string shape)
    {
        var s = shape.Replace("{closed}", s_closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{ok}", _fixture.Proxy.Url("ok"), StringComparison.Ordinal);
        foreach (var route in new[] { "status/404", "status/403", "html/502" })
        {
            s = s.Replace("{" + route + "}", _fixture.Proxy.Url(route), StringComparison.Ordinal);
        }

        return s;
    }

}
