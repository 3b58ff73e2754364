using System.IO.Compression;
using System.Text.Json;
using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Findings;
using GoModLens.Analysis.Resolution;
using GoModLens.Analysis.Tests.Resolution;
using GoModLens.Analysis.Toolchain;
using GoModLens.Analysis.Workspace;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.FakeProxy;
using GoModLens.TestUtilities.SumDb;

namespace GoModLens.Analysis.Tests.Toolchain;

public sealed class GoVersionsTests
{
    [Theory]
    [InlineData("1.21", "1.21rc1", -1)] // a language version sorts before its release candidates...
    [InlineData("1.21rc1", "1.21rc2", -1)]
    [InlineData("1.21rc2", "1.21.0", -1)] // ...which sort before its first release
    [InlineData("1.21.0", "1.21.1", -1)]
    [InlineData("1.21.10", "1.21.9", 1)]
    [InlineData("1.22beta1", "1.22rc1", -1)]
    [InlineData("1.20", "1.20.0", 0)] // before 1.21 the language version was the release
    [InlineData("1.21", "1.21.0", -1)]
    [InlineData("1", "1.0.0", 0)]
    [InlineData("1.99", "1.26.11", 1)]
    [InlineData("1.21.x", "1.0", -1)] // invalid sorts first
    [InlineData("1.021", "1.0", -1)] // leading zero: invalid
    public void Compare_orders_like_gover(string x, string y, int expected)
    {
        Assert.Equal(expected, GoVersions.Compare(x, y));
        Assert.Equal(-expected, GoVersions.Compare(y, x));
    }

    [Theory]
    [InlineData("go1.21.3", "1.21.3")]
    [InlineData("go1.21.3-custom", "1.21.3")]
    [InlineData("go1.22rc1", "1.22rc1")]
    [InlineData("go1.21 extra", "1.21")]
    [InlineData("gccgo-go1.21", "")] // the name must start with go
    [InlineData("go/1.21", "")]
    [InlineData("go1.2.x", "")]
    [InlineData("go1.2x", "1.2x")] // any lower-case word is a pre-release kind to gover
    [InlineData("local", "")]
    public void FromToolchain_extracts_the_version(string name, string expected) => Assert.Equal(expected, GoVersions.FromToolchain(name));

    [Theory]
    [InlineData("1.22", true)]
    [InlineData("1.20", false)] // 1.20 was its own first release
    [InlineData("1.22.0", false)]
    [InlineData("1.22rc1", false)]
    [InlineData("x", false)]
    public void IsLang(string v, bool expected) => Assert.Equal(expected, GoVersions.IsLang(v));
}

public sealed class ToolchainSelectionTests
{
    private const string Local = "go1.26.11";

    [Theory]
    // setting, go line, toolchain line → toolchain to run (null = local), reason
    [InlineData("auto", "1.22", null, null, ToolchainReason.Local)]
    [InlineData("auto", "1.99", null, "go1.99.0", ToolchainReason.GoLine)] // a language version ≥ 1.21 runs its .0 release
    [InlineData("auto", "1.99rc1", null, "go1.99rc1", ToolchainReason.GoLine)]
    [InlineData("auto", "1.22", "go1.99.1", "go1.99.1", ToolchainReason.ToolchainLine)]
    [InlineData("auto", "1.27", "go1.26.1", "go1.27.0", ToolchainReason.GoLine)] // an older toolchain line is ignored
    [InlineData("auto", "1.22", "default", null, ToolchainReason.Local)]
    [InlineData("local", "1.99", null, null, ToolchainReason.Local)]
    [InlineData("path", "1.99", null, "go1.99.0", ToolchainReason.GoLine)]
    [InlineData("go1.25.0", "1.22", null, "go1.25.0", ToolchainReason.Setting)] // a fixed toolchain runs even when older
    [InlineData("go1.26.11", "1.22", null, null, ToolchainReason.Local)]
    [InlineData("go1.30+auto", "1.22", null, "go1.30", ToolchainReason.Setting)]
    [InlineData("go1.98.0+auto", "1.27", "go1.99.1", "go1.99.1", ToolchainReason.ToolchainLine)]
    [InlineData("local+path", "1.99", null, "go1.99.0", ToolchainReason.GoLine)]
    public void Select_picks_the_toolchain_go_runs(string setting, string goLine, string? toolchainLine, string? expected, ToolchainReason reason)
    {
        var s = ToolchainSelection.Select(setting, Local, goLine, toolchainLine);
        Assert.Null(s.Error);
        Assert.Equal(expected, s.Toolchain);
        Assert.Equal(reason, s.Reason);
    }

