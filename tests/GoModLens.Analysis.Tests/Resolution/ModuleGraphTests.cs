using GoModLens.Analysis.Findings;
using GoModLens.Analysis.ProxyConfig;
using GoModLens.Analysis.Resolution;
using GoModLens.ModFile.GoSum;
using GoModLens.ModFile.Semantics;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.ProxyTree;

namespace GoModLens.Analysis.Tests.Resolution;

/// <summary>
/// GML3016 against go 1.26: a dependency's go.mod requiring more than the main go.mod lists makes
/// <c>go list -m all</c> stop with "updates to go.mod needed"; the fix raises the require to what go selects.
/// </summary>
public sealed class ModuleGraphTests
{
    private static readonly DateTimeOffset s_time = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // a v1.0.0 needs b v1.2.0, a v0.9.0 b v1.0.0; c (go 1.16, an unpruned module) needs d v1.1.0.
    // Below graph pruning: f (go 1.16) needs g, which (go 1.21) needs b v1.2.0; h (no go line) needs f; p (go 1.21)
    // needs f; q (go 1.16) needs k, whose go line is 1.23.
    private static readonly Lazy<string> s_proxy = new(() => new ProxyTreeBuilder()
        .Add("example.com/a", "v0.9.0", s_time, "module example.com/a\n\ngo 1.21\n\nrequire example.com/b v1.0.0\n")
        .Add("example.com/a", "v1.0.0", s_time, "module example.com/a\n\ngo 1.21\n\nrequire example.com/b v1.2.0\n", Package("a"))
        .Add("example.com/b", "v1.0.0", s_time)
        .Add("example.com/b", "v1.1.0", s_time)
        .Add("example.com/b", "v1.2.0", s_time)
        .Add("example.com/b", "v1.3.0", s_time)
        .Add("example.com/c", "v1.0.0", s_time, "module example.com/c\n\ngo 1.16\n\nrequire example.com/d v1.1.0\n")
        .Add("example.com/d", "v1.0.0", s_time)
        .Add("example.com/d", "v1.1.0", s_time)
        .Add("example.com/e", "v1.0.0", s_time, "module example.com/e\n\ngo 1.23\n")
        .Add("example.com/f", "v1.0.0", s_time, "module example.com/f\n\ngo 1.16\n\nrequire example.com/g v1.0.0\n")
        .Add("example.com/g", "v1.0.0", s_time, "module example.com/g\n\ngo 1.21\n\nrequire example.com/b v1.2.0\n")
        .Add("example.com/h", "v1.0.0", s_time, "module example.com/h\n\nrequire example.com/f v1.0.0\n", Package("h"))
        .Add("example.com/p", "v1.0.0", s_time, "module example.com/p\n\ngo 1.21\n\nrequire example.com/f v1.0.0\n")
        .Add("example.com/q", "v1.0.0", s_time, "module example.com/q\n\ngo 1.16\n\nrequire example.com/k v1.0.0\n")
        .Add("example.com/k", "v1.0.0", s_time, "module example.com/k\n\ngo 1.23\n")
        .WriteTo(GoOracle.NewScratchDir("graph-proxy")));

    private static Dictionary<string, string> Package(string name) => new() { [$"{name}.go"] = $"package {name}\n\nfunc F() {{}}\n" };

    private const string Main = "module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.1.0\n)\n";

    public static TheoryData<string, string> Scenarios => new()
    {
        { "b below what a requires", Main },
        { "b at what a requires", Main.Replace("b v1.1.0", "b v1.2.0", StringComparison.Ordinal) },
        { "b above what a requires", Main.Replace("b v1.1.0", "b v1.3.0", StringComparison.Ordinal) },
        { "b indirect", Main.Replace("b v1.1.0", "b v1.1.0 // indirect", StringComparison.Ordinal) },
        { "main go 1.16 (unpruned)", Main.Replace("go 1.21", "go 1.16", StringComparison.Ordinal) },
        { "a's requirement excluded", Main + "\nexclude example.com/b v1.2.0\n" },
        { "a replaced by a version needing less", Main + "\nreplace example.com/a v1.0.0 => example.com/a v0.9.0\n" },
        { "a replaced by a directory needing more", Main.Replace("a v1.0.0", "a v0.9.0", StringComparison.Ordinal) + "\nreplace example.com/a => ./local/a\n" },
        { "an unpruned dependency", "module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/c v1.0.0\n\texample.com/d v1.0.0\n)\n" },
        { "an unpruned dependency's pruned dependency needs more", "module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/f v1.0.0\n\texample.com/b v1.1.0\n)\n" },
        { "two unpruned levels", "module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/h v1.0.0\n\texample.com/b v1.1.0\n)\n" },
        { "a pruned dependency hides an unpruned one", "module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/p v1.0.0\n\texample.com/b v1.1.0\n)\n" },
        { "main go 1.16 loads below a pruned dependency", "module example.com/m\n\ngo 1.16\n\nrequire (\n\texample.com/p v1.0.0\n\texample.com/b v1.1.0\n)\n" },
        { "the unpruned graph's requirement excluded", "module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/f v1.0.0\n\texample.com/b v1.1.0\n)\n\nexclude example.com/b v1.2.0\n" },
        { "the unpruned graph's module replaced", "module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/f v1.0.0\n\texample.com/b v1.1.0\n)\n\nreplace example.com/g => example.com/a v0.9.0\n" },
        { "b listed twice", Main.Replace("\texample.com/b v1.1.0\n", "\texample.com/b v1.1.0\n\texample.com/b v1.0.0\n", StringComparison.Ordinal) },
    };

