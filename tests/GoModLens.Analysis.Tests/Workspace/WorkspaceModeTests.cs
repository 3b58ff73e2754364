using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Findings;
using GoModLens.Analysis.GoSum;
using GoModLens.Analysis.Resolution;
using GoModLens.Analysis.Tests.Resolution;
using GoModLens.Analysis.Workspace;
using GoModLens.ModFile.GoSum;
using GoModLens.ModFile.Semantics;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.ProxyTree;

namespace GoModLens.Analysis.Tests.Workspace;

/// <summary>
/// Workspace mode (a go.work above the go.mod) against go 1.26: the replacements it puts in force, the ways go refuses
/// a workspace, a module outside it, and go.work.sum. Each scenario runs go in the module directory and compares.
/// </summary>
public sealed class WorkspaceModeTests
{
    private static readonly int s_closedPort = LoopbackPorts.Closed();

    private static readonly Lazy<string> s_proxy = new(() => new ProxyTreeBuilder()
        .Add("example.com/fastjson", "v1.2.0", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero))
        .Add("example.com/yaml", "v1.8.0", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero))
        .WriteTo(GoOracle.NewScratchDir("work-proxy")));

    /// <summary>
    /// ws/go.work uses ./app and ./lib; ghost and logging exist only as local directories; no proxy has fastjson v1.0.0.
    /// </summary>
    private static string NewWorkspace(string goWork, string? appGoMod = null)
    {
        var ws = GoOracle.NewScratchDir("ws");
        Write(ws, "go.work", goWork);
        Write(ws, "app/go.mod", appGoMod ?? "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/ghost v0.3.0\n\texample.com/fastjson v1.0.0\n\texample.com/logging v1.0.0\n\texample.com/yaml v1.8.0\n)\n");
        Write(ws, "app/app.go", "package app\n");
        Write(ws, "lib/go.mod", "module example.com/lib\n\ngo 1.22\n\nreplace example.com/logging v1.0.0 => ../logging\n");
        Write(ws, "ghost/go.mod", "module example.com/ghost\n\ngo 1.22\n");
        Write(ws, "logging/go.mod", "module example.com/logging\n\ngo 1.22\n");
        Write(ws, "other/go.mod", "module example.com/other\n\ngo 1.22\n");
        Write(ws, "other/other.go", "package other\n");
        return ws;
    }

    private const string StandardWork = "go 1.22\n\nuse (\n\t./app\n\t./lib\n)\n\nreplace example.com/ghost v0.3.0 => ./ghost\n\nreplace example.com/fastjson => example.com/fastjson v1.2.0\n";

    private static Dictionary<string, string?> Env(Dictionary<string, string?>? extra = null)
    {
        var env = new Dictionary<string, string?>
        {
            ["GOPROXY"] = "file://" + s_proxy.Value,
            ["GOFLAGS"] = "-modcacherw", // -mod=mod is refused in workspace mode
            ["GOMODCACHE"] = GoOracle.NewScratchDir("modcache"),
        };
        foreach (var (k, v) in extra ?? [])
        {
            env[k] = v;
        }

        return env;
    }

    [SkippableFact]
    public async Task Go_work_and_workspace_module_replacements_apply_like_go()
    {
        GoOracle.Require();
        var ws = NewWorkspace(StandardWork);
        var app = Path.Combine(ws, "app");
        var env = Env();

        var go = GoOracle.Run(app, env, "list", "-m", "-f", "{{.Path}} {{with .Replace}}{{.Path}}{{with .Version}}@{{.}}{{end}}{{end}}", "all");
        Assert.True(go.ExitCode == 0, go.Stderr);
        var goReplacements = go.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' '))
            .Where(f => f.Length == 2 && f[1].Length > 0)
            .ToDictionary(f => f[0], f => f[1].StartsWith('.') ? Path.GetFullPath(Path.Combine(ws, f[1])) : f[1]); // go shows directories relative to the workspace

        var ours = await OursAsync(app, env);
        Assert.DoesNotContain(ours.Findings, f => f.Severity == FindingSeverity.Error);
        var ourReplacements = ours.Reports.Where(r => r.Replace is not null)
            .ToDictionary(r => r.ModulePath, r => r.Replace!.New.Version.Length == 0
                ? Path.GetFullPath(Path.Combine(r.ReplacedElsewhere?.BaseDirectory ?? app, r.Replace.New.Path))
                : r.Replace.New.Path + "@" + r.Replace.New.Version);
        Assert.Equal(goReplacements.OrderBy(p => p.Key), ourReplacements.OrderBy(p => p.Key));
        Assert.Equal(3, ourReplacements.Count); // ghost and fastjson by go.work, logging by lib's go.mod
        Assert.Equal(Path.Combine(ws, "lib", "go.mod"), ours.Reports.Single(r => r.ModulePath == "example.com/logging").ReplacedElsewhere?.File);
        Assert.Equal(RequirementStatus.Resolved, ours.Reports.Single(r => r.ModulePath == "example.com/fastjson").Status);

        // GOWORK=off: module mode, none of it applies, and go and GoModLens both miss ghost, logging and fastjson v1.0.0.
        var off = Env(new() { ["GOWORK"] = "off" });
        var goOff = GoOracle.Run(app, off, "list", "-m", "-json", "example.com/ghost");
        Assert.NotEqual(0, goOff.ExitCode);
        var ghostOff = (await OursAsync(app, off)).Findings.Single(f => f.ModulePath == "example.com/ghost" && f.Code == FindingCodes.VersionNotFound);
        Assert.Contains(ghostOff.GoMessage!, goOff.Stderr, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string> Refusals() => new()
    {
        // go.work text, app's go line, GOWORK, GOFLAGS
        { "go 1.22\nuse ./app\nrequire example.com/x v1.0.0\n", "1.22", "", "" },
        { "go 1.22\nuse ./app\nuse\n", "1.22", "", "" },
        { "go 1.22\nuse ./app\n", "1.23", "", "" },
        { "use ./app\n", "1.22", "", "" },
        { "go 1.22\nuse ./app\n", "1.22", "relative/go.work", "" },
        { "go 1.22\nuse ./app\n", "1.22", "", "-mod=mod" },
        { "go 1.22\nuse ./app\nuse ./missing\n", "1.22", "", "" },
        { "go 1.22\nuse ./app\nuse ./lib\nreplace example.com/lib => ./lib\n", "1.22", "", "" },
    };

    [SkippableTheory]
    [MemberData(nameof(Refusals))]
    public async Task A_workspace_go_refuses_gets_GML2012_with_go_s_message(string goWork, string appGo, string goworkSetting, string goflags)
    {
        GoOracle.Require();
        var ws = NewWorkspace(goWork, $"module example.com/app\n\ngo {appGo}\n");
        var app = Path.Combine(ws, "app");
        var env = Env(new() { ["GOWORK"] = goworkSetting.Length == 0 ? null : goworkSetting, ["GOFLAGS"] = (goflags + " -modcacherw").Trim() });

        var go = GoOracle.Run(app, env, "list", "-m");
        Assert.NotEqual(0, go.ExitCode);
        var finding = Assert.Single((await OursAsync(app, env)).Findings, f => f.Code == FindingCodes.InvalidWorkspace);
        Assert.Equal(go.Stderr.TrimEnd('\n'), "go: " + finding.GoMessage);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
    }

    [SkippableFact]
    public async Task A_module_the_go_work_does_not_use_gets_GML2011_with_go_s_message()
    {
        GoOracle.Require();
        var ws = NewWorkspace(StandardWork);
        var other = Path.Combine(ws, "other");
        var env = Env();

        var go = GoOracle.Run(other, env, "build", ".");
        Assert.NotEqual(0, go.ExitCode);
        var finding = Assert.Single((await OursAsync(other, env)).Findings, f => f.Code == FindingCodes.NotInWorkspace);
        Assert.Equal(go.Stderr.TrimEnd('\n'), finding.GoMessage);
        Assert.Equal(1, finding.Range.Start.Line);
        var fix = Assert.IsType<AddGoWorkUse>(Assert.Single(finding.Fixes));
        Assert.Equal(("go work use .", Path.Combine(ws, "go.work")), (fix.Command, fix.GoWorkPath));

        // In the use list: go builds, and the warning goes.
        Write(ws, "go.work", StandardWork.Replace("\t./lib\n", "\t./lib\n\t./other\n", StringComparison.Ordinal));
        Assert.Equal(0, GoOracle.Run(other, env, "build", ".").ExitCode);
        Assert.DoesNotContain((await OursAsync(other, env)).Findings, f => f.Code == FindingCodes.NotInWorkspace);
    }

    [SkippableFact]
    public async Task A_go_work_replacement_without_a_go_mod_gets_GML2005_on_the_require_with_go_s_message()
    {
        GoOracle.Require();
        var ws = NewWorkspace(StandardWork.Replace("=> ./ghost", "=> ./nowhere", StringComparison.Ordinal));
        var app = Path.Combine(ws, "app");
        var env = Env();

        var go = GoOracle.Run(app, env, "list", "-m", "all");
        Assert.NotEqual(0, go.ExitCode);
        var finding = Assert.Single((await OursAsync(app, env)).Findings, f => f.Code == FindingCodes.ReplaceDirectoryWithoutGoMod);
        Assert.Equal(go.Stderr.TrimEnd('\n'), "go: " + finding.GoMessage);
        Assert.Equal(6, finding.Range.Start.Line); // the ghost require
        Assert.Equal("example.com/ghost is replaced in ../go.work by ./nowhere, which does not exist", finding.Message);
    }

    [SkippableFact]
    public async Task Sums_in_go_work_sum_need_no_checksum_database_and_missing_ones_fail_like_go()
    {
        GoOracle.Require();
        var ws = NewWorkspace("go 1.22\n\nuse ./app\n", "module example.com/app\n\ngo 1.22\n\nrequire example.com/yaml v1.8.0\n");
        var app = Path.Combine(ws, "app");

        // With the database off go writes the sum it fetched to go.work.sum (not app/go.sum).
        Assert.Equal(0, GoOracle.Run(app, Env(new() { ["GOSUMDB"] = "off" }), "list", "-m", "all").ExitCode);
        Assert.Contains("example.com/yaml v1.8.0/go.mod h1:", File.ReadAllText(Path.Combine(ws, "go.work.sum")), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(app, "go.sum")));

        // An unreachable database: go.work.sum has the sum, so neither go nor GoModLens asks for it.
        var unreachable = Env(new() { ["GOSUMDB"] = $"sum.golang.org http://127.0.0.1:{s_closedPort}", ["GONOSUMDB"] = "" });
        Assert.Equal(0, GoOracle.Run(app, unreachable, "list", "-m", "all").ExitCode);
        Assert.DoesNotContain((await OursAsync(app, unreachable)).Findings, f => f.Code == FindingCodes.ChecksumDatabaseUnreachable);

        // Without it, go must verify it and cannot: GML3015 with go's message.
        File.Delete(Path.Combine(ws, "go.work.sum"));
        var go = GoOracle.Run(app, unreachable, "list", "-m", "all");
        Assert.NotEqual(0, go.ExitCode);
        var finding = Assert.Single((await OursAsync(app, unreachable)).Findings, f => f.Code == FindingCodes.ChecksumDatabaseUnreachable);
        Assert.Equal(go.Stderr.TrimEnd('\n'), "go: " + finding.GoMessage);
    }

    [SkippableTheory]
    // use order, app's replace, lib's replace
    [InlineData("./app ./lib", "example.com/yaml v1.8.0 => ../yaml-b", "example.com/yaml v1.8.0 => ../yaml-a")] // same version, two targets: refused
    [InlineData("./lib ./app", "example.com/yaml v1.8.0 => ../yaml-b", "example.com/yaml => ../yaml-a")] // a later exact line differs: reported
    [InlineData("./app ./lib", "example.com/yaml v1.8.0 => ../yaml-b", "example.com/yaml => ../yaml-a")] // a later path-wide line takes over
    [InlineData("./app ./lib", "example.com/yaml => ../yaml", "example.com/yaml => ../yaml")] // two lines, one directory: fine
    public async Task Replacements_of_two_workspace_modules_combine_and_conflict_like_go(string use, string appReplace, string libReplace)
    {
        GoOracle.Require();
        var ws = NewWorkspace($"go 1.22\n\nuse (\n\t{use.Replace(" ", "\n\t", StringComparison.Ordinal)}\n)\n",
            $"module example.com/app\n\ngo 1.22\n\nrequire example.com/yaml v1.8.0\n\nreplace {appReplace}\n");
        Write(ws, "lib/go.mod", $"module example.com/lib\n\ngo 1.22\n\nreplace {libReplace}\n");
        foreach (var dir in new[] { "yaml", "yaml-a", "yaml-b" })
        {
            Write(ws, dir + "/go.mod", "module example.com/yaml\n");
        }

        var app = Path.Combine(ws, "app");
        var env = Env();
        var go = GoOracle.Run(app, env, "list", "-m", "-f", "{{with .Replace}}{{.Path}}{{end}}", "example.com/yaml");
        var ours = await OursAsync(app, env);
        var refused = ours.Findings.Where(f => f.Code == FindingCodes.InvalidWorkspace).ToList();
        if (go.ExitCode == 0)
        {
            Assert.Empty(refused);
            var report = ours.Reports.Single();
            Assert.Equal(Path.GetFullPath(Path.Combine(ws, go.Stdout.Trim())), Path.GetFullPath(Path.Combine(report.ReplacedElsewhere?.BaseDirectory ?? app, report.Replace!.New.Path)));
            return;
        }

        // go prints "go: " before the first refusal (a fatal error), not before the second (reported, and go goes on).
        var finding = Assert.Single(refused);
        Assert.Contains(finding.GoMessage!, go.Stderr, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> GoWorkUseCases() => new()
    {
        // go.work before, the module directory to add (relative to the workspace), its go line
        { "go 1.22\n\nuse ./app\n", "other", "1.22" },
        { "go 1.22\n\nuse (\n\t./lib\n\t./app\n)\n", "other", "1.22" },
        { "go 1.21\n\ntoolchain go1.21.5\n\nuse ./app\n", "other", "1.23" }, // go line raised, the older toolchain line dropped
        { "go 1.21\n\ntoolchain go1.99.1\n\nuse ./app\n", "other", "1.23" }, // a newer toolchain line stays
        { "// my workspace\n\nuse ./app // the app\n", "other", "1.22" }, // no go line: one is added below the comment
        { "go 1.22\n\nuse other\nuse ./app\nuse ./app\n", "other", "1.22" }, // another spelling goes, the repeat stays (go reads ./app from the cwd)
        { "go 1.22\n\nuse ./app\nuse ./app\nuse ./other\n", ".", "1.22" }, // from the workspace root ./app resolves, and its repeat goes
        { "go 1.22\n\nuse ./app\n\nreplace example.com/b => ./b\nreplace example.com/a => ./a\n", "nested/deep", "1.22" },
        { "go 1.22\n\nuse ./app\n", ".", "1.22" }, // the workspace root itself is a module
    };

    [SkippableTheory]
    [MemberData(nameof(GoWorkUseCases))]
    public void The_go_work_use_fix_writes_what_go_work_use_writes(string goWork, string module, string moduleGo)
    {
        GoOracle.Require();
        var ws = NewWorkspace(goWork);
        Write(ws, Path.Combine(module, "go.mod"), $"module example.com/added\n\ngo {moduleGo}\n");
        var moduleDirectory = Path.GetFullPath(Path.Combine(ws, module));
        var goWorkPath = Path.Combine(ws, "go.work");

        var ours = GoWorkEdits.Use(goWorkPath, goWork, moduleDirectory, PhysicalGoEnvFileSystem.Instance);
        var go = GoOracle.Run(moduleDirectory, Env(), "work", "use", ".");
        Assert.True(go.ExitCode == 0, go.Stderr);
        Assert.Equal(File.ReadAllText(goWorkPath), ours);
    }

    [SkippableFact]
    public async Task A_require_of_an_unpublished_workspace_module_version_gets_the_go_work_replace_go_itself_writes()
    {
        GoOracle.Require();
        var ws = NewWorkspace("go 1.22\n\nuse (\n\t./app\n\t./lib\n)\n", "module example.com/app\n\ngo 1.22\n\nrequire example.com/lib v0.5.0\n");
        var app = Path.Combine(ws, "app");
        var env = Env();

        // go reads lib@v0.5.0's go.mod from the proxy even though the workspace has lib.
        var go = GoOracle.Run(app, env, "list", "-m", "all");
        Assert.NotEqual(0, go.ExitCode);
        var finding = Assert.Single((await OursAsync(app, env)).Findings, f => f.Code == FindingCodes.VersionNotFound);
        Assert.Contains("go: example.com/lib@v0.5.0: reading file://", go.Stderr, StringComparison.Ordinal); // go list -m all reads the .mod, we stat the .info
        Assert.StartsWith("example.com/lib@v0.5.0: reading file://", finding.GoMessage, StringComparison.Ordinal);
        var fix = Assert.IsType<ReplaceInGoWork>(finding.Fixes[0]);
        Assert.IsType<AddReplaceLocal>(finding.Fixes[1]); // go also accepts a replace in the module's own go.mod
        Assert.Equal("go work edit -replace=example.com/lib@v0.5.0=./lib", fix.Command);

        // The fix's text is what that go command writes, and with it go is satisfied.
        var goWork = Path.Combine(ws, "go.work");
        var ours = GoWorkEdits.AddReplace(File.ReadAllText(goWork), fix.Module, fix.Version, fix.Directory);
        Assert.Equal(0, GoOracle.Run(app, env, "work", "edit", "-replace=example.com/lib@v0.5.0=./lib").ExitCode);
        Assert.Equal(File.ReadAllText(goWork), ours);
        Assert.Equal(0, GoOracle.Run(app, env, "list", "-m", "all").ExitCode);
        Assert.DoesNotContain((await OursAsync(app, env)).Findings, f => f.Severity == FindingSeverity.Error);
    }

    [Fact]
    public void The_go_work_use_fix_is_offered_only_when_go_would_write_something()
    {
        var ws = NewWorkspace("go 1.22\n\nuse ./app\nrequire x v1.0.0\n");
        Assert.Null(GoWorkEdits.Use(Path.Combine(ws, "go.work"), File.ReadAllText(Path.Combine(ws, "go.work")), Path.Combine(ws, "other"),
            PhysicalGoEnvFileSystem.Instance)); // go.work does not parse
        Assert.Null(GoWorkEdits.Use(Path.Combine(ws, "go.work"), "go 1.22\n", Path.Combine(ws, "nowhere"), PhysicalGoEnvFileSystem.Instance)); // no go.mod there
        Assert.Equal("./a/b", GoWorkEdits.DirectoryPath("/ws", "/ws/a/b"));
        Assert.Equal("../x", GoWorkEdits.DirectoryPath("/ws/w", "/ws/x"));
        Assert.Equal(".", GoWorkEdits.DirectoryPath("/ws", "/ws"));
    }

    [Fact]
    public void Paths_that_cannot_name_a_file_are_refusals_not_crashes()
    {
        var ws = NewWorkspace("go 1.22\n\nuse (\n\t./app\n\t\"./a\\x00b\"\n)\n\nreplace example.com/x => \"./c\\x00d\"\n");
        var app = Path.Combine(ws, "app");
        var goMod = "module example.com/app\n\ngo 1.22\n\nrequire example.com/x v1.0.0\n\nreplace example.com/x => \"./e\\x00f\"\n";
        var workspace = GoWorkspace.Load(Path.Combine(ws, "go.work"), File.ReadAllText(Path.Combine(ws, "go.work")), PhysicalGoEnvFileSystem.Instance, app);
        var parse = ModFileParser.Parse("go.mod", goMod);
        Assert.True(parse.IsAcceptedByGo); // go accepts the go.mod; it fails only when it opens the directory

        var refusal = Assert.Single(workspace.Refusals(parse.Model, app, app));
        Assert.EndsWith("go.mod: invalid argument", refusal.GoMessage, StringComparison.Ordinal);
        var findings = FindingsBuilder.FromParse(parse, goMod, new FindingsContext(GoModDirectory: app) { Workspace = workspace });
        Assert.Single(findings, f => f.Code == FindingCodes.InvalidWorkspace);
        Assert.NotEmpty(WorkspaceFindings.ForGoWork(workspace, workspace.Text));
        Assert.Null(GoPaths.Resolve(ws, "a\0b"));
        Assert.False(GoPaths.SameDirectory(ws, ws + "\0"));
    }

    [Fact]
    public void Go_work_replacements_win_then_the_workspace_modules_in_use_order()
    {
        var ws = GoOracle.NewScratchDir("ws-unit");
        Write(ws, "go.work", "go 1.22\nuse ./a\nuse ./b\nreplace example.com/x v1.0.0 => ./x1\n");
        Write(ws, "a/go.mod", "module example.com/a\nreplace example.com/x => ../xa\nreplace example.com/y v1.0.0 => example.com/y v1.1.0\n");
        Write(ws, "b/go.mod", "module example.com/b\nreplace example.com/y => ../yb\nreplace example.com/z => ../zb\n");
        var environment = GoEnvironment.Compute(new GoEnvironmentInput(GoOracle.EnvironmentWith(null), GoOs.Linux, PhysicalGoEnvFileSystem.Instance));
        var workspace = GoWorkspace.Find(environment, Path.Combine(ws, "b"))!;
        var edited = ModFileParser.Parse("go.mod", "module example.com/b\nreplace example.com/y => ../yb\nreplace example.com/z => ../z-edited\n").Model;

        string? Target(string path, string version) => workspace.Replacement(path, version, edited, Path.Combine(ws, "b"))?.Statement.New.Path;
        Assert.Equal("./x1", Target("example.com/x", "v1.0.0")); // go.work's exact version
        Assert.Equal("../xa", Target("example.com/x", "v1.1.0")); // then a's path-wide line
        Assert.Equal("../yb", Target("example.com/y", "v1.0.0")); // b comes after a, and a path-wide line of a later module takes over
        Assert.Equal("../yb", Target("example.com/y", "v2.0.0"));
        Assert.Equal("../z-edited", Target("example.com/z", "v1.0.0")); // the editor's text, not b's file on disk
        Assert.Null(Target("example.com/w", "v1.0.0"));
        Assert.True(workspace.Uses(Path.Combine(ws, "a")));
        Assert.False(workspace.Uses(ws));
        Assert.Equal(Path.Combine(ws, "go.work"), workspace.FilePath);
        Assert.Equal("../go.work", workspace.ShortPath(Path.Combine(ws, "a")));
    }

    [Fact]
    public void Gowork_off_or_a_missing_file_means_module_mode_and_the_search_stops_at_goroot()
    {
        var ws = GoOracle.NewScratchDir("ws-find");
        Write(ws, "go.work", "go 1.22\nuse ./root/src/m\n");
        Directory.CreateDirectory(Path.Combine(ws, "root", "src", "m"));
        var module = Path.Combine(ws, "root", "src", "m");

        GoWorkspace? Find(Dictionary<string, string?> overrides) => GoWorkspace.Find(
            GoEnvironment.Compute(new GoEnvironmentInput(GoOracle.EnvironmentWith(overrides), GoOs.Linux, PhysicalGoEnvFileSystem.Instance)), module);

        Assert.Equal(Path.Combine(ws, "go.work"), Find([])?.FilePath);
        Assert.Equal(Path.Combine(ws, "go.work"), Find(new() { ["GOWORK"] = "auto" })?.FilePath);
        Assert.Null(Find(new() { ["GOWORK"] = "off" }));
        Assert.Null(Find(new() { ["GOWORK"] = Path.Combine(ws, "missing.work") }));
        Assert.Equal("invalid GOWORK: not an absolute path", Find(new() { ["GOWORK"] = "go.work" })?.GoError);
        Assert.Null(Find(new() { ["GOROOT"] = Path.Combine(ws, "root") })); // findWorkspaceFile does not cross into GOROOT
    }

    /// <summary>
    /// go.work files of random lines (go lines, use lines for modules, a directory without go.mod, duplicates, trailing
    /// slashes, bare names, replacements, some conflicting with the modules' own) around app, whose go line varies:
    /// go list . in app either runs, and GoModLens finds nothing wrong with the workspace, or stops at an error that is
    /// one of GoModLens's findings (GML2011, GML2012, GML2005), word for word. 50 seeded cases per run (500 once).
    /// </summary>
    public static TheoryData<int> RandomWorkspaces() => [.. Enumerable.Range(1, 50)];

    [SkippableTheory]
    [MemberData(nameof(RandomWorkspaces))]
    public async Task Random_go_work_files_are_accepted_or_refused_as_go_does(int seed)
    {
        GoOracle.Require();
        string[] goLines = ["go 1.22\n", "go 1.22\n", "go 1.21\n", "go 1.23\n", "go 1.22.0\n", ""];
        string[] uses = ["./app", "./app", "./lib", "./missing", "./ghost", "./other", "./app/", "lib", "./logging", "."];
        string[] replaces =
        [
            "example.com/ghost v0.3.0 => ./ghost", "example.com/ghost => ./ghost", "example.com/logging => ./logging", "example.com/lib => ./lib",
            "example.com/fastjson => example.com/fastjson v1.2.0", "example.com/logging v1.0.0 => ./other", "example.com/yaml => ./missing",
        ];
        var random = new Random(seed);
        var work = new System.Text.StringBuilder(goLines[random.Next(goLines.Length)]);
        var useLines = Enumerable.Range(0, random.Next(1, 5)).Select(_ => uses[random.Next(uses.Length)]).ToList();
        work.Append(random.Next(2) == 0 ? "\nuse (\n" + string.Concat(useLines.Select(u => "\t" + u + "\n")) + ")\n" : string.Concat(useLines.Select(u => "use " + u + "\n")));
        foreach (var replace in Enumerable.Range(0, random.Next(0, 3)).Select(_ => replaces[random.Next(replaces.Length)]))
        {
            work.Append("replace ").Append(replace).Append('\n');
        }

        var ws = NewWorkspace(work.ToString(), $"module example.com/app\n\ngo {(random.Next(3) == 0 ? "1.23" : "1.22")}\n");
        var app = Path.Combine(ws, "app");
        var env = Env();
        var go = GoOracle.Run(app, env, "list", ".");
        var ours = (await OursAsync(app, env)).Findings
            .Where(f => f.Code is FindingCodes.InvalidWorkspace or FindingCodes.NotInWorkspace or FindingCodes.ReplaceDirectoryWithoutGoMod && f.GoMessage is not null)
            .ToList();
        var context = $"--- go.work:\n{work}--- go:\n{go.Stderr}--- ours:\n{string.Join("\n", ours.Select(f => f.Code + " " + f.GoMessage))}";
        if (go.ExitCode == 0)
        {
            Assert.True(!ours.Any(f => f.Code is FindingCodes.InvalidWorkspace or FindingCodes.NotInWorkspace), context);
            return;
        }

        Assert.True(ours.Any(f => go.Stderr.TrimEnd('\n') == "go: " + f.GoMessage || go.Stderr.Contains(f.GoMessage!, StringComparison.Ordinal)), context);
    }

    private static async Task<(List<Finding> Findings, List<RequirementReport> Reports)> OursAsync(string module, Dictionary<string, string?> overrides)
    {
        var environment = GoEnvironment.Compute(new GoEnvironmentInput(GoOracle.EnvironmentWith(overrides), GoOs.Linux, PhysicalGoEnvFileSystem.Instance));
        var goModPath = Path.Combine(module, "go.mod");
        var text = await File.ReadAllTextAsync(goModPath);
        var parse = ModFileParser.Parse("go.mod", text);
        var workspace = GoWorkspace.Find(environment, module);
        using var transport = new RecordingTransport();
        var resolver = new RequirementResolver(transport);
        var options = new ResolveOptions(environment.ToProxySettings(), module)
        {
            ProbeDirect = false, SuggestMirrors = false, ChecksumDatabaseMirror = null, Workspace = workspace,
        };
        var reports = new List<RequirementReport>();
        await foreach (var report in resolver.ResolveAllAsync(parse.Model, options, CancellationToken.None))
        {
            reports.Add(report);
        }

        var sumPath = Path.Combine(module, "go.sum");
        static GoSumFile Read(string path) => GoSumFile.Parse(path, File.Exists(path) ? File.ReadAllText(path) : "");
        var sums = options.IsWorkspaceModule ? workspace!.SumSet(Read) : GoSumSet.Module(Read(sumPath));
        var (unverifiable, _) = await ChecksumDatabase.CheckAsync(resolver, parse.Model, sums, reports, options, "go.mod", CancellationToken.None);
        var findings = FindingsBuilder.Build(parse, text, reports, new FindingsContext(GoModDirectory: module) { Workspace = workspace }).ToList();
        findings.AddRange(unverifiable);
        return (findings, reports);
    }

    private static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