    [Theory]
    [InlineData("bogus", null, "invalid GOTOOLCHAIN \"bogus\"")]
    [InlineData("go1.2.x+auto", null, "invalid GOTOOLCHAIN \"go1.2.x+auto\": invalid minimum toolchain \"go1.2.x\"")]
    [InlineData("go1.30+always", null, "invalid GOTOOLCHAIN \"go1.30+always\": only version suffixes are +auto and +path")]
    [InlineData("auto", "mycorp", "invalid toolchain \"mycorp\" in go.mod")]
    public void Invalid_settings_get_go_s_message(string setting, string? toolchainLine, string expected) =>
        Assert.Equal(expected, ToolchainSelection.Select(setting, Local, "1.22", toolchainLine).Error);

    [Theory]
    [InlineData("local", "go.mod requires go >= 1.99 (running go 1.26.11; GOTOOLCHAIN=local)")]
    [InlineData("", "go.mod requires go >= 1.99 (running go 1.26.11)")]
    [InlineData("auto", null)]
    public void A_go_line_newer_than_what_runs_is_go_s_too_new_error(string setting, string? expected) =>
        Assert.Equal(expected, ToolchainSelection.Select(setting, Local, "1.99", null).TooNew);

    [Fact]
    public void Lookup_reads_lines_like_go()
    {
        Assert.Equal("1.22", ToolchainSelection.Lookup("module m\r\n\ngo 1.22 // lang\n", "go"));
        Assert.Equal("mycorp", ToolchainSelection.Lookup("module m\n\ttoolchain  mycorp\n", "toolchain"));
        Assert.Null(ToolchainSelection.Lookup("module m\ngodebug x=1\n", "go"));
    }

    [Fact]
    public void Module_version_names_the_platform_build() =>
        Assert.Equal("v0.0.1-go1.22.3.linux-amd64", ToolchainSelection.ModuleVersion("go1.22.3", "linux", "amd64"));
}

/// <summary>The toolchain switch against go 1.26 itself: `go list -m` in a module whose go line is newer.</summary>
public sealed class ToolchainDifferentialTests
{
    private static readonly int s_closedPort = LoopbackPorts.Closed();