    [SkippableTheory]
    [MemberData(nameof(Scenarios))]
    public async Task Updates_to_go_mod_needed_match_go(string scenario, string goMod)
    {
        GoOracle.Require();
        var (dir, env) = Module(goMod);
        var go = GoOracle.Run(dir, env, "list", "-m", "all");
        var goRefuses = go.Stderr.Contains("go: updates to go.mod needed; to update it:\n\tgo mod tidy", StringComparison.Ordinal);
        Assert.True(go.ExitCode == 0 || goRefuses, $"{scenario}: go failed otherwise:\n{go.Stderr}");

        var findings = await OursAsync(dir, goMod);
        if (!goRefuses)
        {
            Assert.True(findings.Count == 0, $"{scenario}: go accepts the go.mod, we said: {string.Join("; ", findings.Select(f => f.Message))}");
            return;
        }

        // Where go refuses, its own update (-mod=mod) says which versions it selects: our fixes raise to those.
        // (The go 1.16 main module is also below its dependencies' go lines: that finding is on the go line.)
        var finding = Assert.Single(findings, f => f.ModulePath is not null);
        Assert.Contains(finding.Severity, new[] { FindingSeverity.Error, FindingSeverity.Warning }); // which one: the build test below
        Assert.Equal("updates to go.mod needed; to update it:\n\tgo mod tidy", finding.GoMessage);
        var fix = Assert.IsType<UpgradeTo>(Assert.Single(finding.Fixes));
        var selected = GoOracle.Run(dir, new Dictionary<string, string?>(env) { ["GOFLAGS"] = "-mod=mod -modcacherw" }, "list", "-m", "all");
        Assert.Contains($"{fix.Module} {fix.Version}\n", selected.Stdout, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> Builds => new()
    {
        { "a direct requirement", "module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.1.0\n)\n", "a" },
        { "below an unpruned dependency", "module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/h v1.0.0\n\texample.com/b v1.1.0\n)\n", "h" },
        { "below an unpruned dependency of a go 1.16 module", "module example.com/m\n\ngo 1.16\n\nrequire (\n\texample.com/h v1.0.0\n\texample.com/b v1.1.0\n)\n", "h" },
    };

    /// <summary>An error when go build of a package importing the dependency stops too; a warning when only go list -m all does.</summary>
    [SkippableTheory]
    [MemberData(nameof(Builds))]
    public async Task The_severity_says_whether_go_build_stops_too(string scenario, string goMod, string imported)
    {
        GoOracle.Require();
        var (dir, env) = Module(goMod);
        File.WriteAllText(Path.Combine(dir, "main.go"), $"package main\n\nimport \"example.com/{imported}\"\n\nfunc main() {{ {imported}.F() }}\n");
        Assert.NotEqual(0, GoOracle.Run(dir, env, "list", "-m", "all").ExitCode);
        var build = GoOracle.Run(dir, env, "build", "-o", Path.Combine(dir, "out"), ".");
        Assert.True(build.ExitCode == 0 || build.Stderr.Contains("go: updates to go.mod needed", StringComparison.Ordinal), $"{scenario}: {build.Stderr}");

        var finding = Assert.Single(await OursAsync(dir, goMod), f => f.ModulePath is not null);
        Assert.Equal(build.ExitCode == 0 ? FindingSeverity.Warning : FindingSeverity.Error, finding.Severity);
    }

    public static TheoryData<string, string, string, string?> MissingSums => new()
    {
        { "below f (go 1.16): g", "module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/f v1.0.0\n\texample.com/b v1.2.0\n)\n", "example.com/g v1.0.0/go.mod", null },
        { "two levels below h: g", "module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/h v1.0.0\n\texample.com/b v1.2.0\n)\n", "example.com/g v1.0.0/go.mod", "h" },
        { "one level below h: f", "module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/h v1.0.0\n\texample.com/b v1.2.0\n)\n", "example.com/f v1.0.0/go.mod", "h" },
        { "below a pruned p: nothing loaded", "module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/p v1.0.0\n\texample.com/b v1.2.0\n)\n", "example.com/g v1.0.0/go.mod", null },
        { "main go 1.16: builds need it", "module example.com/m\n\ngo 1.16\n\nrequire (\n\texample.com/h v1.0.0\n\texample.com/b v1.2.0\n)\n", "example.com/g v1.0.0/go.mod", "h" },
        { "a replaced module below f: the replacement's line", "module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/f v1.0.0\n\texample.com/b v1.2.0\n)\n\nreplace example.com/g => example.com/a v0.9.0\n", "example.com/a v0.9.0/go.mod", null },
        { "below a require replaced by f (go 1.16): g", "module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/r v1.0.0\n\texample.com/b v1.2.0\n)\n\nreplace example.com/r => example.com/f v1.0.0\n", "example.com/g v1.0.0/go.mod", null },
        { "below a require replaced by a version of f: g", "module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/f v0.1.0\n\texample.com/b v1.2.0\n)\n\nreplace example.com/f v0.1.0 => example.com/f v1.0.0\n", "example.com/g v1.0.0/go.mod", null },
        { "below a require replaced by a directory (go 1.16): g", "module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/f v1.0.0\n\texample.com/b v1.2.0\n)\n\nreplace example.com/f => ./local/f\n", "example.com/g v1.0.0/go.mod", null },
        { "the require's own line missing: GML1507's", "module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/h v1.0.0\n\texample.com/b v1.2.0\n)\n", "example.com/h v1.0.0/go.mod", null },
    };

    /// <summary>
    /// A go.mod go loads below a require older than graph pruning needs its go.sum line: our go message is go's, chain
    /// included, and the severity says whether go build (of a package importing the require) stops too.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(MissingSums))]
    public async Task Missing_go_sum_lines_below_graph_pruning_match_go(string scenario, string goMod, string droppedLine, string? imported)
    {
        GoOracle.Require();
        var (dir, env) = Module(goMod);
        var sumPath = Path.Combine(dir, "go.sum");
        var sumText = string.Concat(File.ReadAllLines(sumPath).Where(l => !l.StartsWith(droppedLine + " ", StringComparison.Ordinal)).Select(l => l + "\n"));
        File.WriteAllText(sumPath, sumText);
        var list = GoOracle.Run(dir, env, "list", "-m", "all");
        Assert.True(list.ExitCode != 0 || !scenario.StartsWith("below a require replaced", StringComparison.Ordinal), scenario + ": go found nothing missing");

        var reports = await ReportsAsync(dir, goMod);
        var model = ModFileParser.Parse("go.mod", goMod).Model;
        var ours = GoSum.GoSumChecker.MissingBelowGraphPruning(GoSumFile.Parse("go.sum", sumText), model, reports).ToList();
        if (list.ExitCode == 0 || scenario.EndsWith("GML1507's", StringComparison.Ordinal))
        {
            Assert.True(ours.Count == 0, $"{scenario}: go said {list.Stderr}; we said {string.Join("; ", ours.Select(f => f.Message))}");
            return;
        }

        var finding = Assert.Single(ours);
        Assert.Equal(list.Stderr.TrimEnd('\n'), "go: " + finding.GoMessage);
        if (imported is not null)
        {
            File.WriteAllText(Path.Combine(dir, "main.go"), $"package main\n\nimport \"example.com/{imported}\"\n\nfunc main() {{ {imported}.F() }}\n");
            var build = GoOracle.Run(dir, env, "build", "-o", Path.Combine(dir, "out"), ".");
            Assert.Equal(build.ExitCode == 0 ? FindingSeverity.Warning : FindingSeverity.Error, finding.Severity);
        }
    }

    public static TheoryData<string, string, bool> GoLines => new()
    {
        { "dependency needs a newer go", "module example.com/m\n\ngo 1.21\n\nrequire example.com/e v1.0.0\n", true },
        { "older toolchain line goes", "module example.com/m\n\ngo 1.21\n\ntoolchain go1.21.5\n\nrequire example.com/e v1.0.0\n", true },
        { "newer toolchain line stays", "module example.com/m\n\ngo 1.21\n\ntoolchain go1.25.0\n\nrequire example.com/e v1.0.0\n", true },
        { "toolchain of exactly that go stays", "module example.com/m\n\ngo 1.21\n\ntoolchain go1.23.0\n\nrequire example.com/e v1.0.0\n", true },
        { "go line new enough", "module example.com/m\n\ngo 1.23.1\n\nrequire example.com/e v1.0.0\n", false },
        { "an unpruned dependency's dependency needs a newer go", "module example.com/m\n\ngo 1.21\n\nrequire example.com/q v1.0.0\n", true },
    };

    [SkippableTheory]
    [MemberData(nameof(GoLines))]
    public async Task A_dependency_needing_a_newer_go_line_matches_go_and_the_fix_writes_what_go_writes(string scenario, string goMod, bool refuses)
    {
        GoOracle.Require();
        var (dir, env) = Module(goMod);
        var go = GoOracle.Run(dir, env, "list", "-m", "all");
        Assert.True(refuses == go.Stderr.Contains("go: updates to go.mod needed", StringComparison.Ordinal), $"{scenario}: {go.Stderr}");
        var findings = await OursAsync(dir, goMod);
        if (!refuses)
        {
            Assert.Empty(findings);
            return;
        }

        var finding = Assert.Single(findings);
        Assert.Equal(3, finding.Range.Start.Line); // the go line
        Assert.Matches(@"^example\.com/(e|k) v1\.0\.0 requires go 1\.23, above the go ", finding.Message);
        var fix = Assert.IsType<RaiseGoVersion>(Assert.Single(finding.Fixes));

        // go's own rewrite of the go.mod (-mod=mod updates it as go mod tidy would, without pruning requires).
        var update = GoOracle.Run(dir, new Dictionary<string, string?>(env) { ["GOFLAGS"] = "-mod=mod -modcacherw" }, "list", "-m", "all");
        Assert.True(update.ExitCode == 0, update.Stderr);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "go.mod")), ApplyEdits(goMod, fix.Edits));
    }

    /// <summary>A module directory with <paramref name="goMod"/> and a go.sum holding every hash go reports, so that only the module graph can stop go.</summary>
    private static (string Directory, Dictionary<string, string?> Env) Module(string goMod)
    {
        var dir = GoOracle.NewScratchDir("graph");
        Directory.CreateDirectory(Path.Combine(dir, "local", "a"));
        File.WriteAllText(Path.Combine(dir, "local", "a", "go.mod"), "module example.com/a\n\ngo 1.21\n\nrequire example.com/b v1.2.0\n");
        Directory.CreateDirectory(Path.Combine(dir, "local", "f"));
        File.WriteAllText(Path.Combine(dir, "local", "f", "go.mod"), "module example.com/f\n\ngo 1.16\n\nrequire example.com/g v1.0.0\n");
        var env = new Dictionary<string, string?>
        {
            ["GOPROXY"] = "file://" + s_proxy.Value,
            ["GOFLAGS"] = "-modcacherw", // go's default -mod=readonly
            ["GOMODCACHE"] = GoOracle.NewScratchDir("graph-modcache"),
        };

        var goModPath = Path.Combine(dir, "go.mod");
        File.WriteAllText(goModPath, "module example.com/scratch\n\ngo 1.21\n");
        var hashes = GoOracle.DownloadHashes(dir, env, "example.com/a@v0.9.0", "example.com/a@v1.0.0", "example.com/b@v1.0.0",
            "example.com/b@v1.1.0", "example.com/b@v1.2.0", "example.com/b@v1.3.0", "example.com/c@v1.0.0", "example.com/d@v1.0.0", "example.com/d@v1.1.0", "example.com/e@v1.0.0",
            "example.com/f@v1.0.0", "example.com/g@v1.0.0", "example.com/h@v1.0.0", "example.com/p@v1.0.0", "example.com/q@v1.0.0", "example.com/k@v1.0.0");
        File.WriteAllText(Path.Combine(dir, "go.sum"), string.Concat(hashes.Select(h =>
            $"{h.Key.Replace('@', ' ')} {h.Value.Zip}\n{h.Key.Replace('@', ' ')}/go.mod {h.Value.GoMod}\n")));

        File.WriteAllText(goModPath, goMod);
        return (dir, env);
    }

    private static async Task<List<Finding>> OursAsync(string dir, string goMod) =>
        [.. FindingsBuilder.Build(ModFileParser.Parse("go.mod", goMod), goMod, await ReportsAsync(dir, goMod), new FindingsContext(GoModDirectory: dir))
            .Where(f => f.Code == FindingCodes.GoModNeedsUpdate)];

    private static async Task<List<RequirementReport>> ReportsAsync(string dir, string goMod)
    {
        using var transport = new RecordingTransport();
        var options = new ResolveOptions(new ProxySettings("file://" + s_proxy.Value, GoSumDb: "off"), dir) { ProbeDirect = false, SuggestMirrors = false, CheckLatest = false };
        var reports = new List<RequirementReport>();
        await foreach (var report in new RequirementResolver(transport).ResolveAllAsync(ModFileParser.Parse("go.mod", goMod).Model, options, CancellationToken.None))
        {
            reports.Add(report);
        }

        return reports;
    }

    private static string ApplyEdits(string text, IEnumerable<TextEdit> edits)
    {
        foreach (var e in edits.OrderByDescending(e => e.Range.Start.Utf16Offset))
        {
            text = text[..e.Range.Start.Utf16Offset] + e.NewText + text[e.Range.End.Utf16Offset..];
        }

        return text;
    }
}
