using System.Text;
using System.Text.Json;
using GoModLens.Analysis.GoSum;
using GoModLens.Analysis.ProxyConfig;
using GoModLens.Analysis.Resolution;
using GoModLens.Analysis.Tests.Resolution;
using GoModLens.ModFile.GoSum;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.ProxyTree;
using GoModLens.TestUtilities.SumDb;
using Xunit.Abstractions;

namespace GoModLens.Analysis.Tests.GoSumChecks;

/// <summary>
/// A real checksum database (sumdb-server, x/mod's own server) with go 1.26 and GoModLens as its clients, side by side:
/// go verifies what it signs, and fails as it would against sum.golang.org for a wrong key, a lying database, a captive
/// portal or missing tiles. GoModLens's ChecksumDatabaseClient must reach the same verdict with go's message byte for
/// byte, sending the same requests (go's asserted verbatim up to the parts that change per run: port, signature).
/// </summary>
public sealed class SumDbServerTests(ITestOutputHelper output)
{
    private const string GoMod = "module example.com/m\n\ngo 1.18\n";

    private static readonly Lazy<string> s_tree = new(() => Tree(GoMod));

    private static string Tree(string mGoMod, bool withOther = true)
    {
        var t = new DateTimeOffset(2023, 1, 15, 10, 0, 0, TimeSpan.Zero);
        var b = new ProxyTreeBuilder()
            .Add("example.com/m", "v1.0.0", t, mGoMod)
            .Add("example.com/Upper/Case", "v1.0.0", t);
        if (withOther)
        {
            b.Add("example.com/other", "v1.0.0", t);
        }

        return b.WriteTo(GoOracle.NewScratchDir("sumdb-tree"));
    }

    [SkippableFact]
    public async Task Go_verifies_a_download_against_the_database()
    {
        GoOracle.Require();
        using var db = new SumDbServer(s_tree.Value);

        var (go, module) = Download(db.GoSumDb());

        Assert.True(go.ExitCode == 0, go.Stdout + go.Stderr);
        var version = Path.Combine(s_tree.Value, "example.com", "m", "@v", "v1.0.0");
        using (var zip = File.OpenRead(version + ".zip"))
        {
            Assert.Equal(DirHash.HashZip(zip), module.GetProperty("Sum").GetString());
        }

        Assert.Equal(DirHash.HashGoMod(File.ReadAllBytes(version + ".mod")), module.GetProperty("GoModSum").GetString());
        Assert.Equal(new[] { "/lookup/example.com/m@v1.0.0", "/tile/8/0/000.p/1" }, db.Requests);
        Assert.Equal("sumdb.test", db.Name);

        var ours = await OursAsync(db, db.GoSumDb());
        Assert.True(ours.Probe.Reachable, ours.Probe.Error);
        Assert.Null(ours.GoModVerdict);
        Assert.Equal(db.Requests.Take(2), ours.Requests);
    }