    public static TheoryData<string, string, string, string> Scenarios() => new()
    {
        // go.mod lines, GOTOOLCHAIN, GOPROXY ({tree} = a file:// proxy with the toolchain, {empty} = one without, {refused}), GOSUMDB
        { "go 1.99", "local", "{tree}", "off" },
        { "go 1.99", "", "{tree}", "off" },
        { "go 1.99", "path", "{tree}", "off" },
        { "go 1.99", "bogus", "{tree}", "off" },
        { "go 1.99", "go1.30+always", "{tree}", "off" },
        { "go 1.99", "auto", "{empty}", "off" },
        { "go 1.99", "auto", "off", "off" },
        { "go 1.99", "auto", "{refused}", "off" },
        { "go 1.99", "auto", "{empty},{refused}", "off" },
        { "go 1.99", "auto", "{tree},{refused}", "off" },
        { "go 1.99rc1", "auto", "{refused}", "off" },
        { "go 1.22\ntoolchain go1.99.1", "auto", "{refused}", "off" },
        { "go 1.22\ntoolchain go1.99.1", "local", "{refused}", "off" },
        { "go 1.22\ntoolchain mycorp", "auto", "{refused}", "off" },
        { "go 1.22", "go1.99.2+auto", "{empty}", "off" },
        { "go 1.22", "go1.26.11", "{refused}", "off" },
        { "go 1.99", "auto", "{tree}", "off" },
        // Toolchains are verified with the checksum database whatever GONOSUMDB says ({db} = a real database over the
        // tree; {db:html} its captive-portal mode); a lone file:// GOPROXY is go's exception, hence ",off".
        { "go 1.99", "auto", "{tree},off", "{db}" },
        { "go 1.99", "auto", "{tree},off", "{db:html}" },
        { "go 1.99", "auto", "{tree},off", "{db:notiles}" },
        { "go 1.99", "auto", "{tree},off", "sum.golang.org http://127.0.0.1:{closed}" },
        { "go 1.99", "auto", "{tree},off", "https://goproxy.cn/sumdb/sum.golang.org" },
    };

    [SkippableTheory]
    [MemberData(nameof(Scenarios))]
    public Task Outcome_and_message_equal_go(string lines, string gotoolchain, string goproxyShape, string gosumdb) =>
        CheckAsync(lines, gotoolchain, goproxyShape, gosumdb);

    /// <summary>
    /// Random GOTOOLCHAIN values (names, +auto/+path, versions below, at and above the go that runs, release
    /// candidates, refused values) against random go and toolchain lines and GOPROXY lists, with the checksum database
    /// off: go's choice and its message, against go list -m. 60 seeded scenarios per run.
    /// </summary>
    public static TheoryData<int> RandomScenarios() => [.. Enumerable.Range(1, 60)];

