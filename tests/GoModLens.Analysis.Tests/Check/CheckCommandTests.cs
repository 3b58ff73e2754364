using System.Text.RegularExpressions;
using System.Text.Json;
using GoModLens.Analysis.Findings;
using GoModLens.Host.Commands;
using GoModLens.Infrastructure.Composition;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.ProxyTree;

namespace GoModLens.Analysis.Tests.Check;

public sealed class CheckCommandTests
{
    private static string SampleGoMod => Path.Combine(RepoPaths.Root, "samples", "basic", "go.mod");

    private static string SampleProxy => "file://" + Path.Combine(RepoPaths.Root, "samples", "proxy");

    internal static EngineOptions Hermetic(EngineOptions o) =>
        o with { CacheDirectory = null, Mirrors = [], UseModuleCache = false, ProbeDirect = false, HostResolver = new Server.Tests.GoMod.RecordingHostResolver() };

    /// <summary>GOSUMDB is off unless a test names one: the checks here are about the proxy, and sum.golang.org is the internet.</summary>
    internal static async Task<(int Exit, string Out, string Err)> RunAsync(CheckArguments args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CheckCommand.RunAsync(args with { GoSumDb = args.GoSumDb ?? "off" }, stdout, stderr, Hermetic, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static string WriteGoMod(string text, bool withSampleSums = false)
    {
        var dir = GoOracle.NewScratchDir("check");
        var path = Path.Combine(dir, "go.mod");
        File.WriteAllText(path, text);
        if (withSampleSums)
        {
            File.Copy(Path.Combine(RepoPaths.Root, "samples", "basic", "go.sum"), Path.Combine(dir, "go.sum")); // the sample proxy's hashes
        }

        return path;
    }

    [Fact]
    public async Task A_mirror_of_the_user_is_suggested_when_the_proxy_is_down()
    {
        var goMod = WriteGoMod("module example.com/app\n\ngo 1.21\n\nrequire (\n\texample.com/fastjson v1.0.0\n\texample.com/yaml v1.8.0\n\texample.com/ghost v0.3.0\n)\n");
        var dead = $"http://127.0.0.1:{Transport.TransportFailureClassTests.ClosedPort()}";

        var (exit, output, _) = await RunAsync(new CheckArguments(goMod, GoProxy: dead) { Mirrors = [SampleProxy], NoPublicMirrors = true });

        Assert.Equal(CheckCommand.ExitFindings, exit);
        foreach (var (line, module) in new[] { (6, "example.com/fastjson@v1.0.0"), (7, "example.com/yaml@v1.8.0") })
        {
            Assert.Matches($@"{Regex.Escape(goMod)}:{line}:\d+: error GML3005: .*{Regex.Escape(module)}[^\n]*\n(    [^\n]*\n)*?    fix: Use mirror {Regex.Escape(SampleProxy)} \(answered in \d+ ms\): go env -w GOPROXY={Regex.Escape(SampleProxy)},direct\n", output);
        }

        // The mirror does not have ghost: no suggestion for it.
        Assert.DoesNotMatch(@":8:\d+: error GML3005: [^\n]*\n(    [^\n]*\n)*?    fix: Use mirror", output);
    }

    /// <summary>
    /// A version the module does not have: the tagged versions on either side and go's @latest are said, and the fix
    /// requires what go list -m M@latest gives (v1.3.0-rc.1 is a pre-release, and neither go nor the fix takes it).
    /// A module that has no versions at all gets neither.
    /// </summary>
    [SkippableFact]
    public async Task A_version_the_module_does_not_have_names_the_nearest_and_offers_go_s_latest()
    {
        var goMod = WriteGoMod("module example.com/app\n\ngo 1.21\n\nrequire (\n\texample.com/fastjson v1.0.9\n\texample.com/nosuch v1.0.0\n)\n");

        var (exit, output, _) = await RunAsync(new CheckArguments(goMod, GoProxy: SampleProxy));

        Assert.Equal(CheckCommand.ExitFindings, exit);
        Assert.Matches(@":6:\d+: error GML3001: [^\n]*\n(    [^\n]*\n)*?    example.com/fastjson has no v1.0.9; the nearest it has are v1.0.0 and v1.1.0 \(4 tagged; latest v1.2.0\)\n(    [^\n]*\n)*?    fix: Change example.com/fastjson to v1.2.0\n", output);
        Assert.DoesNotMatch(@":7:\d+: error GML3001: [^\n]*\n(    [^\n]*\n)*?    (fix: Change|[^\n]*nearest)", output);

        GoOracle.Require();
        var latest = GoOracle.Run(Path.GetDirectoryName(goMod)!, new Dictionary<string, string?> { ["GOPROXY"] = SampleProxy, ["GOFLAGS"] = "-mod=mod", ["GONOSUMDB"] = "example.com" },
            "list", "-m", "-f", "{{.Version}}", "example.com/fastjson@latest");
        Assert.Equal("v1.2.0", latest.Stdout.Trim());
    }

    /// <summary>
    /// Requirements failing alike (one dead proxy) are said once more, together, before the summary: in text, as the
    /// first GitHub annotation (GitHub shows only the first few of a step), and in JSON; with the mirror that serves
    /// most of them. Versions a source does not have are each module's own and are not grouped, nor are lookups GOPROXY=off
    /// turns off.
    /// </summary>
    [Fact]
    public async Task Requirements_failing_alike_are_said_once_with_the_mirror_that_serves_most()
    {
        var goMod = WriteGoMod("module example.com/app\n\ngo 1.21\n\nrequire (\n\texample.com/fastjson v1.0.0\n\texample.com/yaml v1.8.0\n\texample.com/ghost v0.3.0\n)\n");
        var port = Transport.TransportFailureClassTests.ClosedPort();
        var dead = $"http://127.0.0.1:{port}";
        var args = new CheckArguments(goMod, GoProxy: dead) { Mirrors = [SampleProxy], NoPublicMirrors = true };

        var (_, text, _) = await RunAsync(args);
        Assert.Contains($"\n3 of 3 requirements failed alike at {dead} (refused): dial tcp 127.0.0.1:{port}: connect: connection refused\n"
            + $"    fix (2 of them): Use mirror {SampleProxy} (answered in ", text, StringComparison.Ordinal);
        Assert.Matches(@"go env -w GOPROXY=[^\n]*,direct\n[0-9]+ errors?, ", text);

        var (_, github, _) = await RunAsync(args with { Format = "github" });
        Assert.StartsWith($"::error title=GoModLens::3 of 3 requirements failed alike at {dead} (refused): ", github, StringComparison.Ordinal);

        var (_, json, _) = await RunAsync(args with { Format = "json" });
        var shared = Assert.Single(JsonDocument.Parse(json).RootElement.GetProperty("sharedFailures").EnumerateArray());
        Assert.Equal("connectionRefused", shared.GetProperty("kind").GetString());
        Assert.Equal(["example.com/fastjson@v1.0.0", "example.com/yaml@v1.8.0", "example.com/ghost@v0.3.0"], shared.GetProperty("modules").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(2, shared.GetProperty("mirror").GetProperty("serves").GetInt32());

        // Not found at the source (ghost, and a version fastjson does not have): nothing shared.
        var missing = WriteGoMod("module example.com/app\n\ngo 1.21\n\nrequire (\n\texample.com/fastjson v1.0.9\n\texample.com/ghost v0.3.0\n)\n");
        var (_, notFound, _) = await RunAsync(new CheckArguments(missing, GoProxy: SampleProxy, Format: "json"));
        Assert.Empty(JsonDocument.Parse(notFound).RootElement.GetProperty("sharedFailures").EnumerateArray());

        // Lookups GOPROXY=off turns off are the configuration, which GML3008 says: nothing shared.
        var (_, off, _) = await RunAsync(new CheckArguments(goMod, GoProxy: "off", Format: "json"));
        Assert.Empty(JsonDocument.Parse(off).RootElement.GetProperty("sharedFailures").EnumerateArray());
    }

    /// <summary>
    /// GOPROXY=off needs no network to know go's answer for a version missing from the module cache: --no-network
    /// says the same GML3008 error as a run with the network, not "not checked".
    /// </summary>
    [Fact]
    public async Task Goproxy_off_is_an_error_with_the_network_disabled_too()
    {
        var goMod = WriteGoMod("module example.com/app\n\ngo 1.21\n\nrequire example.com/fastjson v1.0.0\n");

        var (online, withNetwork, _) = await RunAsync(new CheckArguments(goMod, GoProxy: "off"));
        var (offline, withoutNetwork, _) = await RunAsync(new CheckArguments(goMod, GoProxy: "off", NoNetwork: true));

        Assert.Equal(CheckCommand.ExitFindings, online);
        Assert.Equal(CheckCommand.ExitFindings, offline);
        Assert.Matches(@":5:\d+: error GML3008: [^\n]*\n    go: example.com/fastjson@v1.0.0: module lookup disabled by GOPROXY=off\n", withoutNetwork);
        Assert.Equal(Regex.Match(withNetwork, @":5:\d+: error GML3008: [^\n]*").Value, Regex.Match(withoutNetwork, @":5:\d+: error GML3008: [^\n]*").Value);
        Assert.DoesNotContain("GML3013", withoutNetwork, StringComparison.Ordinal);
    }

    /// <summary>
    /// Credentials in an http GOPROXY entry: go refuses each request (not the configuration up front), in these words,
    /// with the password redacted; the finding says why instead of "GOPROXY is invalid".
    /// </summary>
    [SkippableFact]
    public async Task Credentials_in_an_http_goproxy_entry_are_refused_as_go_refuses_them()
    {
        var goMod = WriteGoMod("module example.com/app\n\ngo 1.21\n\nrequire example.com/fastjson v1.0.0\n");
        var proxy = $"http://alice:s3cret@127.0.0.1:{Transport.TransportFailureClassTests.ClosedPort()}";

        var (exit, output, _) = await RunAsync(new CheckArguments(goMod, GoProxy: proxy));

        Assert.Equal(CheckCommand.ExitFindings, exit);
        Assert.Contains("go refuses to send the user and password of a GOPROXY entry over plain http", output, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", output, StringComparison.Ordinal);
        GoOracle.Require();
        var go = GoOracle.Run(Path.GetDirectoryName(goMod)!, new Dictionary<string, string?> { ["GOPROXY"] = proxy }, "mod", "download", "example.com/fastjson@v1.0.0");
        var goLine = go.Stderr.Split('\n')[0];
        Assert.StartsWith("go: example.com/fastjson@v1.0.0: ", goLine, StringComparison.Ordinal);
        Assert.Contains("\n    go: " + goLine["go: ".Length..] + "\n", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("goproxy.cn")]
    [InlineData("ftp://mirror.example/")]
    public async Task A_mirror_that_is_no_url_is_a_usage_error(string mirror)
    {
        var (exit, output, error) = await RunAsync(new CheckArguments(SampleGoMod, GoProxy: SampleProxy) { Mirrors = [mirror] });
        Assert.Equal(CheckCommand.ExitUsage, exit);
        Assert.Equal("", output);
        Assert.Equal($"gomodlens: invalid --mirror {mirror} (want an https, http or file:// URL)\n", error);
    }

    [Fact]
    public async Task Text_output_shows_every_finding_of_the_sample_in_file_line_col_form()
    {
        var (exit, output, _) = await RunAsync(new CheckArguments(SampleGoMod, GoProxy: SampleProxy));

        Assert.Equal(CheckCommand.ExitFindings, exit);
        Assert.StartsWith($"GOPROXY={SampleProxy} (command line --goproxy)\n", output, StringComparison.Ordinal);
        Assert.Contains($"{SampleGoMod}:9:20: error GML3001: example.com/ghost@v0.3.0 not found", output, StringComparison.Ordinal);
        Assert.Contains($"    go: example.com/ghost@v0.3.0: reading {SampleProxy}/example.com/ghost/@v/v0.3.0.info: no such file or directory\n", output, StringComparison.Ordinal);
        Assert.Contains($"{SampleGoMod}:10:22: warning GML2007: example.com/logging v1.0.0 is retracted by its author: v1.0.0 corrupts rotated log files.", output, StringComparison.Ordinal);
        Assert.Contains($"{SampleGoMod}:11:2: warning GML2008: example.com/oldhttp is deprecated: use example.com/fastjson/v2 or net/http instead.", output, StringComparison.Ordinal);
        Assert.Contains($"{SampleGoMod}:8:23: info GML2009: example.com/fastjson v1.0.0 can be upgraded to v1.2.0", output, StringComparison.Ordinal);
        Assert.Contains("    fix: Change example.com/logging to v1.0.1\n", output, StringComparison.Ordinal);
        Assert.Contains("    fix: Use a local checkout: replace example.com/ghost => ../ghost (no checkout found; edit the path)\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("example.com/yaml", output, StringComparison.Ordinal);
        // The sample's go.sum: no line at all for ghost, only the go.mod hash of Azure/sdk (a direct require).
        Assert.Contains($"{SampleGoMod}:9:2: error GML1507: go.sum has no entry for example.com/ghost v0.3.0/go.mod", output, StringComparison.Ordinal);
        Assert.Contains($"{SampleGoMod}:7:2: warning GML1509: go.sum has no module hash for example.com/Azure/sdk v1.0.0 (only its go.mod's)", output, StringComparison.Ordinal);
        Assert.Contains("    fix: Add the go.sum entry: go mod download example.com/Azure/sdk\n", output, StringComparison.Ordinal);
        Assert.Matches(@"2 errors, 3 warnings, 2 infos; 5/6 requirements resolved in \d+ ms \(\d+ requests\)\n\z", output);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task No_git_keeps_the_direct_path_to_the_go_get_page(bool noGit, bool runsGit)
    {
        bool? seen = null;
        using var stdout = new StringWriter();
        await CheckCommand.RunAsync(new CheckArguments(SampleGoMod, GoProxy: SampleProxy, GoSumDb: "off", NoGit: noGit), stdout, new StringWriter(),
            o => { seen = o.RunGit; return Hermetic(o); }, CancellationToken.None);
        Assert.Equal(runsGit, seen);
    }

    [SkippableFact]
    public async Task Json_says_what_the_repository_said_for_a_module_go_fetches_directly()
    {
        // github.com is a known host (no go-get page); git reaches it only through the loopback host, which refuses
        // the tunnel: go's git failure, with the repository named, and no request leaves the machine.
        await using var host = await TestUtilities.GitHost.VanityGitHost.StartAsync();
        var path = WriteGoMod("module example.com/app\n\ngo 1.22\n\nrequire github.com/acme/private v1.0.0\n");
        using var stdout = new StringWriter();
        var exit = await CheckCommand.RunAsync(new CheckArguments(path, "json", GoProxy: "direct", GoPrivate: "github.com/acme", GoSumDb: "off"), stdout, new StringWriter(),
            o => Hermetic(o) with { ProbeDirect = true, Git = new Infrastructure.Vcs.GitCommandOptions { Environment = host.ProxyEnvironment } }, CancellationToken.None);

        Assert.Equal(CheckCommand.ExitFindings, exit);
        using var doc = JsonDocument.Parse(stdout.ToString());
        var module = Assert.Single(doc.RootElement.GetProperty("modules").EnumerateArray());
        var direct = module.GetProperty("direct");
        Assert.Equal("failed", direct.GetProperty("outcome").GetString());
        Assert.Equal(("git", "https://github.com/acme/private"), (direct.GetProperty("vcs").GetString(), direct.GetProperty("repo").GetString()));
        Assert.Contains("invalid version: git ls-remote -q --end-of-options https://github.com/acme/private in ", module.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains(host.Requests, r => r.StartsWith("CONNECT github.com:443", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Github_output_is_one_escaped_annotation_per_finding_then_the_summary()
    {
        var (exit, output, _) = await RunAsync(new CheckArguments(SampleGoMod, "github", GoProxy: SampleProxy));

        Assert.Equal(CheckCommand.ExitFindings, exit);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Matches(@"^2 errors, 3 warnings, 2 infos; 5/6 requirements resolved in \d+ ms \(\d+ requests\)$", lines[^1]);
        var annotations = lines[..^1];
        Assert.Equal(7, annotations.Length);
        Assert.All(annotations, a => Assert.Matches(@"^::(error|warning|notice) file=[^:,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=GML\d{4}::\S", a));
        Assert.Equal(["error", "error", "notice", "notice", "warning", "warning", "warning"],
            annotations.Select(a => a[2..a.IndexOf(' ', StringComparison.Ordinal)]).Order());
        var ghost = Assert.Single(annotations, a => a.Contains("title=GML3001", StringComparison.Ordinal));
        Assert.Equal($"::error file={SampleGoMod},line=9,col=20,endLine=9,endColumn=26,title=GML3001::example.com/ghost@v0.3.0 not found on any configured source ({SampleProxy})"
            + $"%0Ago: example.com/ghost@v0.3.0: reading {SampleProxy}/example.com/ghost/@v/v0.3.0.info: no such file or directory"
            + "%0Afix: Change example.com/ghost to v0.1.0"
            + "%0Afix: Use a local checkout: replace example.com/ghost => ../ghost (no checkout found; edit the path)", ghost);
    }

    [Theory]
    [InlineData("100% done\r\n::error::injected", "100%25 done%0D%0A::error::injected")]
    [InlineData("plain", "plain")]
    public void Github_annotation_data_cannot_start_another_command(string message, string escaped)
    {
        Assert.Equal(escaped, Host.Output.GitHubCheckWriter.Data(message));
        Assert.Equal("a%3Ab%2Cc%0A", Host.Output.GitHubCheckWriter.Property("a:b,c\n"));
    }

    [SkippableFact]
    public async Task Check_reports_the_go_sum_lines_go_list_m_all_needs_below_a_dependency_older_than_graph_pruning()
    {
        GoOracle.Require();
        var time = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var proxy = new Uri(new TestUtilities.ProxyTree.ProxyTreeBuilder()
            .Add("example.com/f", "v1.0.0", time, "module example.com/f\n\ngo 1.16\n\nrequire example.com/g v1.0.0\n")
            .Add("example.com/g", "v1.0.0", time)
            .WriteTo(GoOracle.NewScratchDir("check-unpruned-tree"))).AbsoluteUri;
        var goMod = WriteGoMod("module example.com/scratch\n\ngo 1.22\n");
        var dir = Path.GetDirectoryName(goMod)!;
        var f = GoOracle.DownloadHashes(dir, new Dictionary<string, string?> { ["GOPROXY"] = proxy, ["GOFLAGS"] = "-mod=mod -modcacherw" }, "example.com/f@v1.0.0")["example.com/f@v1.0.0"];
        File.WriteAllText(Path.Combine(dir, "go.sum"), $"example.com/f v1.0.0 {f.Zip}\nexample.com/f v1.0.0/go.mod {f.GoMod}\n");
        File.WriteAllText(goMod, "module example.com/app\n\ngo 1.22\n\nrequire example.com/f v1.0.0\n");

        var (exit, output, _) = await RunAsync(new CheckArguments(goMod, GoProxy: proxy));

        Assert.Equal(CheckCommand.ExitFindings, exit);
        Assert.Contains($"{goMod}:5:9: warning GML1507: go.sum has no entry for example.com/g v1.0.0/go.mod, which go loads through example.com/f v1.0.0", output, StringComparison.Ordinal);
        Assert.Contains("    go: example.com/f@v1.0.0 requires\n    \texample.com/g@v1.0.0: missing go.sum entry for go.mod file; to add it:\n    \tgo mod download example.com/g\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_verifies_go_sum_go_mod_hashes_against_the_go_mod_it_downloaded_as_go_does()
    {
        var time = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        const string FMod = "module example.com/f\n\ngo 1.21\n";
        var proxy = new Uri(new TestUtilities.ProxyTree.ProxyTreeBuilder()
            .Add("example.com/f", "v1.0.0", time, FMod)
            .Add("example.com/g", "v1.0.0", time)
            .WriteTo(GoOracle.NewScratchDir("check-gosum-tree"))).AbsoluteUri;
        var goMod = WriteGoMod("module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/f v1.0.0\n\texample.com/g v1.0.0\n)\n");
        var dir = Path.GetDirectoryName(goMod)!;
        const string Tampered = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        var gMod = File.ReadAllBytes(Path.Combine(new Uri(proxy).LocalPath, "example.com", "g", "@v", "v1.0.0.mod"));
        File.WriteAllText(Path.Combine(dir, "go.sum"),
            $"example.com/f v1.0.0/go.mod {Tampered}\nexample.com/g v1.0.0/go.mod {ModFile.GoSum.DirHash.HashGoMod(gMod)}\n");

        var (exit, output, _) = await RunAsync(new CheckArguments(goMod, GoProxy: proxy));

        Assert.Equal(CheckCommand.ExitFindings, exit);
        var served = ModFile.GoSum.DirHash.HashGoMod(System.Text.Encoding.UTF8.GetBytes(FMod));
        Assert.Contains($"go.sum:1:29: error GML1508: checksum mismatch for example.com/f@v1.0.0/go.mod: the go.mod go downloads hashes to {served}; go refuses it (SECURITY ERROR)", output, StringComparison.Ordinal);
        Assert.Contains($"    go: verifying example.com/f@v1.0.0/go.mod: checksum mismatch\n    \tdownloaded: {served}\n    \tgo.sum:     {Tampered}\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("example.com/g@v1.0.0/go.mod: checksum mismatch", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_go_mod_go_cannot_read_under_a_wrong_go_sum_hash_is_the_checksum_mismatch_said_once()
    {
        var time = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        const string Renamed = "module example.com/elsewhere\n\ngo 1.21\n";
        var proxy = new Uri(new TestUtilities.ProxyTree.ProxyTreeBuilder()
            .Add("example.com/f", "v1.0.0", time, Renamed)
            .WriteTo(GoOracle.NewScratchDir("check-gosum-before-parse"))).AbsoluteUri;
        var goMod = WriteGoMod("module example.com/app\n\ngo 1.22\n\nrequire example.com/f v1.0.0\n");
        const string Tampered = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(goMod)!, "go.sum"), $"example.com/f v1.0.0/go.mod {Tampered}\n");

        var (exit, output, _) = await RunAsync(new CheckArguments(goMod, GoProxy: proxy));

        // go hashes the go.mod before it reads it: its checksum mismatch, not "module declares its path as".
        Assert.Equal(CheckCommand.ExitFindings, exit);
        var served = ModFile.GoSum.DirHash.HashGoMod(System.Text.Encoding.UTF8.GetBytes(Renamed));
        Assert.Contains($"go.sum:1:29: error GML1508: checksum mismatch for example.com/f@v1.0.0/go.mod: the go.mod go downloads hashes to {served}", output, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(output, "GML1508"));
        Assert.DoesNotContain("GML3007", output, StringComparison.Ordinal);
        Assert.DoesNotContain("declares its path", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Check_verifies_a_private_modules_go_sum_hash_against_the_zip_go_creates_from_its_repository()
    {
        GoOracle.Require();
        await using var host = await TestUtilities.GitHost.VanityGitHost.StartAsync();
        host.AddRepository("zipped", t => t.Write("go.mod", "module example.test/zipped\n\ngo 1.21\n").Write("z.go", "package zipped\n").Commit("one").Tag("v1.0.0"));
        var goMod = WriteGoMod("module example.com/app\n\ngo 1.22\n\nrequire example.test/zipped v1.0.0\n");
        var dir = Path.GetDirectoryName(goMod)!;
        var goEnv = host.DirectEnvironment(GoOracle.NewScratchDir("check-zip-modcache")).Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!);
        goEnv["GOSUMDB"] = "off";
        goEnv["GOFLAGS"] = "-mod=mod -modcacherw";
        var go = GoOracle.DownloadHashes(dir, goEnv.ToDictionary(e => e.Key, e => (string?)e.Value), "example.test/zipped@v1.0.0")["example.test/zipped@v1.0.0"];
        async Task<string> CheckWith(string moduleHash, string format = "text")
        {
            File.WriteAllText(Path.Combine(dir, "go.sum"), $"example.test/zipped v1.0.0 {moduleHash}\nexample.test/zipped v1.0.0/go.mod {go.GoMod}\n");
            using var stdout = new StringWriter();
            await CheckCommand.RunAsync(new CheckArguments(goMod, format) { Variables = goEnv }, stdout, new StringWriter(),
                o => Hermetic(o) with { ProbeDirect = true, Git = new Infrastructure.Vcs.GitCommandOptions { Environment = host.ProxyEnvironment } }, CancellationToken.None);
            return stdout.ToString();
        }

        Assert.DoesNotContain("GML1510", await CheckWith(go.Zip), StringComparison.Ordinal);

        const string Tampered = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        var output = await CheckWith(Tampered);
        Assert.Contains($"go.sum:1:28: error GML1510: checksum mismatch for example.test/zipped@v1.0.0: the zip go creates from http://example.test/zipped.git at refs/tags/v1.0.0 hashes to {go.Zip}; go refuses it (SECURITY ERROR)", output, StringComparison.Ordinal);
        Assert.Contains($"    go: verifying example.test/zipped@v1.0.0: checksum mismatch\n    \tdownloaded: {go.Zip}\n    \tgo.sum:     {Tampered}\n", output, StringComparison.Ordinal);

        // JSON says what the module line was checked against.
        using var json = JsonDocument.Parse(await CheckWith(go.Zip, "json"));
        var zip = Assert.Single(json.RootElement.GetProperty("modules").EnumerateArray()).GetProperty("zip");
        Assert.Equal(go.Zip, zip.GetProperty("hash").GetString());
        Assert.Equal("http://example.test/zipped.git at refs/tags/v1.0.0", zip.GetProperty("source").GetString());
        Assert.True(zip.GetProperty("fromRepository").GetBoolean());
        Assert.Equal(2, zip.GetProperty("files").GetInt32()); // go.mod, z.go
        Assert.Equal(JsonValueKind.Null, zip.GetProperty("error").ValueKind);
    }

    [SkippableFact]
    public async Task Check_verifies_a_GONOSUMDB_modules_go_sum_hash_against_the_zip_its_proxy_serves_and_leaves_public_zips_alone()
    {
        GoOracle.Require();
        var time = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        string Tree(string name, string code) => new Uri(new TestUtilities.ProxyTree.ProxyTreeBuilder()
            .Add("example.com/corp", "v1.0.0", time, files: new Dictionary<string, string> { ["c.go"] = code })
            .Add("example.com/public", "v1.0.0", time)
            .WriteTo(GoOracle.NewScratchDir(name))).AbsoluteUri;
        var before = Tree("corp-before", "package corp\n");
        var after = Tree("corp-after", "package corp\n\nconst Rebuilt = true\n"); // the proxy's zip for the same version changed
        var goMod = WriteGoMod("module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/corp v1.0.0\n\texample.com/public v1.0.0\n)\n");
        var dir = Path.GetDirectoryName(goMod)!;
        Dictionary<string, string?> GoEnv(string proxy) => new()
        {
            ["GOPROXY"] = proxy, ["GONOSUMDB"] = "example.com/corp", ["GOSUMDB"] = "off",
            ["GOMODCACHE"] = GoOracle.NewScratchDir("corp-modcache"), ["GOFLAGS"] = "-mod=mod -modcacherw",
        };
        var recorded = GoOracle.DownloadHashes(dir, GoEnv(before), "example.com/corp@v1.0.0", "example.com/public@v1.0.0");
        const string Tampered = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        File.WriteAllText(Path.Combine(dir, "go.sum"),
            $"example.com/corp v1.0.0 {recorded["example.com/corp@v1.0.0"].Zip}\nexample.com/corp v1.0.0/go.mod {recorded["example.com/corp@v1.0.0"].GoMod}\n"
            + $"example.com/public v1.0.0 {Tampered}\nexample.com/public v1.0.0/go.mod {recorded["example.com/public@v1.0.0"].GoMod}\n");

        using var stdout = new StringWriter();
        await CheckCommand.RunAsync(new CheckArguments(goMod, GoProxy: after, GoSumDb: "off") { Variables = new Dictionary<string, string> { ["GONOSUMDB"] = "example.com/corp" } },
            stdout, new StringWriter(), Hermetic, CancellationToken.None);
        var output = stdout.ToString();

        // go 1.26 on a machine without the module stops with the same lines.
        var go = GoOracle.Run(dir, GoEnv(after), "mod", "download", "example.com/corp");
        Assert.NotEqual(0, go.ExitCode);
        var served = go.Stderr.Split("downloaded: ")[1].Split('\n')[0];
        Assert.Contains($"go.sum:1:25: error GML1510: checksum mismatch for example.com/corp@v1.0.0: the zip go downloads from {after}/example.com/corp/@v/v1.0.0.zip hashes to {served}; go refuses it (SECURITY ERROR)", output, StringComparison.Ordinal);
        Assert.Contains($"    go: verifying example.com/corp@v1.0.0: checksum mismatch\n    \tdownloaded: {served}\n    \tgo.sum:     {recorded["example.com/corp@v1.0.0"].Zip}\n", output, StringComparison.Ordinal);
        Assert.Contains($"verifying example.com/corp@v1.0.0: checksum mismatch\n\tdownloaded: {served}\n\tgo.sum:     {recorded["example.com/corp@v1.0.0"].Zip}", go.Stderr, StringComparison.Ordinal);
        // A public module's zip is the checksum database's to vouch for, never downloaded: with GOSUMDB=off its tampered line
        // is not judged (with a database its record is read: SumDbServerTests).
        Assert.DoesNotContain("example.com/public@v1.0.0: the zip", output, StringComparison.Ordinal);
        Assert.DoesNotContain("checksum mismatch for example.com/public", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vendored_module_reports_inconsistent_vendoring_and_steps_back_resolution_errors_of_vendored_requires()
    {
        // The sample, vendored (go 1.22 and a vendor directory: go builds from it) with logging still at v0.9.0.
        var path = WriteGoMod(await File.ReadAllTextAsync(SampleGoMod));
        var vendor = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(path)!, "vendor")).FullName;
        await File.WriteAllTextAsync(Path.Combine(vendor, "modules.txt"), string.Concat(
            new[] { "example.com/Azure/sdk v1.0.0", "example.com/fastjson v1.0.0", "example.com/ghost v0.3.0", "example.com/logging v0.9.0", "example.com/oldhttp v1.4.0", "example.com/yaml v1.8.0" }
                .Select(m => $"# {m}\n## explicit; go 1.18\n{m.Split(' ')[0]}\n")));

        var (exit, output, _) = await RunAsync(new CheckArguments(path, GoProxy: SampleProxy));

        Assert.Equal(CheckCommand.ExitFindings, exit);
        Assert.Contains($"{path}:9:20: warning GML3001: example.com/ghost@v0.3.0 not found on any configured source ({SampleProxy}); go builds use vendor/ and do not need it, but go mod vendor, go mod tidy and go get do\n", output, StringComparison.Ordinal);
        Assert.Contains($"{path}:10:22: error GML2013: vendor/modules.txt has example.com/logging v0.9.0, not v1.0.0: go builds fail (inconsistent vendoring) until go mod vendor is run\n", output, StringComparison.Ordinal);
        Assert.Contains($"    go: inconsistent vendoring in {Path.GetDirectoryName(path)}:\n    \texample.com/logging@v1.0.0: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt\n"
            + "    \texample.com/logging@v0.9.0: is marked as explicit in vendor/modules.txt, but not explicitly required in go.mod\n", output, StringComparison.Ordinal);
        Assert.Matches(@"1 error, 3 warnings, 2 infos;", output);
    }

    [Fact]
    public async Task Check_of_a_go_work_reports_its_own_lines_then_each_module_in_workspace_mode()
    {
        var ws = GoOracle.NewScratchDir("check-work");
        Directory.CreateDirectory(Path.Combine(ws, "app"));
        Directory.CreateDirectory(Path.Combine(ws, "lib"));
        Directory.CreateDirectory(Path.Combine(ws, "ghost"));
        await File.WriteAllTextAsync(Path.Combine(ws, "go.work"), "go 1.22\n\nuse (\n\t./app\n\t./lib\n\t./missing\n)\n\nreplace example.com/ghost v0.3.0 => ./ghost\n");
        await File.WriteAllTextAsync(Path.Combine(ws, "app", "go.mod"), "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/ghost v0.3.0\n\texample.com/logging v1.0.0\n)\n");
        await File.WriteAllTextAsync(Path.Combine(ws, "lib", "go.mod"), "module example.com/lib\n\ngo 1.22\n\nrequire example.com/fastjson v1.0.0\n");
        await File.WriteAllTextAsync(Path.Combine(ws, "ghost", "go.mod"), "module example.com/ghost\n\ngo 1.22\n");
        var goWork = Path.Combine(ws, "go.work");

        var (exit, output, _) = await RunAsync(new CheckArguments(goWork, "json", GoProxy: SampleProxy));
        Assert.Equal(CheckCommand.ExitFindings, exit);
        using var doc = JsonDocument.Parse(output);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (File: Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(f.GetProperty("file").GetString()!))) + "/" + Path.GetFileName(f.GetProperty("file").GetString()!),
                Code: f.GetProperty("code").GetString()!, Line: f.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32()))
            .ToList();
        var folder = Path.GetFileName(ws);
        Assert.Equal(
        [
            ($"{folder}/go.work", FindingCodes.InvalidWorkspace, 6), // ./missing has no go.mod: once, on its line
            ("app/go.mod", FindingCodes.RetractedVersion, 7), // (its upgrade is the retraction's fix)
            ("lib/go.mod", FindingCodes.UpgradeAvailable, 5),
        ], findings);
        // ghost is replaced by the go.work: no lookup, no GML3001; both modules' requires are reported.
        Assert.Equal(3, doc.RootElement.GetProperty("modules").GetArrayLength());

        var (_, sarif, _) = await RunAsync(new CheckArguments(goWork, "sarif", GoProxy: SampleProxy));
        using var sarifDoc = JsonDocument.Parse(sarif);
        var uris = sarifDoc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!)
            .Select(Path.GetFileName).Distinct().Order().ToList();
        Assert.Equal(["go.mod", "go.work"], uris);

        // GOFLAGS=-modfile in workspace mode stops every module command: said once, on the go.work's go line. The file
        // does not exist, so go get (which opens it first) and go mod tidy (no workspace mode), which run in a module,
        // stop at that: said on the module.
        var (_, modfile, _) = await RunAsync(new CheckArguments(goWork, "json", GoProxy: SampleProxy) { Variables = new Dictionary<string, string> { ["GOFLAGS"] = "-modfile=tools.mod" } });
        using var modfileDoc = JsonDocument.Parse(modfile);
        var stops = modfileDoc.RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("code").GetString() == FindingCodes.InvalidGoFlags)
            .Select(f => (File: Path.GetFileName(f.GetProperty("file").GetString()), Line: f.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32(),
                GoMessage: f.GetProperty("goMessage").GetString()))
            .ToList();
        Assert.Equal([("go.work", 1, "-modfile cannot be used in workspace mode"), ("go.mod", 1, "open tools.mod: no such file or directory")], stops);
    }

    /// <summary>
    /// go switches toolchains on the go.work's lines, once, before it looks at any module (go 1.26, GOTOOLCHAIN=auto,
    /// GOPROXY=off: "go: download go1.99.0 for linux/amd64: toolchain not available", whichever module it runs in). A
    /// module's go line newer than the go.work's switches nothing: go refuses the workspace instead ("module a listed in
    /// go.work file requires go >= 1.99, but go.work lists go 1.22"), GML2012 on the go.work.
    /// </summary>
    [Theory]
    [InlineData("go 1.99", "1.22", "go1.99.0", 1)]
    [InlineData("go 1.22\ntoolchain go1.99.1", "1.22", "go1.99.1", 2)] // on the toolchain line, which asks
    [InlineData("go 1.22", "1.99", null, 0)]
    public async Task Check_of_a_go_work_reports_the_toolchain_switch_once_on_the_go_work_line_that_asks(string workLines, string appGo, string? toolchain, int line)
    {
        var ws = GoOracle.NewScratchDir("check-work-toolchain");
        await File.WriteAllTextAsync(Path.Combine(ws, "go.work"), $"{workLines}\n\nuse (\n\t./app\n\t./lib\n)\n");
        foreach (var (module, go) in new[] { ("app", appGo), ("lib", "1.22") })
        {
            Directory.CreateDirectory(Path.Combine(ws, module));
            await File.WriteAllTextAsync(Path.Combine(ws, module, "go.mod"), $"module example.com/{module}\n\ngo {go}\n");
        }

        // The local toolchain is what $GOROOT/VERSION says; no go1.99 on PATH or in the module cache.
        var goRoot = GoOracle.NewScratchDir("check-work-toolchain-goroot");
        await File.WriteAllTextAsync(Path.Combine(goRoot, "VERSION"), "go1.26.11\ntime 2026-01-01T00:00:00Z\n");
        var variables = new Dictionary<string, string>
        {
            ["GOROOT"] = goRoot, ["GOTOOLCHAIN"] = "auto", ["GOMODCACHE"] = GoOracle.NewScratchDir("check-work-toolchain-modcache"), ["PATH"] = goRoot,
        };

        var (_, output, _) = await RunAsync(new CheckArguments(Path.Combine(ws, "go.work"), "json", GoProxy: SampleProxy) { Variables = variables });

        using var doc = JsonDocument.Parse(output);
        var all = doc.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (File: Path.GetFileName(f.GetProperty("file").GetString()!), Code: f.GetProperty("code").GetString()!,
                Line: f.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32(), Go: f.TryGetProperty("goMessage", out var m) ? m.GetString() : null))
            .ToList();
        var switches = all.Where(f => f.Code == FindingCodes.ToolchainSwitch).ToList();
        if (toolchain is null)
        {
            Assert.Empty(switches);
            Assert.Contains(all, f => f is { File: "go.work", Code: FindingCodes.InvalidWorkspace }
                && f.Go!.StartsWith("module app listed in go.work file requires go >= 1.99, but go.work lists go 1.22", StringComparison.Ordinal));
            return;
        }

        var (goos, goarch) = Analysis.Toolchain.ToolchainCheck.HostPlatform();
        Assert.Equal([("go.work", FindingCodes.ToolchainSwitch, line, $"download {toolchain} for {goos}/{goarch}: toolchain not available")], switches);
    }

    [Fact]
    public async Task Check_of_a_go_work_reports_a_wrong_go_work_sum_line_once_and_a_missing_sum_not_at_all()
    {
        var ws = GoOracle.NewScratchDir("check-work-sum");
        await File.WriteAllTextAsync(Path.Combine(ws, "go.work"), "go 1.22\n\nuse (\n\t./app\n\t./lib\n)\n");
        foreach (var module in new[] { "app", "lib" })
        {
            Directory.CreateDirectory(Path.Combine(ws, module));
            await File.WriteAllTextAsync(Path.Combine(ws, module, "go.mod"), $"module example.com/{module}\n\ngo 1.22\n\nrequire example.com/fastjson v1.0.0\n");
        }

        // Both modules need fastjson's go.mod; go.work.sum's line for it is wrong (and the next one malformed). Neither
        // module has a go.sum: in workspace mode go writes missing lines to go.work.sum.
        await File.WriteAllTextAsync(Path.Combine(ws, "go.work.sum"),
            "example.com/fastjson v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\nexample.com/yaml v1.0.0/go.mod\n");

        var (exit, output, _) = await RunAsync(new CheckArguments(Path.Combine(ws, "go.work"), "json", GoProxy: SampleProxy));

        Assert.Equal(CheckCommand.ExitFindings, exit);
        using var doc = JsonDocument.Parse(output);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (File: Path.GetFileName(f.GetProperty("file").GetString()!), Code: f.GetProperty("code").GetString()!,
                Line: f.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32(), Go: f.TryGetProperty("goMessage", out var m) ? m.GetString() : null))
            .Where(f => f.Code.StartsWith("GML15", StringComparison.Ordinal))
            .ToList();
        Assert.Equal([("go.work.sum", "GML1501", 2), ("go.work.sum", "GML1508", 1)], findings.Select(f => (f.File, f.Code, f.Line)).Order().ToList());
        Assert.Contains("\tgo.work.sum:     h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\nSECURITY ERROR", findings.Single(f => f.Code == "GML1508").Go, StringComparison.Ordinal);

        // One module alone: the same line, found through the workspace.
        var (_, app, _) = await RunAsync(new CheckArguments(Path.Combine(ws, "app", "go.mod"), GoProxy: SampleProxy));
        Assert.Contains("go.work.sum:1:36: error GML1508: checksum mismatch for example.com/fastjson@v1.0.0/go.mod", app, StringComparison.Ordinal);
        Assert.DoesNotContain("GML1507", app, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_module_no_source_has_gets_the_replace_fix_for_a_checkout_found_next_to_the_go_mod()
    {
        var root = GoOracle.NewScratchDir("checkout");
        var app = Path.Combine(root, "app");
        var checkout = Path.Combine(root, "my ghost"); // a space: the replace path must be quoted in go.mod
        Directory.CreateDirectory(app);
        Directory.CreateDirectory(checkout);
        await File.WriteAllTextAsync(Path.Combine(checkout, "go.mod"), "module example.com/ghost\n\ngo 1.22\n");
        var goMod = Path.Combine(app, "go.mod");
        await File.WriteAllTextAsync(goMod, "module example.com/app\n\ngo 1.22\n\nrequire example.com/ghost v0.3.0\n");

        var (exit, output, _) = await RunAsync(new CheckArguments(goMod, "json", GoProxy: SampleProxy));
        Assert.Equal(CheckCommand.ExitFindings, exit);
        using var doc = JsonDocument.Parse(output);
        var notFound = doc.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == FindingCodes.VersionNotFound);
        var fix = notFound.GetProperty("fixes").EnumerateArray().Single(f => f.GetProperty("kind").GetString() == "addReplaceLocal");
        Assert.Equal("Use the local checkout: replace example.com/ghost => \"../my ghost\"", fix.GetProperty("title").GetString());
        var edit = fix.GetProperty("edits")[0].GetProperty("newText").GetString()!;
        Assert.Equal("\nreplace example.com/ghost => \"../my ghost\"\n", edit);

        // The edited go.mod is one go accepts, with the replacement in force.
        var edited = await File.ReadAllTextAsync(goMod) + edit;
        var model = ModFile.Semantics.ModFileParser.Parse(goMod, edited, ModFile.Semantics.ParseMode.Strict);
        Assert.Empty(model.GoErrors);
        Assert.Equal("../my ghost", Assert.Single(model.Model.Replace).New.Path);
    }

    [Fact]
    public async Task Json_output_has_the_documented_shape()
    {
        var (exit, output, _) = await RunAsync(new CheckArguments(SampleGoMod, "json", GoProxy: SampleProxy));
        Assert.Equal(CheckCommand.ExitFindings, exit);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal(SampleProxy, root.GetProperty("goproxy").GetProperty("value").GetString());
        var codes = root.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()).ToList();
        Assert.Equal(["GML1509", "GML2009", "GML1507", "GML3001", "GML2007", "GML2008", "GML2009"], codes);
        var ghost = root.GetProperty("findings")[3];
        Assert.Equal("error", ghost.GetProperty("severity").GetString());
        Assert.Equal(9, ghost.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
        Assert.Equal(20, ghost.GetProperty("range").GetProperty("start").GetProperty("column").GetInt32());
        Assert.Equal(19, ghost.GetProperty("range").GetProperty("start").GetProperty("character").GetInt32());
        Assert.EndsWith("#gml3001", ghost.GetProperty("docs").GetString(), StringComparison.Ordinal);
        var modules = root.GetProperty("modules").EnumerateArray().ToList();
        Assert.Equal(6, modules.Count);
        var logging = modules.Single(m => m.GetProperty("path").GetString() == "example.com/logging");
        Assert.Equal("resolved", logging.GetProperty("status").GetString());
        Assert.Equal("v1.0.0 corrupts rotated log files.", logging.GetProperty("retracted")[0].GetString());
        Assert.Equal(2, root.GetProperty("summary").GetProperty("errors").GetInt32());
        var fix = root.GetProperty("findings")[4].GetProperty("fixes")[0]; // the retracted logging version
        Assert.Equal("upgradeTo", fix.GetProperty("kind").GetString());
        Assert.Equal("v1.0.1", fix.GetProperty("edits")[0].GetProperty("newText").GetString());
        var download = root.GetProperty("findings")[0].GetProperty("fixes")[0]; // GML1509: a command, no edit
        Assert.Equal("runGoCommand", download.GetProperty("kind").GetString());
        Assert.Equal("go mod download example.com/Azure/sdk", download.GetProperty("command").GetString());
    }

    [Fact]
    public async Task Sarif_output_has_the_fields_github_code_scanning_requires()
    {
        var (_, output, _) = await RunAsync(new CheckArguments(SampleGoMod, "sarif", GoProxy: SampleProxy));
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Contains("sarif", root.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        var run = root.GetProperty("runs")[0];
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("gomodlens", driver.GetProperty("name").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(Analysis.Findings.FindingCodes.Rules.Count + Analysis.GoSum.GoSumFindingCodes.Rules.Count, rules.Count);
        foreach (var rule in rules)
        {
            Assert.Matches("^GML[123][0-9]{3}$", rule.GetProperty("id").GetString());
            Assert.True(Uri.IsWellFormedUriString(rule.GetProperty("helpUri").GetString(), UriKind.Absolute));
            Assert.NotEmpty(rule.GetProperty("shortDescription").GetProperty("text").GetString()!);
        }

        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(7, results.Count);
        var fingerprints = new HashSet<string>();
        foreach (var r in results)
        {
            var id = r.GetProperty("ruleId").GetString();
            Assert.Equal(id, rules[r.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            Assert.Contains(r.GetProperty("level").GetString(), new[] { "error", "warning", "note" });
            Assert.NotEmpty(r.GetProperty("message").GetProperty("text").GetString()!);
            var loc = r.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.Equal(SampleGoMod, loc.GetProperty("artifactLocation").GetProperty("uri").GetString());
            var region = loc.GetProperty("region");
            Assert.True(region.GetProperty("startLine").GetInt32() >= 1);
            Assert.True(region.GetProperty("startColumn").GetInt32() >= 1);
            Assert.True(region.GetProperty("endLine").GetInt32() >= region.GetProperty("startLine").GetInt32());
            Assert.True(fingerprints.Add(r.GetProperty("partialFingerprints").GetProperty("gomodlens/v1").GetString()!));
        }
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("sarif")]
    [InlineData("github")]
    public async Task Credentials_in_GOPROXY_never_reach_the_output(string format)
    {
        // A token as the user name (go itself would print it) and a user:password pair, both unreachable: every
        // message names the entries, none may show a secret.
        var goMod = WriteGoMod("module example.com/m\n\ngo 1.22\n\nrequire example.com/x v1.0.0\n");
        var port = Transport.TransportFailureClassTests.ClosedPort();
        var goProxy = $"https://T0KEN-SECRET@127.0.0.1:{port}|https://user:PA55-SECRET@127.0.0.1:{port}";

        var (exit, output, err) = await RunAsync(new CheckArguments(goMod, format, GoProxy: goProxy));

        Assert.Equal(CheckCommand.ExitFindings, exit);
        Assert.Contains("127.0.0.1:" + port, output, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", output + err, StringComparison.Ordinal);

        var (badExit, _, badErr) = await RunAsync(new CheckArguments(goMod, format, GoProxy: "ftp://user:PA55-SECRET@x.example"));
        Assert.Equal(CheckCommand.ExitUsage, badExit);
        Assert.DoesNotContain("SECRET", badErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exit_codes_distinguish_clean_info_only_findings_and_usage_errors()
    {
        var clean = WriteGoMod("module example.com/m\n\ngo 1.22\n\nrequire example.com/Azure/sdk v1.0.0 // indirect\n", withSampleSums: true);
        Assert.Equal(CheckCommand.ExitClean, (await RunAsync(new CheckArguments(clean, GoProxy: SampleProxy))).Exit);

        // No go.sum at all: go needs its lines all the same.
        var noSum = WriteGoMod("module example.com/m\n\ngo 1.22\n\nrequire example.com/Azure/sdk v1.0.0 // indirect\n");
        var (noSumExit, noSumOut, _) = await RunAsync(new CheckArguments(noSum, GoProxy: SampleProxy));
        Assert.Equal(CheckCommand.ExitFindings, noSumExit);
        Assert.Contains("error GML1507: there is no go.sum: go needs the /go.mod line of 1 module (it stops at example.com/Azure/sdk v1.0.0)", noSumOut, StringComparison.Ordinal);
        Assert.Contains("    fix: Write go.sum: go mod download\n", noSumOut, StringComparison.Ordinal);

        var infoOnly = WriteGoMod("module example.com/m\n\ngo 1.22\n\nrequire example.com/fastjson v1.0.0\n", withSampleSums: true);
        Assert.Equal(CheckCommand.ExitClean, (await RunAsync(new CheckArguments(infoOnly, GoProxy: SampleProxy))).Exit);
        Assert.Equal(CheckCommand.ExitFindings, (await RunAsync(new CheckArguments(infoOnly, GoProxy: SampleProxy, Strict: true))).Exit);

        var badProxy = await RunAsync(new CheckArguments(clean, GoProxy: "ftp://x"));
        Assert.Equal(CheckCommand.ExitUsage, badProxy.Exit);
        Assert.Equal("gomodlens: GOPROXY=ftp://x (command line --goproxy): invalid proxy URL scheme (must be https, http, file): ftp://x\n", badProxy.Err);

        var missing = await RunAsync(new CheckArguments("/nonexistent/go.mod", GoProxy: SampleProxy));
        Assert.Equal(CheckCommand.ExitUsage, missing.Exit);
        Assert.Equal("go: open /nonexistent/go.mod: no such file or directory\n", missing.Err);

        Assert.Equal(CheckCommand.ExitUsage, (await RunAsync(new CheckArguments(clean, "xml", GoProxy: SampleProxy))).Exit);
        Assert.Equal(CheckCommand.ExitUsage, (await RunAsync(new CheckArguments(clean, Timeout: "soon", GoProxy: SampleProxy))).Exit);

        var zero = await RunAsync(new CheckArguments(clean, GoProxy: SampleProxy, Concurrency: 0));
        Assert.Equal(CheckCommand.ExitUsage, zero.Exit);
        Assert.Equal("gomodlens: invalid --concurrency 0 (want 1 to 1024)\n", zero.Err);
        Assert.Equal(CheckCommand.ExitClean, (await RunAsync(new CheckArguments(clean, GoProxy: SampleProxy, Concurrency: 1))).Exit);
    }

    [SkippableFact]
    public async Task A_directory_is_checked_as_the_module_go_finds_there_and_none_is_go_s_error()
    {
        GoOracle.Require();
        var goMod = WriteGoMod("module example.com/m\n\ngo 1.22\n");
        var module = Path.GetDirectoryName(goMod)!;
        var package = Directory.CreateDirectory(Path.Combine(module, "internal", "pkg")).FullName;
        var (exit, output, _) = await RunAsync(new CheckArguments(package, GoProxy: SampleProxy));
        Assert.Equal(CheckCommand.ExitClean, exit);
        Assert.Contains("0 requirements", output, StringComparison.Ordinal);

        // A workspace root that is no module: its go.work.
        var root = GoOracle.NewScratchDir("check-work-root");
        Directory.CreateDirectory(Path.Combine(root, "a"));
        File.WriteAllText(Path.Combine(root, "a", "go.mod"), "module example.com/a\n\ngo 1.22\n");
        File.WriteAllText(Path.Combine(root, "go.work"), "go 1.22\n\nuse ./a\n");
        Assert.Equal(Path.Combine(root, "go.work"), CheckCommand.LocateModuleFile(root, workspaces: true));
        Assert.Equal(Path.Combine(root, "a", "go.mod"), CheckCommand.LocateModuleFile(Path.Combine(root, "a"), workspaces: true));
        Assert.Null(CheckCommand.LocateModuleFile(root, workspaces: false));

        // GOWORK naming a file (any name) is the workspace wherever check runs, as for go.
        File.Move(Path.Combine(root, "go.work"), Path.Combine(root, "dev.work"));
        File.WriteAllText(Path.Combine(root, "a", "go.mod"), "module example.com/a\n\ngo 1.22\n\nrequire example.com/fastjson v1.0.0\n");
        var elsewhere = GoOracle.NewScratchDir("check-gowork-elsewhere");
        var (workExit, workJson, workErr) = await RunAsync(new CheckArguments(elsewhere, "json", GoProxy: SampleProxy)
        {
            Variables = new Dictionary<string, string> { ["GOWORK"] = Path.Combine(root, "dev.work") },
        });
        Assert.True(workExit == CheckCommand.ExitClean, workErr + workJson);
        using (var doc = JsonDocument.Parse(workJson))
        {
            Assert.Equal(Path.Combine(root, "dev.work"), Path.GetFullPath(doc.RootElement.GetProperty("file").GetString()!));
            Assert.Equal("example.com/fastjson", Assert.Single(doc.RootElement.GetProperty("modules").EnumerateArray()).GetProperty("path").GetString());
        }

        // Nowhere: go's own message (go mod tidy in the same directory).
        var empty = GoOracle.NewScratchDir("check-no-module");
        var go = GoOracle.Run(empty, new Dictionary<string, string?> { ["GOFLAGS"] = null }, "mod", "tidy");
        var none = await RunAsync(new CheckArguments(empty, GoProxy: SampleProxy));
        Assert.Equal(CheckCommand.ExitUsage, none.Exit);
        Assert.Equal(go.Stderr, none.Err);
    }

    [Fact]
    public async Task A_GOFLAGS_go_stops_on_is_a_configuration_error_with_go_s_message()
    {
        var clean = WriteGoMod("module example.com/m\n\ngo 1.22\n");
        var unknown = await RunAsync(new CheckArguments(clean, GoProxy: SampleProxy) { Variables = new Dictionary<string, string> { ["GOFLAGS"] = "-mod=mod -nosuch" } });
        Assert.Equal(CheckCommand.ExitUsage, unknown.Exit);
        Assert.Equal("gomodlens: GOFLAGS=-mod=mod -nosuch (set in the process environment) stops every go command but go env:\n\tgo: parsing $GOFLAGS: unknown flag -nosuch\n", unknown.Err);

        var badMod = await RunAsync(new CheckArguments(clean, GoProxy: SampleProxy) { Variables = new Dictionary<string, string> { ["GOFLAGS"] = "-mod=bogus" } });
        Assert.Equal(CheckCommand.ExitUsage, badMod.Exit);
        Assert.EndsWith(":\n\t-mod=bogus not supported (can be '', 'mod', 'readonly', or 'vendor')\n", badMod.Err, StringComparison.Ordinal);

        // go get alone refuses -insecure: a finding on the module line, not a configuration error.
        var (insecureExit, insecureOut, _) = await RunAsync(new CheckArguments(clean, GoProxy: SampleProxy) { Variables = new Dictionary<string, string> { ["GOFLAGS"] = "-insecure" } });
        Assert.Equal(CheckCommand.ExitFindings, insecureExit);
        Assert.Contains("error GML2016: GOFLAGS=\"-insecure\" (set in the process environment) stops go get here", insecureOut, StringComparison.Ordinal);

        // CC and GOOS are named as what stops builds, with GOFLAGS empty.
        var cc = await RunAsync(new CheckArguments(clean, GoProxy: SampleProxy) { Variables = new Dictionary<string, string> { ["CC"] = "./bin/cc" } });
        Assert.Equal(CheckCommand.ExitUsage, cc.Exit);
        Assert.Equal("gomodlens: CC=./bin/cc (set in the process environment) stops go build, go test, go run and go list:\n\tgo: CC environment variable is relative; must be absolute path: ./bin/cc\n", cc.Err);
        var goos = await RunAsync(new CheckArguments(clean, GoProxy: SampleProxy) { Variables = new Dictionary<string, string> { ["GOOS"] = "macos" } });
        Assert.Equal(CheckCommand.ExitUsage, goos.Exit);
        Assert.StartsWith("gomodlens: GOOS=macos (set in the process environment) stops go build, go test, go run, go install and go vet:\n\tgo: unsupported GOOS/GOARCH pair macos/", goos.Err, StringComparison.Ordinal);
    }

    /// <summary>
    /// A module file go reads with -modfile (tools.mod) has its own sum file (tools.sum), as go 1.26 reads it: with
    /// tools.sum, go list -modfile=tools.mod works and check is clean; without it (go.sum has the lines), both fail.
    /// </summary>
    [SkippableFact]
    public async Task A_module_file_read_with_modfile_is_checked_against_its_own_sum_file_as_go_does()
    {
        GoOracle.Require();
        var goMod = WriteGoMod("module example.com/m\n\ngo 1.22\n");
        var dir = Path.GetDirectoryName(goMod)!;
        var tools = Path.Combine(dir, "tools.mod");
        File.WriteAllText(tools, "module example.com/m\n\ngo 1.22\n\nrequire example.com/Azure/sdk v1.0.0 // indirect\n");
        var sampleSums = Path.Combine(RepoPaths.Root, "samples", "basic", "go.sum");
        var goEnv = new Dictionary<string, string?> { ["GOPROXY"] = SampleProxy, ["GOFLAGS"] = null, ["GOMODCACHE"] = GoOracle.NewScratchDir("tools-modcache") };

        File.Copy(sampleSums, Path.Combine(dir, "go.sum")); // the right lines, in the file go does not read
        var withoutToolsSum = GoOracle.Run(dir, goEnv, "list", "-m", "-modfile=tools.mod", "all");
        Assert.Contains("missing go.sum entry for go.mod file", withoutToolsSum.Stderr, StringComparison.Ordinal);
        var (exit, output, _) = await RunAsync(new CheckArguments(tools, GoProxy: SampleProxy));
        Assert.Equal(CheckCommand.ExitFindings, exit);
        Assert.Contains($"{tools}:5:9: error GML1507: there is no tools.sum: go needs the /go.mod line of 1 module", output, StringComparison.Ordinal);
        Assert.Contains("    fix: Write tools.sum: go mod download -modfile=tools.mod\n", output, StringComparison.Ordinal);

        File.Move(Path.Combine(dir, "go.sum"), Path.Combine(dir, "tools.sum"));
        Assert.Equal(0, GoOracle.Run(dir, goEnv, "list", "-m", "-modfile=tools.mod", "all").ExitCode);
        (exit, output, _) = await RunAsync(new CheckArguments(tools, GoProxy: SampleProxy));
        Assert.True(exit == CheckCommand.ExitClean, output);

        // GOFLAGS=-modfile=…/tools.mod: go reads tools.mod for this directory, so the go.mod gets a warning saying so.
        (exit, output, _) = await RunAsync(new CheckArguments(goMod, GoProxy: SampleProxy) { Variables = new Dictionary<string, string> { ["GOFLAGS"] = "-modfile=" + tools } });
        Assert.Contains($"warning GML2017: GOFLAGS=\"-modfile={tools}\" (set in the process environment) sets -modfile: go commands here read {tools} and {Path.Combine(dir, "tools.sum")} instead of this go.mod and its go.sum", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Syntax_and_semantic_findings_carry_go_messages_and_fixes()
    {
        var path = WriteGoMod("module example.com/m\n\ngo 1.22\n\nrequire (\n\texample.com/fastjson v1.1.0+build.7\n\texample.com/fastjson v1.2.0\n\tfoo/bar v1.0.0\n\texample.com/yaml v2.0.0\n\texample.com/local v1.0.0\n)\n\nreplace example.com/local => ./missing\n");
        var (exit, output, _) = await RunAsync(new CheckArguments(path, "json", GoProxy: SampleProxy, NoNetwork: true));
        Assert.Equal(CheckCommand.ExitFindings, exit);
        using var doc = JsonDocument.Parse(output);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var byCode = findings.ToLookup(f => f.GetProperty("code").GetString());
        Assert.Equal($"{path}:9:2: require example.com/yaml: version \"v2.0.0\" invalid: should be v0 or v1, not v2", byCode["GML2003"].Single().GetProperty("goMessage").GetString());
        Assert.Equal("v1.1.0", byCode["GML2002"].Single().GetProperty("fixes")[0].GetProperty("edits")[0].GetProperty("newText").GetString());
        Assert.Equal("dropDuplicateRequire", byCode["GML2004"].Single().GetProperty("fixes")[0].GetProperty("kind").GetString());
        Assert.Equal("foo/bar@v1.0.0: malformed module path \"foo/bar\": missing dot in first path element", byCode["GML2001"].Single().GetProperty("goMessage").GetString());
        Assert.StartsWith("example.com/local@v1.0.0 (replaced by ./missing): reading missing/go.mod: open ", byCode["GML2005"].Single().GetProperty("goMessage").GetString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// go's fixer asks GOPROXY what a version query in go.mod means before anything else and goes on with the answer:
    /// <c>v1</c> is the highest v1.x (not v1.0.0, as the strict parser reads it), <c>latest</c> the latest, <c>v2</c> on a
    /// path without /v2 the +incompatible v2 (not a major mismatch), and a prefix with no match stops every go command.
    /// With -mod=readonly, go's default, a rewrite go would need stops builds too (an error); with -mod=mod go writes it
    /// (information). The versions and the messages are go 1.26's on the same proxy.
    /// </summary>
    [SkippableFact]
    public async Task Version_queries_in_go_mod_resolve_as_gos_fixer_resolves_them()
    {
        const string requires = "\texample.com/fastjson v1\n\texample.com/logging latest\n\texample.com/yaml v2\n";
        var path = WriteGoMod($"module example.com/m\n\ngo 1.22\n\nrequire (\n{requires}\texample.com/oldhttp v1.9\n)\n");
        var modMod = new Dictionary<string, string> { ["GOFLAGS"] = "-mod=mod" };
        var (exit, output, _) = await RunAsync(new CheckArguments(path, "json", GoProxy: SampleProxy) { Variables = modMod });

        Assert.Equal(CheckCommand.ExitFindings, exit);
        using var doc = JsonDocument.Parse(output);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        int Line(JsonElement f) => f.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32();
        JsonElement On(int line, string code) => findings.Single(f => Line(f) == line && f.GetProperty("code").GetString() == code);
        string FixedTo(JsonElement f) => f.GetProperty("fixes")[0].GetProperty("edits")[0].GetProperty("newText").GetString()!;

        var prefix = On(6, "GML2002");
        Assert.Equal("info", prefix.GetProperty("severity").GetString());
        Assert.Equal("v1.2.0", FixedTo(prefix));
        Assert.Equal("v1.0.1", FixedTo(On(7, "GML1003")));
        Assert.Equal("v2.0.0+incompatible", FixedTo(On(8, "GML2002")));
        Assert.DoesNotContain(findings, f => Line(f) == 8 && f.GetProperty("code").GetString() == "GML2003");
        var unresolvable = On(9, "GML2002");
        Assert.Equal("error", unresolvable.GetProperty("severity").GetString());
        Assert.Equal($"{path}:9:2: no matching versions for query \"v1.9\"", unresolvable.GetProperty("goMessage").GetString());
        // Only that: go never asks for v1.9.0, nor for its go.sum lines.
        Assert.Single(findings, f => Line(f) == 9);
        // The prefix resolved to v1.2.0 is what the rest of the check looks at: v1.0.0 would have an upgrade to offer.
        Assert.DoesNotContain(findings, f => Line(f) == 6 && f.GetProperty("code").GetString() == "GML2009");

        // go's default, -mod=readonly: go would have to write the go.mod, so builds stop.
        (_, output, _) = await RunAsync(new CheckArguments(path, "json", GoProxy: SampleProxy));
        using var readOnly = JsonDocument.Parse(output);
        var stops = readOnly.RootElement.GetProperty("findings").EnumerateArray().Single(f => Line(f) == 6 && f.GetProperty("code").GetString() == "GML2002");
        Assert.Equal("error", stops.GetProperty("severity").GetString());
        Assert.StartsWith("updates to go.mod needed", stops.GetProperty("goMessage").GetString(), StringComparison.Ordinal);

        GoOracle.Require();
        var goEnv = new Dictionary<string, string?> { ["GOPROXY"] = SampleProxy, ["GOFLAGS"] = "-mod=mod" };
        var go = GoOracle.Run(Path.GetDirectoryName(path)!, goEnv, "list", "-m", "all");
        Assert.Contains("go.mod:9:2: no matching versions for query \"v1.9\"", go.Stderr, StringComparison.Ordinal);
        File.WriteAllText(path, $"module example.com/m\n\ngo 1.22\n\nrequire (\n{requires})\n");
        go = GoOracle.Run(Path.GetDirectoryName(path)!, goEnv, "list", "-m", "all");
        Assert.True(go.ExitCode == 0, go.Stderr);
        Assert.Contains("\texample.com/fastjson v1.2.0\n\texample.com/logging v1.0.1\n\texample.com/yaml v2.0.0+incompatible\n", File.ReadAllText(path), StringComparison.Ordinal);
    }

    /// <summary>
    /// go's fixer answers queries in exclude and replace lines too, and goes on with them: <c>exclude … v1</c> excludes
    /// the highest v1.x, and a replacement by <c>latest</c> (a line the strict parser rejects) replaces with the latest.
    /// The replaced require then resolves through the answer. go 1.26 writes the same versions.
    /// </summary>
    [SkippableFact]
    public async Task Queries_in_exclude_and_replace_lines_are_answered_and_followed_like_go()
    {
        var path = WriteGoMod("module example.com/m\n\ngo 1.22\n\nrequire (\n\texample.com/fastjson v1.1.0\n\texample.com/alias v1.0.0\n)\n\n"
            + "exclude example.com/fastjson v1\n\nreplace example.com/alias => example.com/logging latest\n");
        var (_, output, _) = await RunAsync(new CheckArguments(path, "json", GoProxy: SampleProxy));

        using var doc = JsonDocument.Parse(output);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        int Line(JsonElement f) => f.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32();
        string FixedTo(JsonElement f) => f.GetProperty("fixes")[0].GetProperty("edits")[0].GetProperty("newText").GetString()!;
        Assert.Equal("v1.2.0", FixedTo(findings.Single(f => Line(f) == 10 && f.GetProperty("code").GetString() == "GML2002")));
        Assert.Equal("v1.0.1", FixedTo(findings.Single(f => Line(f) == 12 && f.GetProperty("code").GetString() == "GML1003")));
        // The alias resolves through example.com/logging v1.0.1: nothing but the two query findings (and go.sum's) on its lines.
        Assert.DoesNotContain(findings, f => Line(f) == 7 && f.GetProperty("code").GetString()!.StartsWith("GML3", StringComparison.Ordinal));

        GoOracle.Require();
        var go = GoOracle.Run(Path.GetDirectoryName(path)!, new Dictionary<string, string?> { ["GOPROXY"] = SampleProxy }, "list", "-m", "all");
        Assert.True(go.ExitCode == 0, go.Stderr);
        var written = File.ReadAllText(path);
        Assert.Contains("exclude example.com/fastjson v1.2.0\n", written, StringComparison.Ordinal);
        Assert.Contains("replace example.com/alias => example.com/logging v1.0.1\n", written, StringComparison.Ordinal);
    }

    /// <summary>
    /// GML2003 (a major version the path does not carry) with the ways out GOPROXY has: the path with the major, or the
    /// same path at +incompatible; none when it has neither. go 1.26 accepts the go.mod the fixes write.
    /// </summary>
    [SkippableFact]
    public async Task A_major_version_the_path_does_not_carry_is_offered_the_ways_out_goproxy_has()
    {
        // The standard tree: example.com/foo v1.0.0 to v1.2.0, example.com/foo/v2 v2.0.0; the sample proxy: example.com/yaml v2.0.0+incompatible.
        var tree = new Uri(ProxyTreeBuilder.Standard().WriteTo(GoOracle.NewScratchDir("tree"))).AbsoluteUri;
        var goproxy = $"{tree},{SampleProxy}";
        var path = WriteGoMod("module example.com/m\n\ngo 1.22\n\nrequire (\n\texample.com/foo v2.0.0\n\texample.com/foo/v2 v1.1.0\n\texample.com/yaml v2.0.0\n\texample.com/bar v3.0.0\n)\n");
        var (exit, output, _) = await RunAsync(new CheckArguments(path, "json", GoProxy: goproxy));

        Assert.Equal(CheckCommand.ExitFindings, exit);
        using var doc = JsonDocument.Parse(output);
        var mismatches = doc.RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("code").GetString() == "GML2003")
            .ToDictionary(f => f.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
        string Fixes(int line) => string.Join(" | ", mismatches[line].GetProperty("fixes").EnumerateArray()
            .Select(f => f.GetProperty("kind").GetString() + ": " + string.Join(" ", f.GetProperty("edits").EnumerateArray().Select(e => e.GetProperty("newText").GetString()))));
        Assert.Equal("requireModulePath: example.com/foo/v2 v2.0.0", Fixes(6));
        Assert.Equal("requireModulePath: example.com/foo v1.1.0", Fixes(7));
        Assert.Equal("upgradeTo: v2.0.0+incompatible", Fixes(8));
        Assert.Equal("", Fixes(9));
        Assert.EndsWith("GOPROXY has example.com/yaml v2.0.0+incompatible", mismatches[8].GetProperty("message").GetString(), StringComparison.Ordinal);

        GoOracle.Require();
        File.WriteAllText(path, "module example.com/m\n\ngo 1.22\n\nrequire (\n\texample.com/foo/v2 v2.0.0\n\texample.com/foo v1.1.0\n\texample.com/yaml v2.0.0+incompatible\n)\n");
        var go = GoOracle.Run(Path.GetDirectoryName(path)!, new Dictionary<string, string?> { ["GOPROXY"] = goproxy }, "list", "-m", "all");
        Assert.True(go.ExitCode == 0, go.Stderr);
    }

    [Fact]
    public void Every_finding_code_has_a_section_in_docs_diagnostics()
    {
        var docs = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "diagnostics.md"));
        foreach (var rule in Analysis.Findings.FindingCodes.Rules)
        {
            Assert.Contains("\n## " + rule.Code + "\n", docs, StringComparison.Ordinal);
        }

        Assert.Equal(Analysis.Findings.FindingCodes.Rules.Count, Analysis.Findings.FindingCodes.Rules.Select(r => r.Code).Distinct().Count());
    }
}