    [SkippableFact]
    public async Task Preloaded_records_come_first_and_paths_are_case_escaped()
    {
        GoOracle.Require();
        using var db = new SumDbServer(s_tree.Value, ["example.com/m@v1.0.0", "example.com/other@v1.0.0"]);

        var (go, _) = Download(db.GoSumDb("ok"), "example.com/Upper/Case@v1.0.0");

        Assert.True(go.ExitCode == 0, go.Stdout + go.Stderr);
        // Two records before it: the proof needs a 3-wide tile. go's URL escaping turns the case-encoding '!' into %21.
        Assert.Equal(new[] { "/ok/lookup/example.com/%21upper/%21case@v1.0.0", "/ok/tile/8/0/000.p/3" }, db.Requests);

        var ours = await OursAsync(db, db.GoSumDb("ok"), "example.com/Upper/Case");
        Assert.True(ours.Probe.Reachable, ours.Probe.Error);
        Assert.Null(ours.GoModVerdict);
        Assert.Equal(["/ok/lookup/example.com/!upper/!case@v1.0.0", "/ok/tile/8/0/000.p/3"], ours.Requests.Select(r => r.Replace("%21", "!", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public async Task A_client_with_another_key_of_the_same_name_rejects_the_tree()
    {
        GoOracle.Require();
        using var db = new SumDbServer(s_tree.Value);

        var (go, module) = Download(db.OtherVerifierKey + " " + db.Url);

        var error = ErrorOf(go, module);
        Assert.StartsWith(
            "example.com/m@v1.0.0: verifying go.mod: example.com/m@v1.0.0/go.mod: reading tree note: note has no verifiable signatures\nnote:\ngo.sum database tree\n1\n",
            error,
            StringComparison.Ordinal);
        Assert.Contains("\n— sumdb.test ", error, StringComparison.Ordinal); // the server's signature line, which go prints

        var ours = await OursAsync(db, db.OtherVerifierKey + " " + db.Url);
        Assert.Equal(error, ours.Probe.GoMessage("example.com/m", "v1.0.0"));
        Assert.Equal(Ports.FailureKind.InvalidResponse, ours.Probe.Kind);
    }

    [SkippableFact]
    public async Task A_database_that_signed_another_go_mod_is_a_security_error()
    {
        GoOracle.Require();
        const string lyingGoMod = GoMod + "\n// not what the proxy serves\n";
        using var db = new SumDbServer(Tree(lyingGoMod));

        var (go, module) = Download(db.GoSumDb());

        var downloaded = DirHash.HashGoMod(Encoding.UTF8.GetBytes(GoMod));
        var signed = DirHash.HashGoMod(Encoding.UTF8.GetBytes(lyingGoMod));
        Assert.Equal(
            $"example.com/m@v1.0.0: verifying go.mod: checksum mismatch\n\tdownloaded: {downloaded}\n\tsumdb.test: {signed}\n\nSECURITY ERROR\nThis download does NOT match the one reported by the checksum server.\nThe bits may have been replaced on the origin server, or an attacker may\nhave intercepted the download attempt.\n\nFor more information, see 'go help module-auth'.\n",
            ErrorOf(go, module));

        var ours = await OursAsync(db, db.GoSumDb());
        Assert.True(ours.Probe.Reachable, ours.Probe.Error);
        Assert.Equal(ErrorOf(go, module), ours.GoModVerdict);

        // gomodlens check: GML3017 on that require only (the other verifies), with go's message.
        var dir = GoOracle.NewScratchDir("check-sumdb");
        var goModFile = Path.Combine(dir, "go.mod");
        await File.WriteAllTextAsync(goModFile, "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/m v1.0.0\n\texample.com/other v1.0.0\n)\n");
        var (exit, doc) = await CheckAsync(goModFile, db.GoSumDb());
        Assert.Equal(Host.Commands.CheckCommand.ExitFindings, exit);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("code").GetString()!.StartsWith("GML30", StringComparison.Ordinal)).ToList();
        var mismatch = Assert.Single(findings);
        Assert.Equal(Findings.FindingCodes.ChecksumDatabaseMismatch, mismatch.GetProperty("code").GetString());
        Assert.Equal(6, mismatch.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
        Assert.Equal(ErrorOf(go, module), mismatch.GetProperty("goMessage").GetString());
    }

    [SkippableFact]
    public async Task A_go_sum_module_line_of_a_public_module_is_checked_against_the_database_record()
    {
        GoOracle.Require();
        using var db = new SumDbServer(s_tree.Value);
        var version = Path.Combine(s_tree.Value, "example.com", "m", "@v", "v1.0.0");
        string zipHash;
        using (var zip = File.OpenRead(version + ".zip"))
        {
            zipHash = DirHash.HashZip(zip);
        }

        var goModHash = DirHash.HashGoMod(File.ReadAllBytes(version + ".mod"));
        var dir = GoOracle.NewScratchDir("sum-public");
        var goModFile = Path.Combine(dir, "go.mod");
        await File.WriteAllTextAsync(goModFile, "module example.com/app\n\ngo 1.22\n\nrequire example.com/m v1.0.0\n");
        const string Tampered = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        await File.WriteAllTextAsync(Path.Combine(dir, "go.sum"), $"example.com/m v1.0.0 {Tampered}\nexample.com/m v1.0.0/go.mod {goModHash}\n");

        // go 1.26 on a machine without the module: it downloads the zip (the one the database recorded) and stops.
        var go = GoOracle.Run(dir, new Dictionary<string, string?>
        {
            ["GOPROXY"] = new Uri(s_tree.Value).AbsoluteUri, ["GOSUMDB"] = db.GoSumDb(), ["GONOSUMDB"] = "",
            ["GOPATH"] = GoOracle.NewScratchDir("gopath"), ["GOMODCACHE"] = GoOracle.NewScratchDir("modcache"), ["GOFLAGS"] = "-mod=mod",
        }, "mod", "download", "example.com/m");
        Assert.NotEqual(0, go.ExitCode);
        output.WriteLine(go.Stderr);

        var before = db.Requests.Count;
        var (exit, json) = await CheckAsync(goModFile, db.GoSumDb());
        Assert.Equal(Host.Commands.CheckCommand.ExitFindings, exit);
        var mismatch = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "GML1510");
        Assert.Equal(go.Stderr.TrimEnd('\n'), mismatch.GetProperty("goMessage").GetString()!.TrimEnd('\n'));
        Assert.Equal($"checksum mismatch for example.com/m@v1.0.0: the zip the checksum database sumdb.test records (what every proxy serves) hashes to {zipHash}; go refuses it (SECURITY ERROR)",
            mismatch.GetProperty("message").GetString());
        var zipJson = json.RootElement.GetProperty("modules")[0].GetProperty("zip");
        Assert.True(zipJson.GetProperty("fromChecksumDatabase").GetBoolean());
        Assert.Equal("sumdb.test", zipJson.GetProperty("source").GetString());
        Assert.Equal(["/lookup/example.com/m@v1.0.0", "/tile/8/0/000.p/1"], db.Requests.Skip(before)); // the record, not the zip

        // The line go wrote is accepted; with GOSUMDB=off nothing is asked.
        await File.WriteAllTextAsync(Path.Combine(dir, "go.sum"), $"example.com/m v1.0.0 {zipHash}\nexample.com/m v1.0.0/go.mod {goModHash}\n");
        var (cleanExit, clean) = await CheckAsync(goModFile, db.GoSumDb());
        Assert.Equal(Host.Commands.CheckCommand.ExitClean, cleanExit);
        Assert.DoesNotContain("GML1510", clean.RootElement.GetRawText(), StringComparison.Ordinal);
        var asked = db.Requests.Count;
        await File.WriteAllTextAsync(Path.Combine(dir, "go.sum"), $"example.com/m v1.0.0 {Tampered}\nexample.com/m v1.0.0/go.mod {goModHash}\n");
        var (_, off) = await CheckAsync(goModFile, "off");
        Assert.DoesNotContain("GML1510", off.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(asked, db.Requests.Count);
    }

    /// <summary>check: a wrong /go.mod line with no module line gets the record's hash as its fix, from one lookup.</summary>
    [Fact]
    public async Task A_wrong_go_mod_line_alone_gets_the_record_s_hash_as_its_fix()
    {
        using var db = new SumDbServer(s_tree.Value);
        var goModHash = DirHash.HashGoMod(File.ReadAllBytes(Path.Combine(s_tree.Value, "example.com", "m", "@v", "v1.0.0.mod")));
        var dir = GoOracle.NewScratchDir("sum-gomod-alone");
        var goModFile = Path.Combine(dir, "go.mod");
        await File.WriteAllTextAsync(goModFile, "module example.com/app\n\ngo 1.22\n\nrequire example.com/m v1.0.0\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "go.sum"), "example.com/m v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");

        var (exit, json) = await CheckAsync(goModFile, db.GoSumDb());

        Assert.Equal(Host.Commands.CheckCommand.ExitFindings, exit);
        var mismatch = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "GML1508");
        var fix = Assert.Single(mismatch.GetProperty("fixes").EnumerateArray());
        Assert.Contains(goModHash, fix.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Single(db.Requests, r => r == "/lookup/example.com/m@v1.0.0");
    }

    private static async Task<(int Exit, JsonDocument Json)> CheckAsync(string goModFile, string gosumdb, IReadOnlyDictionary<string, string>? knownKeys = null)
    {
        using var stdout = new StringWriter();
        var exit = await Host.Commands.CheckCommand.RunAsync(
            new Host.Commands.CheckArguments(goModFile, "json", GoProxy: new Uri(s_tree.Value).AbsoluteUri, GoSumDb: gosumdb), stdout, new StringWriter(),
            o => o with { CacheDirectory = null, Mirrors = [], UseModuleCache = false, ProbeDirect = false, ChecksumDatabaseMirror = null, ChecksumDatabaseKeys = knownKeys },
            CancellationToken.None);
        return (exit, JsonDocument.Parse(stdout.ToString()));
    }

    [SkippableFact]
    public void A_database_without_the_zip_hash_cannot_verify_the_module()
    {
        GoOracle.Require();
        var tree = Tree(GoMod);
        File.Delete(Path.Combine(tree, "example.com", "m", "@v", "v1.0.0.zip"));
        using var db = new SumDbServer(tree);

        var (go, module) = Download(db.GoSumDb());

        Assert.Equal(
            "example.com/m@v1.0.0: verifying module: checksum missing from sumdb response\n\nSECURITY ERROR\nThis download does NOT match one reported by the checksum server.\nThe checksum server has provided checksums, but the checksums do\nnot contain an entry for the download.\nThe checksum server may be malfunctioning, or an attacker may have\nintercepted the checksum request.\nThe download cannot be verified.\n\nFor more information, see 'go help module-auth'.\n",
            ErrorOf(go, module));
    }

    [SkippableFact]
    public async Task A_version_the_database_lacks_is_a_404_not_found()
    {
        GoOracle.Require();
        using var db = new SumDbServer(Tree(GoMod, withOther: false));

        var (go, module) = Download(db.GoSumDb(), "example.com/other@v1.0.0");

        Assert.Equal(
            $"example.com/other@v1.0.0: verifying go.mod: example.com/other@v1.0.0/go.mod: reading {db.Url}/lookup/example.com/other@v1.0.0: 404 Not Found\n\tserver response: not found: example.com/other@v1.0.0: invalid version: unknown revision v1.0.0",
            ErrorOf(go, module));

        var ours = await OursAsync(db, db.GoSumDb(), "example.com/other");
        Assert.Equal(ErrorOf(go, module), ours.Probe.GoMessage("example.com/other", "v1.0.0"));
        Assert.True(ours.Probe.IsNotFound);
    }

    [SkippableTheory]
    [InlineData("html", "example.com/m@v1.0.0: verifying go.mod: example.com/m@v1.0.0/go.mod: malformed record data", "/html/lookup/example.com/m@v1.0.0")]
    [InlineData("notiles", "example.com/m@v1.0.0: verifying go.mod: example.com/m@v1.0.0/go.mod: reading {url}/tile/8/0/000.p/1: 404 Not Found\n\tserver response: 404 page not found", "/notiles/lookup/example.com/m@v1.0.0 /notiles/tile/8/0/000.p/1 /notiles/tile/8/0/000")]
    [InlineData("tile500", "example.com/m@v1.0.0: verifying go.mod: example.com/m@v1.0.0/go.mod: reading {url}/tile/8/0/000.p/1: 500 Internal Server Error\n\tserver response: internal error", "/tile500/lookup/example.com/m@v1.0.0 /tile500/tile/8/0/000.p/1 /tile500/tile/8/0/000")]
    public async Task A_broken_database_fails_the_download(string mode, string message, string requests)
    {
        GoOracle.Require();
        using var db = new SumDbServer(s_tree.Value);

        var (go, module) = Download(db.GoSumDb(mode));

        Assert.Equal(message.Replace("{url}", db.UrlFor(mode), StringComparison.Ordinal), ErrorOf(go, module));
        Assert.Equal(requests.Split(' '), db.Requests);

        var ours = await OursAsync(db, db.GoSumDb(mode));
        Assert.Equal(ErrorOf(go, module), ours.Probe.GoMessage("example.com/m", "v1.0.0"));
        Assert.Equal(requests.Split(' '), ours.Requests);
    }

    [SkippableTheory]
    [InlineData("sumdb.test")]
    [InlineData("https://goproxy.cn/sumdb/sum.golang.org")]
    [InlineData("sum.golang.org+033de0af+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8")]
    [InlineData("a b c")]
    public async Task A_gosumdb_go_refuses_fails_before_any_request(string gosumdb)
    {
        GoOracle.Require();
        using var db = new SumDbServer(s_tree.Value);
        var (go, module) = Download(gosumdb);

        using var transport = new RecordingTransport();
        var probe = await ChecksumDatabase.ProbeAsync(new ProxySettings(new Uri(s_tree.Value).AbsoluteUri, GoSumDb: gosumdb), "example.com/m", "v1.0.0",
            transport, CancellationToken.None);
        Assert.Equal(ErrorOf(go, module), probe!.GoMessage("example.com/m", "v1.0.0"));
        Assert.True(probe.IsConfigurationError);
        Assert.Empty(transport.Urls);
    }

    [SkippableFact]
    public async Task A_module_proxy_that_proxies_the_database_is_found_and_used_as_go_finds_it()
    {
        GoOracle.Require();
        using var db = new SumDbServer(s_tree.Value);
        // The first GOPROXY entry answers /sumdb/sumdb.test/supported (it has no modules: "|" moves on to the tree).
        var goproxy = db.Url + "|" + new Uri(s_tree.Value).AbsoluteUri;
        var go = GoOracle.Run(GoOracle.NewScratchDir("sumdb-work"), new Dictionary<string, string?>
        {
            ["GOPROXY"] = goproxy, ["GOSUMDB"] = db.VerifierKey, ["GONOSUMDB"] = "",
            ["GOPATH"] = GoOracle.NewScratchDir("gopath"), ["GOMODCACHE"] = GoOracle.NewScratchDir("modcache"),
        }, "mod", "download", "-json", "example.com/m@v1.0.0");
        Assert.True(go.ExitCode == 0, go.Stdout + go.Stderr);
        var goRequests = db.Requests.Where(r => r.StartsWith("/sumdb/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["/sumdb/sumdb.test/supported", "/sumdb/sumdb.test/lookup/example.com/m@v1.0.0", "/sumdb/sumdb.test/tile/8/0/000.p/1"], goRequests);

        var before = db.Requests.Count;
        using var transport = new RecordingTransport();
        var probe = await ChecksumDatabase.ProbeAsync(new ProxySettings(goproxy, GoSumDb: db.VerifierKey), "example.com/m", "v1.0.0", transport, CancellationToken.None);
        Assert.True(probe!.Reachable, probe.Error);
        Assert.Equal(db.Url, probe.Via);
        Assert.Equal(goRequests, db.Requests.Skip(before));
    }

    [SkippableFact]
    public async Task A_gosumdb_written_as_a_url_gets_the_spelling_go_accepts_once_that_database_answers()
    {
        GoOracle.Require();
        using var db = new SumDbServer(s_tree.Value, name: "respell.test");
        var dir = GoOracle.NewScratchDir("respell");
        var goModFile = Path.Combine(dir, "go.mod");
        await File.WriteAllTextAsync(goModFile, "module example.com/app\n\ngo 1.22\n\nrequire example.com/m v1.0.0\n");
        var written = db.Url + "/sumdb/respell.test"; // a URL where go wants "name+key [url]": go refuses it

        var (exit, json) = await CheckAsync(goModFile, written, new Dictionary<string, string> { ["respell.test"] = db.VerifierKey });
        Assert.Equal(Host.Commands.CheckCommand.ExitFindings, exit);
        var invalid = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "GML3015");
        Assert.Equal("example.com/m@v1.0.0: verifying go.mod: invalid GOSUMDB: malformed verifier id", invalid.GetProperty("goMessage").GetString());
        var fix = Assert.Single(invalid.GetProperty("fixes").EnumerateArray());
        Assert.StartsWith($"Use GOSUMDB=respell.test {written} (answered in ", fix.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("/sumdb/respell.test/lookup/example.com/m@v1.0.0", db.Requests);

        // Not offered when the database it would name does not answer verified (here: go does not know the name's key).
        var (_, unknown) = await CheckAsync(goModFile, written);
        var unfixed = Assert.Single(unknown.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "GML3015");
        Assert.Empty(unfixed.GetProperty("fixes").EnumerateArray());
    }

    [SkippableFact]
    public async Task A_cached_lookup_and_tiles_answer_offline_as_go_s_cache_does()
    {
        GoOracle.Require();
        using var db = new SumDbServer(s_tree.Value);
        var gopath = GoOracle.NewScratchDir("gopath");
        var modCache = GoOracle.NewScratchDir("modcache");
        var (go, _) = Download(db.GoSumDb(), gopath: gopath, modCache: modCache);
        Assert.Equal(0, go.ExitCode);

        // go wrote the lookup, the tile and the latest tree; a database that now fails every request is not asked.
        var cache = new Infrastructure.Caching.ModuleCacheReader(modCache) { SumDbDirectory = Path.Combine(gopath, "pkg", "sumdb") };
        using var transport = new RecordingTransport();
        var probe = await ChecksumDatabase.ProbeAsync(new ProxySettings(new Uri(s_tree.Value).AbsoluteUri, GoSumDb: db.GoSumDb("tile500")), "example.com/m", "v1.0.0",
            transport, CancellationToken.None, new CacheFiles(cache));
        Assert.True(probe!.Reachable, probe.Error);
        Assert.Empty(transport.Urls);
        Assert.Null(ChecksumDatabase.Compare(probe, new ModuleVersionKey("example.com/m", "v1.0.0"), DirHash.HashGoMod(Encoding.UTF8.GetBytes(GoMod))));
    }

    [SkippableFact]
    public async Task A_database_that_could_not_be_reached_is_asked_again_after_a_while_not_once_per_module()
    {
        GoOracle.Require();
        using var db = new SumDbServer(s_tree.Value);
        using var inner = new RecordingTransport();
        var network = new SwitchableTransport(inner) { Down = true };
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var resolver = new RequirementResolver(network, timeProvider: time);
        var options = new ResolveOptions(new ProxySettings(new Uri(s_tree.Value).AbsoluteUri, GoSumDb: db.GoSumDb()), null);

        // The first lookup meets the refusal; the next module's, moments later, is not sent (one timeout, not one per module).
        Assert.Null(await resolver.RecordedZipHashAsync(new ModuleVersionKey("example.com/m", "v1.0.0"), options, CancellationToken.None));
        Assert.Null(await resolver.RecordedZipHashAsync(new ModuleVersionKey("example.com/other", "v1.0.0"), options, CancellationToken.None));
        Assert.Equal(1, network.Refused);

        // The network is back, and after a while the database is asked again (the same client: its latest tree kept).
        network.Down = false;
        time.Advance(TimeSpan.FromSeconds(31));
        var zip = await resolver.RecordedZipHashAsync(new ModuleVersionKey("example.com/m", "v1.0.0"), options, CancellationToken.None);
        using var file = File.OpenRead(Path.Combine(s_tree.Value, "example.com", "m", "@v", "v1.0.0.zip"));
        Assert.Equal(DirHash.HashZip(file), zip?.Hash);
        Assert.Equal(1, network.Refused);
    }

    /// <summary>A network that can be pulled: while down, every request is refused as a closed port is.</summary>
    private sealed class SwitchableTransport(Ports.IProxyTransport inner) : Ports.IProxyTransport
    {
        private int _refused;

        public bool Down { get; set; }

        public int Refused => _refused;

        public ValueTask<Ports.FetchResult> GetAsync(Ports.ProxyRequest request, CancellationToken cancellationToken)
        {
            if (!Down)
            {
                return inner.GetAsync(request, cancellationToken);
            }

            Interlocked.Increment(ref _refused);
            var url = request.Url.AbsoluteUri;
            return ValueTask.FromResult(new Ports.FetchResult(Ports.FailureKind.ConnectionRefused, url, null, null, null, null,
                $"Get \"{url}\": dial tcp {request.Url.Authority}: connect: connection refused", TimeSpan.Zero));
        }
    }

    private sealed class CacheFiles(Infrastructure.Caching.ModuleCacheReader reader) : Ports.IModuleCache
    {
        public ValueTask<Ports.FetchResult?> TryReadAsync(string escapedPath, string escapedVersion, Ports.ProxyEndpoint endpoint, CancellationToken cancellationToken) =>
            reader.TryReadAsync(escapedPath, escapedVersion, endpoint, cancellationToken);

        public ValueTask<byte[]?> ReadChecksumDatabaseFileAsync(string file, bool config, CancellationToken cancellationToken) =>
            reader.ReadChecksumDatabaseFileAsync(file, config, cancellationToken);
    }

    /// <summary>
    /// GoModLens's verdict on example.com/m's go.mod (or <paramref name="modulePath"/>'s) with this GOSUMDB: the probe,
    /// go's checkSumDB message for the go.mod the proxy tree serves (null: accepted), and the paths the database logged.
    /// </summary>
    private async Task<(ChecksumDatabaseProbe Probe, string? GoModVerdict, IReadOnlyList<string> Requests)> OursAsync(SumDbServer db, string gosumdb,
        string modulePath = "example.com/m")
    {
        var before = db.Requests.Count;
        using var transport = new RecordingTransport();
        var probe = await ChecksumDatabase.ProbeAsync(new ProxySettings(new Uri(s_tree.Value).AbsoluteUri, GoSumDb: gosumdb), modulePath, "v1.0.0", transport,
            CancellationToken.None);
        Assert.NotNull(probe);
        output.WriteLine($"ours: {probe.Error}\n{string.Join("\n", probe.Trace)}");
        var escaped = ModFile.Module.ModulePath.EscapePath(modulePath);
        var served = File.ReadAllBytes(Path.Combine(s_tree.Value, escaped.Replace('/', Path.DirectorySeparatorChar), "@v", "v1.0.0.mod"));
        var verdict = probe.Reachable ? ChecksumDatabase.Compare(probe, new ModuleVersionKey(modulePath, "v1.0.0"), DirHash.HashGoMod(served)) : null;
        return (probe, verdict, [.. db.Requests.Skip(before)]);
    }

    /// <summary><c>go mod download -json</c> outside any module, with a fresh GOPATH (sumdb cache) and module cache.</summary>
    private (GoResult Go, JsonElement Module) Download(string gosumdb, string module = "example.com/m@v1.0.0", string? gopath = null, string? modCache = null)
    {
        var go = GoOracle.Run(GoOracle.NewScratchDir("sumdb-work"), new Dictionary<string, string?>
        {
            ["GOPROXY"] = new Uri(s_tree.Value).AbsoluteUri,
            ["GOSUMDB"] = gosumdb,
            ["GONOSUMDB"] = "",
            ["GOPATH"] = gopath ?? GoOracle.NewScratchDir("gopath"),
            ["GOMODCACHE"] = modCache ?? GoOracle.NewScratchDir("modcache"),
        }, "mod", "download", "-json", module);
        output.WriteLine($"GOSUMDB={gosumdb}\nexit {go.ExitCode}\nstdout:\n{go.Stdout}\nstderr:\n{go.Stderr}");
        using var json = JsonDocument.Parse(go.Stdout);
        return (go, json.RootElement.Clone());
    }

    private static string ErrorOf(GoResult go, JsonElement module)
    {
        Assert.NotEqual(0, go.ExitCode);
        return module.GetProperty("Error").GetString()!;
    }
}