    [SkippableTheory]
    [MemberData(nameof(RandomScenarios))]
    public Task Random_toolchain_settings_equal_go(int seed)
    {
        GoOracle.Require();
        var random = new Random(seed);
        var local = LocalVersion.Value; // e.g. 1.26.11
        var parts = local.Split('.');
        var (major, minor) = (parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Near() => Pick($"{major}.{minor - 4}", $"{major}.{minor}", $"{major}.{minor}.0", local, $"{major}.{minor}.99", $"{major}.{minor + 1}",
            $"{major}.{minor + 1}rc1", "1.99", "1.99.0", "1.99rc1", "1.21", "1.21.0", "1.20");
        var goLine = "go " + Near();
        var toolchainLine = random.Next(3) switch
        {
            0 => "",
            1 => "\ntoolchain go" + Near(),
            _ => "\ntoolchain " + Pick("default", "mycorp", "go1.99.0", "go1.99.1", "go1.99.0-custom", "go" + local),
        };
        var gotoolchain = Pick("", "auto", "local", "path", "local+auto", "local+path", "go" + Near(), "go" + Near() + "+auto", "go" + Near() + "+path",
            "go1.99.0", "go1.99.0+auto", "bogus", "go1.x+auto", "go1.30+always", "default");
        var goproxy = Pick("{tree}", "{empty}", "off", "{refused}", "{empty},{tree}", "{refused}|{tree}", "{empty}|{refused}", "{tree},off");
        return CheckAsync(goLine + toolchainLine, gotoolchain, goproxy, "off");
    }

    private static readonly Lazy<string> LocalVersion = new(() =>
        GoOracle.Run(GoOracle.NewScratchDir("goversion"), new Dictionary<string, string?> { ["GOTOOLCHAIN"] = "local" }, "env", "GOVERSION").Stdout.Trim()["go".Length..]);

    private static async Task CheckAsync(string lines, string gotoolchain, string goproxyShape, string gosumdb)
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("toolchain");
        var tree = Path.Combine(dir, "tree");
        var module = Path.Combine(dir, "m");
        Directory.CreateDirectory(module);
        Directory.CreateDirectory(Path.Combine(dir, "empty"));
        WriteToolchainModule(tree, "v0.0.1-go1.99.0.linux-amd64");
        await File.WriteAllTextAsync(Path.Combine(module, "go.mod"), $"module example.com/m\n\n{lines}\n");
        using var db = gosumdb.StartsWith("{db", StringComparison.Ordinal) ? new SumDbServer(tree) : null;
        gosumdb = db is null ? gosumdb.Replace("{closed}", s_closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            : db.GoSumDb(gosumdb.Trim('{', '}').Split(':').ElementAtOrDefault(1));
        var goproxy = goproxyShape.Replace("{tree}", "file://" + tree, StringComparison.Ordinal)
            .Replace("{empty}", "file://" + Path.Combine(dir, "empty"), StringComparison.Ordinal)
            .Replace("{refused}", $"http://127.0.0.1:{s_closedPort}", StringComparison.Ordinal);
        var overrides = new Dictionary<string, string?>
        {
            ["GOTOOLCHAIN"] = gotoolchain.Length == 0 ? null : gotoolchain,
            ["GOPROXY"] = goproxy,
            ["GOSUMDB"] = gosumdb,
            ["GOMODCACHE"] = Path.Combine(dir, "modcache"),
            ["GOPATH"] = Path.Combine(dir, "gopath"),
            ["GOFLAGS"] = "-modcacherw",
        };

        var ours = await OursAsync(module, overrides);
        var go = GoOracle.Run(module, overrides, "list", "-m");
        var goError = FirstGoError(go.Stderr);

        Assert.NotNull(ours);
        if (ours.Outcome == ToolchainOutcome.Available)
        {
            // go downloaded our fake toolchain and ran its bin/go, which prints its own name.
            Assert.Equal(0, go.ExitCode);
            Assert.Contains("go: downloading go1.99.0 (linux/amd64)", go.Stderr, StringComparison.Ordinal);
            Assert.Equal("fake go1.99.0", go.Stdout.Trim());
            Assert.Equal("file://" + tree, ours.Where);

            // The next go command finds it in the module cache, and so do we.
            Assert.Equal(ToolchainOutcome.InModuleCache, (await OursAsync(module, overrides))!.Outcome);
            return;
        }

        var scenario = $"GOTOOLCHAIN={gotoolchain} GOPROXY={goproxyShape} go.mod: {lines.Replace("\n", "; ", StringComparison.Ordinal)}";
        if (ours.Outcome == ToolchainOutcome.Local)
        {
            // The local go runs; it may then refuse a toolchain line it would drop (GML2020), with the same words.
            var goMod = await File.ReadAllTextAsync(Path.Combine(module, "go.mod"));
            var parse = ModFile.Semantics.ModFileParser.Parse(Path.Combine(module, "go.mod"), goMod);
            if (!parse.IsAcceptedByGo)
            {
                Assert.Contains("errors parsing go.mod", go.Stderr, StringComparison.Ordinal); // the parse errors' own tests (GML1002)
                return;
            }

            var dropped = FindingsBuilder.FromParse(parse, goMod, new FindingsContext(GoModDirectory: module)).SingleOrDefault(f => f.Code == FindingCodes.ToolchainLineDropped);
            Assert.True(go.ExitCode == 0 ? dropped is null : dropped?.GoMessage == goError, $"{scenario}: we run the local go{(dropped is null ? "" : ", then " + dropped.GoMessage)}; go: {go.Stderr}");
            return;
        }

        Assert.True(ours.Fails, ours.Outcome.ToString());
        Assert.True(go.ExitCode != 0, $"{scenario}: we say {ours.GoMessage}; go ran");
        Assert.Equal(goError, ours.GoMessage);
    }

    [SkippableFact]
    public async Task A_database_record_without_the_toolchain_zip_is_go_s_checksum_missing_error()
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("toolchain-missing");
        var (tree, recorded, module) = (Path.Combine(dir, "tree"), Path.Combine(dir, "recorded"), Path.Combine(dir, "m"));
        WriteToolchainModule(tree, "v0.0.1-go1.99.0.linux-amd64");
        WriteToolchainModule(recorded, "v0.0.1-go1.99.0.linux-amd64");
        File.Delete(Path.Combine(recorded, "golang.org", "toolchain", "@v", "v0.0.1-go1.99.0.linux-amd64.zip")); // its record: the go.mod line only
        Directory.CreateDirectory(module);
        await File.WriteAllTextAsync(Path.Combine(module, "go.mod"), "module example.com/m\n\ngo 1.99\n");
        using var db = new SumDbServer(recorded);
        var overrides = new Dictionary<string, string?>
        {
            ["GOTOOLCHAIN"] = "auto", ["GOPROXY"] = "file://" + tree + ",off", ["GOSUMDB"] = db.GoSumDb(),
            ["GOMODCACHE"] = Path.Combine(dir, "modcache"), ["GOPATH"] = Path.Combine(dir, "gopath"), ["GOFLAGS"] = "-modcacherw",
        };

        var ours = await OursAsync(module, overrides);
        var go = GoOracle.Run(module, overrides, "list", "-m");
        Assert.Equal(ToolchainOutcome.ChecksumDatabaseFailed, ours!.Outcome);
        Assert.NotEqual(0, go.ExitCode);
        // The whole SECURITY ERROR text, as go prints it after "go: ".
        var goMessage = go.Stderr[(go.Stderr.IndexOf("go: download go1.99.0", StringComparison.Ordinal) + "go: ".Length)..];
        Assert.Equal(goMessage.TrimEnd('\n'), ours.GoMessage!.TrimEnd('\n'));
    }

    [SkippableTheory]
    // go.work lines, GOTOOLCHAIN, GOPROXY; the module's own go.mod says go 1.22 (or 1.99 in the last row)
    [InlineData("go 1.99", "local", "off", "1.22")]
    [InlineData("go 1.22\ntoolchain go1.99.1", "auto", "off", "1.22")]
    [InlineData("go 1.22\ntoolchain mycorp", "auto", "off", "1.22")]
    [InlineData("go 1.22\ntoolchain default", "auto", "off", "1.22")]
    [InlineData("go 1.22", "local", "off", "1.99")] // the go.mod's newer go line does not switch toolchains in workspace mode
    public async Task In_workspace_mode_the_go_work_lines_decide(string workLines, string gotoolchain, string goproxy, string moduleGo)
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("toolchain-work");
        var module = Path.Combine(dir, "m");
        Directory.CreateDirectory(module);
        await File.WriteAllTextAsync(Path.Combine(module, "go.mod"), $"module example.com/m\n\ngo {moduleGo}\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "go.work"), $"{workLines}\n\nuse ./m\n");
        var overrides = new Dictionary<string, string?> { ["GOTOOLCHAIN"] = gotoolchain, ["GOPROXY"] = goproxy, ["GOSUMDB"] = "off", ["GOFLAGS"] = "-modcacherw" };

        var ours = await OursAsync(module, overrides);
        var go = GoOracle.Run(module, overrides, "list", "-m");
        Assert.NotNull(ours);
        if (moduleGo == "1.99")
        {
            // Not the toolchain switch: go goes on and refuses the workspace while loading (GML2012, WorkspaceModeTests).
            Assert.Equal(ToolchainOutcome.Local, ours.Outcome);
            Assert.Contains("module . listed in go.work file requires go >= 1.99, but go.work lists go 1.22", go.Stderr, StringComparison.Ordinal);
            return;
        }

        if (!ours.Fails)
        {
            Assert.Equal(0, go.ExitCode);
            Assert.Equal("example.com/m", go.Stdout.Trim());
            return;
        }

        Assert.Equal(FirstGoError(go.Stderr), ours.GoMessage);
        Assert.Equal("../go.work", ours.Selection.File);

        // GOWORK=off leaves workspace mode: the go.mod's lines decide again.
        overrides["GOWORK"] = "off";
        Assert.Equal(ToolchainOutcome.Local, (await OursAsync(module, overrides))!.Outcome);
        Assert.Equal(0, GoOracle.Run(module, overrides, "list", "-m").ExitCode);
    }

    /// <summary>
    /// A proxy on loopback that fails the toolchain's download, in workspace mode (the go.work's go or toolchain line
    /// asks) and with a plain go.mod: go requests only the zip, so its message names the .zip URL with the server's own
    /// response, where GoModLens stats the .info. A proxy that serves everything but .mod files (nomod/403) fails no
    /// request go makes: go downloads the zip, then refuses it unverified (GOSUMDB=off).
    /// </summary>
    [SkippableTheory]
    [InlineData(true, "go 1.99", "status/403/blocked")]
    [InlineData(true, "go 1.99", "status/502/upstream")]
    [InlineData(true, "go 1.99", "html/502")]
    [InlineData(true, "go 1.99", "status/404/missing")]
    [InlineData(true, "go 1.99", "nomod/403")]
    [InlineData(true, "go 1.99", "{refused}")]
    [InlineData(true, "go 1.22\ntoolchain go1.99.1", "status/403/blocked")]
    [InlineData(true, "go 1.22\ntoolchain go1.99.1", "nomod/502")]
    [InlineData(false, "go 1.99", "status/502/upstream")]
    [InlineData(false, "go 1.99", "nomod/403")]
    [InlineData(false, "go 1.22\ntoolchain go1.99.1", "html/502")]
    public async Task A_failing_proxy_gives_go_s_message_for_the_zip_in_workspace_mode_and_out(bool workspace, string lines, string route)
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("toolchain-proxy");
        var (tree, module) = (Path.Combine(dir, "tree"), Path.Combine(dir, "m"));
        WriteToolchainModule(tree, "v0.0.1-go1.99.0.linux-amd64");
        WriteToolchainModule(tree, "v0.0.1-go1.99.1.linux-amd64");
        await using var proxy = await FakeModuleProxy.StartAsync(tree);
        Directory.CreateDirectory(module);
        if (workspace)
        {
            await File.WriteAllTextAsync(Path.Combine(module, "go.mod"), "module example.com/m\n\ngo 1.21\n");
            await File.WriteAllTextAsync(Path.Combine(dir, "go.work"), $"{lines}\n\nuse ./m\n");
        }
        else
        {
            await File.WriteAllTextAsync(Path.Combine(module, "go.mod"), $"module example.com/m\n\n{lines}\n");
        }

        var goproxy = route == "{refused}" ? $"http://127.0.0.1:{s_closedPort}" : proxy.Url(route);
        var overrides = new Dictionary<string, string?>
        {
            ["GOTOOLCHAIN"] = "auto", ["GOPROXY"] = goproxy, ["GOSUMDB"] = "off",
            ["GOMODCACHE"] = Path.Combine(dir, "modcache"), ["GOPATH"] = Path.Combine(dir, "gopath"), ["GOFLAGS"] = "-modcacherw",
        };

        var ours = await OursAsync(module, overrides);
        var go = GoOracle.Run(module, overrides, "list", "-m");

        Assert.NotNull(ours);
        Assert.Equal(workspace ? "../go.work" : "go.mod", ours.Selection.File);
        Assert.True(ours.Fails, ours.Outcome.ToString());
        Assert.NotEqual(0, go.ExitCode);
        Assert.Equal(FirstGoError(go.Stderr), ours.GoMessage);
    }

    [Fact]
    public void Findings_anchor_on_the_line_that_asked_and_say_why()
    {
        var parse = ModFile.Semantics.ModFileParser.Parse("go.mod", "module m\n\ngo 1.22\n\ntoolchain go1.99.1\n", ModFile.Semantics.ParseMode.Strict);
        var selection = ToolchainSelection.Select("auto", "go1.26.11", "1.22", "go1.99.1");
        var report = new ToolchainReport(selection, "go1.26.11", ToolchainOutcome.NotAvailable, "v0.0.1-go1.99.1.linux-amd64", null,
            "download go1.99.1 for linux/amd64: toolchain not available", null);
        var finding = FindingsBuilder.FromToolchain(report, parse.Model, "go.mod")!;
        Assert.Equal(FindingCodes.ToolchainSwitch, finding.Code);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(5, finding.Range.Start.Line); // the toolchain line
        Assert.Equal("the toolchain line asks for go1.99.1 (running go1.26.11), and no configured source has it", finding.Message);

        Assert.Null(FindingsBuilder.FromToolchain(report with { Outcome = ToolchainOutcome.Local }, parse.Model, "go.mod"));
        var available = FindingsBuilder.FromToolchain(report with { Outcome = ToolchainOutcome.Available, Where = "https://proxy.golang.org", GoMessage = null }, parse.Model, "go.mod")!;
        Assert.Equal(FindingSeverity.Information, available.Severity);
        Assert.EndsWith("go will download it from https://proxy.golang.org", available.Message, StringComparison.Ordinal);
    }

    /// <summary>go's first error, with its tab-indented continuation lines (<c>\tserver response: …</c>).</summary>
    private static string? FirstGoError(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("go: downloading ", StringComparison.Ordinal)).ToList();
        if (lines.Count == 0)
        {
            return null;
        }

        var first = lines[0].StartsWith("go: ", StringComparison.Ordinal) ? lines[0][4..] : lines[0];
        return string.Join('\n', lines.Skip(1).TakeWhile(l => l.StartsWith('\t')).Prepend(first));
    }

    private static async Task<ToolchainReport?> OursAsync(string module, Dictionary<string, string?> overrides)
    {
        var env = GoOracle.EnvironmentWith(overrides);
        var environment = GoEnvironment.Compute(new GoEnvironmentInput(env, GoOs.Linux, PhysicalGoEnvFileSystem.Instance));
        var text = await File.ReadAllTextAsync(Path.Combine(module, "go.mod"));
        using var transport = new RecordingTransport();
        var options = new ResolveOptions(environment.ToProxySettings(), module)
        {
            ProbeDirect = false, SuggestMirrors = false, PerModuleBudget = TimeSpan.FromSeconds(10), Workspace = GoWorkspace.Find(environment, module),
        };
        return await ToolchainCheck.RunAsync(environment, ToolchainSelection.Lookup(text, "go"), ToolchainSelection.Lookup(text, "toolchain"),
            new RequirementResolver(transport), options, CancellationToken.None);
    }

    /// <summary>A proxy tree serving golang.org/toolchain@<paramref name="version"/>: a zip whose bin/go prints its name.</summary>
    private static void WriteToolchainModule(string tree, string version)
    {
        var dir = Path.Combine(tree, "golang.org", "toolchain", "@v");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, version + ".info"), JsonSerializer.Serialize(new { Version = version, Time = "2030-01-01T00:00:00Z" }));
        File.WriteAllText(Path.Combine(dir, version + ".mod"), "module golang.org/toolchain\n");
        using var zip = ZipFile.Open(Path.Combine(dir, version + ".zip"), ZipArchiveMode.Create);
        var root = $"golang.org/toolchain@{version}/";
        // go sets the exec bits of pkg/tool, lib, bin/gofmt and bin/go, then runs bin/go.
        foreach (var (name, content) in new[] { ("bin/go", "#!/bin/sh\necho fake go1.99.0\n"), ("bin/gofmt", "#!/bin/sh\n"), ("pkg/tool/README", "fake\n"), ("lib/README", "fake\n") })
        {
            using var w = new StreamWriter(zip.CreateEntry(root + name).Open());
            w.Write(content);
        }
    }

}
