using GoModLens.Analysis.Findings;
using GoModLens.ModFile.Semantics;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.ProxyTree;

namespace GoModLens.Analysis.Tests.Check;

/// <summary>
/// GML2018 against go 1.26's <c>go list tool</c>: reported only where go says no required module provides the package,
/// and wherever go does so for a reason the go.mod shows (no module with a matching path; a missing main-module directory).
/// </summary>
public sealed class ToolFindingsTests
{
    private static readonly Lazy<string> s_proxy = new(() => new Uri(new ProxyTreeBuilder()
        .Add("example.com/x", "v1.0.0", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
            files: new Dictionary<string, string> { ["cmd/bar/main.go"] = "package main\n\nfunc main() {}\n", ["lib/lib.go"] = "// Package lib.\npackage lib\n" })
        .Add("example.com/m/tools", "v1.0.0", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
            files: new Dictionary<string, string> { ["cmd/gen/main.go"] = "package main\n\nfunc main() {}\n" })
        .WriteTo(GoOracle.NewScratchDir("tool-tree"))).AbsoluteUri);

    // Requires of both modules that have the package example.com/x/cmd/bar (with s_ambiguousProxy).
    private const string TwoModulesWithBar = "tool example.com/x/cmd/bar\n\nrequire (\n\texample.com/x v1.0.0\n\texample.com/x/cmd/bar v1.0.0\n)\n";

    // example.com/x and a module at its package's path: two modules with the package example.com/x/cmd/bar.
    private static readonly Lazy<string> s_ambiguousProxy = new(() => new Uri(new ProxyTreeBuilder()
        .Add("example.com/x", "v1.0.0", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
            files: new Dictionary<string, string> { ["cmd/bar/main.go"] = "package main\n\nfunc main() {}\n" })
        .Add("example.com/x/cmd/bar", "v1.0.0", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
            files: new Dictionary<string, string> { ["main.go"] = "package main\n\nfunc main() {}\n" })
        .WriteTo(GoOracle.NewScratchDir("tool-tree"))).AbsoluteUri);

    [SkippableTheory]
    [InlineData("tool example.com/x/cmd/bar\n", true)] // no require at all
    [InlineData("tool example.com/x/cmd/bar\n\nrequire example.com/x v1.0.0\n", false)]
    [InlineData("tool example.com/xy/cmd\n\nrequire example.com/x v1.0.0\n", true)] // a prefix, not a path element
    // The required module's downloaded tree lacks the package: no Go files at its root, or no such directory.
    [InlineData("tool example.com/x\n\nrequire example.com/x v1.0.0\n", true)]
    [InlineData("tool example.com/x/cmd/typo\n\nrequire example.com/x v1.0.0\n", true)]
    [InlineData("tool example.com/m/cmd/missing\n", true)] // the main module, no such directory
    [InlineData("tool example.com/m/cmd/here\n", false)]
    [InlineData("tool example.com/m/cmd/nogo\n", true)] // a directory without .go files
    [InlineData("tool example.com/m/nested/cmd\n", true)] // a nested module's directory: not the main module's package
    [InlineData("tool (\n\texample.com/m/cmd/here\n\texample.com/other/cmd\n)\n\nrequire example.com/x v1.0.0\n", true)]
    [InlineData("tool example.com/m/tools/cmd/gen\n\nrequire example.com/m/tools v1.0.0\n", false)] // a required module nested below the main module's path
    [InlineData("tool example.com/r/cmd/a\n\nrequire example.com/r v1.0.0\n\nreplace example.com/r => ./localr\n", false)]
    [InlineData("tool example.com/r/cmd/b\n\nrequire example.com/r v1.0.0\n\nreplace example.com/r => ./localr\n", true)] // not in the replacement directory
    [InlineData("tool example.com/x/cmd/bar\n\nrequire example.com/x v0.0.0\n\nreplace example.com/x v0.0.0 => example.com/x v1.0.0\n", false)]
    [InlineData("tool example.com/x/cmd/typo\n\nrequire example.com/x v0.0.0\n\nreplace example.com/x v0.0.0 => example.com/x v1.0.0\n", true)]
    public void Reported_where_go_list_tool_says_no_required_module_provides_it(string lines, bool reported)
    {
        GoOracle.Require();
        var (dir, text, env) = ToolModule(lines);
        Assert.Equal(0, GoOracle.Run(dir, env, "mod", "download", "all").ExitCode); // every module hash, so go looks in the modules

        var (findings, go) = FindingsAndGo(dir, text, env);

        Assert.Equal(reported, findings.Count > 0);
        Assert.All(findings, f => Assert.Equal(FindingCodes.ToolNotProvided, f.Code));
        Assert.True(reported || go.ExitCode == 0, go.Stderr);
    }

    /// <summary>
    /// <c>go mod download</c> without arguments writes only the <c>/go.mod</c> lines of a tool's module: go then stops
    /// before it looks in the module, whether the package is there or not (GML1509 on the tool line, go's message).
    /// </summary>
    [SkippableTheory]
    [InlineData("tool example.com/x/cmd/typo\n\nrequire example.com/x v1.0.0\n", true)]
    [InlineData("tool example.com/x\n\nrequire example.com/x v1.0.0\n", true)]
    [InlineData("tool example.com/x/cmd/bar\n\nrequire example.com/x v1.0.0\n", true)]
    [InlineData("tool example.com/x/cmd/typo\n\nrequire example.com/x v0.0.0\n\nreplace example.com/x v0.0.0 => example.com/x v1.0.0\n", true)]
    [InlineData("tool example.com/r/cmd/a\n\nrequire example.com/r v1.0.0\n\nreplace example.com/r => ./localr\n", false)] // a directory needs no hash
    [InlineData("tool example.com/m/cmd/here\n\nrequire example.com/x v1.0.0\n", false)]
    public void Without_the_module_hash_go_stops_before_it_looks_in_the_module(string lines, bool missingSum)
    {
        GoOracle.Require();
        var (dir, text, env) = ToolModule(lines);

        var (findings, go) = FindingsAndGo(dir, text, env);

        Assert.Equal(missingSum, findings.Any(f => f.Code == GoSum.GoSumFindingCodes.MissingModuleEntry));
        if (missingSum)
        {
            var finding = Assert.Single(findings);
            Assert.Equal(FindingSeverity.Error, finding.Severity);
            Assert.Equal("go mod download example.com/x", Assert.IsType<RunGoCommand>(Assert.Single(finding.Fixes)).Command);
            Assert.Equal(0, GoOracle.Run(dir, env, "mod", "download", "example.com/x").ExitCode); // the fix
            Assert.DoesNotContain(FindingsAndGo(dir, text, env).Findings, f => f.Code == GoSum.GoSumFindingCodes.MissingModuleEntry);
        }
    }

    // ToolFindings with the module cache and the go.sum go reads, beside go list tool's errors: every first line of a
    // GoModLens go message is one go prints, and go prints no such error that GoModLens does not report.
    private static (List<Finding> Findings, GoResult Go) FindingsAndGo(string dir, string text, Dictionary<string, string?> env)
    {
        var sumPath = Path.Combine(dir, "go.sum");
        var sums = File.Exists(sumPath) ? GoModLens.ModFile.GoSum.GoSumFile.Parse(sumPath, File.ReadAllText(sumPath)) : GoModLens.ModFile.GoSum.GoSumFile.Absent(sumPath);
        var findings = ToolFindings.From(ModFileParser.Parse("go.mod", text).Model, "go.mod", dir, goModCache: env["GOMODCACHE"], sums: sums).ToList();
        var go = GoOracle.Run(dir, env, "list", "tool");

        string[] errors = ["no required module provides package ", "missing go.sum entry ", "ambiguous import: "];
        var goSays = go.Stderr.Split('\n').Where(l => errors.Any(e => l.StartsWith(e, StringComparison.Ordinal))).ToList();
        Assert.Equal(goSays, findings.Select(f => f.GoMessage!.Split('\n')[0]));
        Assert.All(findings, f => Assert.Contains(f.GoMessage!, go.Stderr, StringComparison.Ordinal)); // all of go's lines, advice included
        return (findings, go);
    }

    /// <summary>
    /// A required module go has not downloaded is trusted (go would download it, and only then knows); once downloaded,
    /// its zip alone (the extracted tree removed) tells as much as the tree.
    /// </summary>
    [SkippableFact]
    public void A_required_module_is_looked_in_where_the_module_cache_has_it_the_tree_or_only_the_zip()
    {
        GoOracle.Require();
        const string Lines = "tool (\n\texample.com/x/cmd/bar\n\texample.com/x/cmd/typo\n)\n\nrequire example.com/x v1.0.0\n";
        var (dir, text, env) = ToolModule(Lines);
        var model = ModFileParser.Parse("go.mod", text).Model;
        var cache = env["GOMODCACHE"]!;

        Assert.Empty(ToolFindings.From(model, "go.mod", dir, goModCache: GoOracle.NewScratchDir("tool-empty-cache")));
        var withTree = Assert.Single(ToolFindings.From(model, "go.mod", dir, goModCache: cache));
        Assert.Equal("the tool package example.com/x/cmd/typo is not in example.com/x@v1.0.0: go tool, go list tool and go build tool stop until a module that has it is required",
            withTree.Message);
        Assert.True(ToolFindings.Provider(model, "example.com/x/cmd/bar", dir, goModCache: cache)!.Known);

        var tree = Path.Combine(cache, "example.com", "x@v1.0.0");
        Directory.Delete(tree, recursive: true);
        var withZip = Assert.Single(ToolFindings.From(model, "go.mod", dir, goModCache: cache));
        Assert.Equal(withTree.Message, withZip.Message);
        Assert.True(ToolFindings.Provider(model, "example.com/x/cmd/bar", dir, goModCache: cache)!.Known);
    }

    /// <summary>Two required modules with the package: go's ambiguous import, with go's message.</summary>
    [SkippableFact]
    public void Two_modules_with_the_package_are_go_s_ambiguous_import()
    {
        GoOracle.Require();
        var (dir, text, env) = ToolModule(TwoModulesWithBar, s_ambiguousProxy.Value);
        Assert.Equal(0, GoOracle.Run(dir, env, "mod", "download", "all").ExitCode);

        var finding = Assert.Single(FindingsAndGo(dir, text, env).Findings);

        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.StartsWith("ambiguous import: found package example.com/x/cmd/bar in multiple modules:", finding.GoMessage, StringComparison.Ordinal);
    }

    /// <summary>
    /// A path whose first element has no dot is a standard library path to go: found in GOROOT first, and when no
    /// module has it either, go's "package P is not in std (GOROOT/src/P)", whatever -mod says.
    /// </summary>
    [SkippableTheory]
    [InlineData("example.com/m", "fmt", null, false)]
    [InlineData("example.com/m", "cmd/vet", null, false)]
    [InlineData("example.com/m", "nosuchstd/cmd", null, true)]
    [InlineData("example.com/m", "nosuchstd/cmd", "-mod=mod", true)]
    [InlineData("m", "m/cmd/x", null, true)]
    [InlineData("m", "m/cmd/here", null, false)]
    public void A_path_without_a_dot_is_looked_for_in_the_standard_library(string module, string package, string? goFlags, bool reported)
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("tool-std");
        var text = $"module {module}\n\ngo 1.24\n\ntool {package}\n";
        File.WriteAllText(Path.Combine(dir, "go.mod"), text);
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(dir, "cmd", "here")).FullName, "main.go"), "package main\n\nfunc main() {}\n");
        var env = new Dictionary<string, string?> { ["GOPROXY"] = "off", ["GOFLAGS"] = goFlags };
        var goRoot = GoOracle.Run(dir, env, "env", "GOROOT").Stdout.Trim();

        var findings = FindingsOf(dir, text, new FindingsContext(GoModDirectory: dir) { GoRoot = goRoot, GoFlagsMod = goFlags?["-mod=".Length..] });
        var go = GoOracle.Run(dir, env, "list", "tool");

        Assert.Equal(reported, findings.Count > 0);
        Assert.Equal(reported, go.ExitCode != 0);
        if (reported)
        {
            Assert.Equal($"package {package} is not in std ({Path.Combine(goRoot, "src", package)})", Assert.Single(findings).GoMessage);
            Assert.Contains(findings[0].GoMessage!, go.Stderr, StringComparison.Ordinal);
        }

        Assert.Empty(FindingsOf(dir, text, new FindingsContext(GoModDirectory: dir))); // GOROOT unknown: such a path is not judged
    }

    /// <summary>
    /// go tool runs main packages only (go list tool and go build tool accept a library): GML2019 where the package's
    /// files are at hand, checked with go tool -n, with the module's tree and with only its zip.
    /// </summary>
    [SkippableTheory]
    [InlineData("example.com/x/lib", true, false)]
    [InlineData("example.com/x/lib", true, true)]
    [InlineData("example.com/x/cmd/bar", false, false)]
    [InlineData("example.com/x/cmd/bar", false, true)]
    [InlineData("example.com/m/pkg/util", true, false)]
    [InlineData("example.com/m/cmd/here", false, false)]
    [InlineData("example.com/m/cmd/onlytests", true, false)] // go: "no non-test Go files in …"
    public void A_tool_that_is_not_a_main_package_cannot_be_run_with_go_tool(string package, bool reported, bool zipOnly)
    {
        GoOracle.Require();
        var (dir, text, env) = ToolModule($"tool {package}\n\nrequire example.com/x v1.0.0\n");
        Assert.Equal(0, GoOracle.Run(dir, env, "mod", "download", "all").ExitCode);
        if (zipOnly)
        {
            Directory.Delete(Path.Combine(env["GOMODCACHE"]!, "example.com", "x@v1.0.0"), recursive: true);
        }

        var findings = FindingsOf(dir, text, new FindingsContext(GoModDirectory: dir) { GoModCache = env["GOMODCACHE"] });
        var go = GoOracle.Run(dir, env, "tool", "-n", ToolFindings.ExecName(package));

        Assert.Equal(reported, go.ExitCode != 0);
        Assert.Equal(reported, findings.Count > 0);
        if (reported)
        {
            var finding = Assert.Single(findings);
            Assert.Equal(FindingCodes.ToolNotMain, finding.Code);
            Assert.Contains(finding.GoMessage!, go.Stderr, StringComparison.Ordinal);
        }
    }

    /// <summary>go checks every tool path when it loads the module: a malformed one stops every command, with go's message.</summary>
    [SkippableTheory]
    [InlineData("example.com/m/../x")]
    [InlineData("Example.com/x!")]
    [InlineData("\"a b/c\"")]
    [InlineData("example.com/x@v1")]
    [InlineData("/abs/x")]
    [InlineData("./cmd/here")]
    public void A_malformed_tool_path_stops_every_go_command_with_go_s_message(string written)
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("tool-malformed");
        var text = $"module example.com/m\n\ngo 1.24\n\ntool {written}\n";
        File.WriteAllText(Path.Combine(dir, "go.mod"), text);

        var finding = Assert.Single(FindingsOf(dir, text, new FindingsContext(GoModDirectory: dir)), f => f.Code == FindingCodes.MalformedModulePath);
        var env = new Dictionary<string, string?> { ["GOPROXY"] = "off", ["GOFLAGS"] = null };

        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.DoesNotContain(FindingsOf(dir, text, new FindingsContext(GoModDirectory: dir)), f => f.Code != FindingCodes.MalformedModulePath);
        foreach (var command in (string[][])[["list", "tool"], ["list", "-m", "all"], ["build", "./..."]])
        {
            Assert.Equal("go: " + finding.GoMessage, GoOracle.Run(dir, env, command).Stderr.Split('\n')[0]);
        }
    }

    /// <summary>
    /// One module has the package and go.sum lacks the other's hash: go cannot tell the package is in one module only,
    /// and says so (the "found" form of its missing go.sum entry message).
    /// </summary>
    [SkippableFact]
    public void A_missing_hash_of_a_second_candidate_is_go_s_provided_by_exactly_one_module_error()
    {
        GoOracle.Require();
        var (dir, text, env) = ToolModule(TwoModulesWithBar, s_ambiguousProxy.Value);
        Assert.Equal(0, GoOracle.Run(dir, env, "mod", "download", "example.com/x").ExitCode);

        var finding = Assert.Single(FindingsAndGo(dir, text, env).Findings);

        Assert.Equal(GoSum.GoSumFindingCodes.MissingModuleEntry, finding.Code);
        Assert.Equal("missing go.sum entry needed to verify package example.com/x/cmd/bar is provided by exactly one module; to add:\n\tgo mod download example.com/x/cmd/bar",
            finding.GoMessage);
    }

    /// <summary>
    /// Vendor mode: a tool package comes from the main module or vendor/, and from vendor/ only when modules.txt lists
    /// it (go 1.23 on); go's error names -mod=vendor and why go uses it.
    /// </summary>
    [SkippableTheory]
    [InlineData("example.com/x/cmd/bar", null)] // vendored by go mod vendor
    [InlineData("example.com/m/cmd/here", null)]
    [InlineData("example.com/x/cmd/typo", "cannot find module providing package example.com/x/cmd/typo: import lookup disabled by -mod=vendor\n\t(Go version in go.mod is at least 1.14 and vendor directory exists.)")]
    [InlineData("example.com/x/cmd/copy", "ignoring package example.com/x/cmd/copy which exists in the vendor directory but is missing from vendor/modules.txt. To sync the vendor directory run go mod vendor.")]
    public void In_vendor_mode_tools_come_from_vendor_and_its_modules_txt(string package, string? goSays)
    {
        GoOracle.Require();
        var (dir, _, env) = ToolModule("tool example.com/x/cmd/bar\n\nrequire example.com/x v1.0.0\n");
        Assert.Equal(0, GoOracle.Run(dir, env, "mod", "download", "all").ExitCode);
        Assert.Equal(0, GoOracle.Run(dir, env, "mod", "vendor").ExitCode);
        var bar = Path.Combine(dir, "vendor", "example.com", "x", "cmd", "bar", "main.go");
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(dir, "vendor", "example.com", "x", "cmd", "copy")).FullName, "main.go"), File.ReadAllText(bar));
        var text = $"module example.com/m\n\ngo 1.24\n\ntool {package}\n\nrequire example.com/x v1.0.0\n";
        File.WriteAllText(Path.Combine(dir, "go.mod"), text);

        var findings = FindingsOf(dir, text, new FindingsContext(GoModDirectory: dir)
        {
            GoModCache = env["GOMODCACHE"],
            Vendor = new Analysis.Vendoring.VendorState(
                Analysis.Vendoring.BuildMode.Decide(null, dir, "1.24", null, Analysis.Environment.PhysicalGoEnvFileSystem.Instance),
                Analysis.Vendoring.VendorList.Parse(File.ReadAllText(Path.Combine(dir, "vendor", "modules.txt")))),
        });
        var go = GoOracle.Run(dir, env, "list", "tool");

        Assert.Equal(goSays is null, go.ExitCode == 0);
        if (goSays is null)
        {
            Assert.Empty(findings);
            return;
        }

        var finding = Assert.Single(findings);
        Assert.StartsWith(goSays, finding.GoMessage, StringComparison.Ordinal);
        Assert.Contains(finding.GoMessage!, go.Stderr, StringComparison.Ordinal);
    }

    /// <summary>go's error names the -mod that keeps it from looking the package up when GOFLAGS sets it, or when go says why it chose it.</summary>
    [SkippableTheory]
    [InlineData("-mod=readonly", "1.24", false, "cannot find module providing package example.com/zz/cmd: import lookup disabled by -mod=readonly")]
    [InlineData(null, "1.13", true, "cannot find module providing package example.com/zz/cmd: import lookup disabled by -mod=readonly\n\t(Go version in go.mod is 1.13, so vendor directory was not used.)")]
    [InlineData(null, "1.24", false, "no required module provides package example.com/zz/cmd; to add it:\n\tgo get example.com/zz/cmd")]
    public void The_error_names_the_mod_that_stops_the_lookup(string? goFlags, string goVersion, bool vendorDirectory, string goSays)
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("tool-mod");
        var text = $"module example.com/m\n\ngo {goVersion}\n\ntool example.com/zz/cmd\n";
        File.WriteAllText(Path.Combine(dir, "go.mod"), text);
        if (vendorDirectory)
        {
            Directory.CreateDirectory(Path.Combine(dir, "vendor"));
        }

        var finding = Assert.Single(FindingsOf(dir, text, new FindingsContext(GoModDirectory: dir) { GoFlagsMod = goFlags?["-mod=".Length..] }));
        var go = GoOracle.Run(dir, new Dictionary<string, string?> { ["GOPROXY"] = "off", ["GOFLAGS"] = goFlags }, "list", "tool");

        Assert.Equal(goSays, finding.GoMessage);
        Assert.Contains(goSays, go.Stderr, StringComparison.Ordinal);
    }

    private static List<Finding> FindingsOf(string dir, string text, FindingsContext context) =>
        [.. FindingsBuilder.FromParse(ModFileParser.Parse(Path.Combine(dir, "go.mod"), text), text, context)
            .Where(f => f.Code is FindingCodes.ToolNotProvided or FindingCodes.ToolNotMain or FindingCodes.MalformedModulePath or GoSum.GoSumFindingCodes.MissingModuleEntry)];

    // A main module example.com/m with a package cmd/here, a directory without Go files, a nested module, and a
    // replacement directory ./localr (module example.com/r, package cmd/a), go.sum written by go mod download.
    private static (string Dir, string Text, Dictionary<string, string?> Env) ToolModule(string lines, string? proxy = null)
    {
        var dir = GoOracle.NewScratchDir("tool");
        var text = "module example.com/m\n\ngo 1.24\n\n" + lines;
        File.WriteAllText(Path.Combine(dir, "go.mod"), text);
        void Write(string relative, string content)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, relative))!);
            File.WriteAllText(Path.Combine(dir, relative), content);
        }

        Write("cmd/here/main.go", "package main\n\nfunc main() {}\n");
        Write("pkg/util/util.go", "package util\n");
        Write("cmd/onlytests/main_test.go", "package main\n");
        Write("pkg/util/util_test.go", "package util_test\n"); // an external test package: not the package's name
        Write("cmd/nogo/README", "no Go here\n");
        Write("nested/go.mod", "module example.com/m/nested\n\ngo 1.24\n");
        Write("nested/cmd/main.go", "package main\n\nfunc main() {}\n");
        Write("localr/go.mod", "module example.com/r\n\ngo 1.24\n");
        Write("localr/cmd/a/main.go", "package main\n\nfunc main() {}\n");
        // -modcacherw: the test removes an extracted tree to leave go's zip alone.
        var env = new Dictionary<string, string?> { ["GOPROXY"] = proxy ?? s_proxy.Value, ["GOMODCACHE"] = GoOracle.NewScratchDir("tool-modcache"), ["GOFLAGS"] = "-modcacherw" };
        if (text.Contains("require", StringComparison.Ordinal))
        {
            Assert.Equal(0, GoOracle.Run(dir, env, "mod", "download").ExitCode); // go.sum as go mod download writes it
        }

        return (dir, text, env);
    }

    /// <summary>
    /// Workspace mode: every workspace module is a main module and every one's requires provide packages, so module
    /// a's tool is found through b's require, and b's own package only where its directory exists.
    /// </summary>
    [SkippableTheory]
    [InlineData("example.com/x/cmd/bar", false)] // b requires example.com/x
    [InlineData("example.com/b/cmd/gen", false)] // b's own directory
    [InlineData("example.com/b/cmd/missing", true)]
    [InlineData("example.com/nobody/cmd", true)]
    public void In_workspace_mode_the_other_modules_and_their_requires_provide_tools(string package, bool reported)
    {
        GoOracle.Require();
        var ws = GoOracle.NewScratchDir("tool-ws");
        var env = new Dictionary<string, string?> { ["GOPROXY"] = s_proxy.Value, ["GOMODCACHE"] = GoOracle.NewScratchDir("tool-ws-modcache"), ["GOFLAGS"] = null };
        var aText = $"module example.com/a\n\ngo 1.24\n\ntool {package}\n";
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(ws, "a")).FullName, "go.mod"), aText);
        var b = Directory.CreateDirectory(Path.Combine(ws, "b")).FullName;
        File.WriteAllText(Path.Combine(b, "go.mod"), "module example.com/b\n\ngo 1.24\n\nrequire example.com/x v1.0.0\n");
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(b, "cmd", "gen")).FullName, "main.go"), "package main\n\nfunc main() {}\n");
        Assert.Equal(0, GoOracle.Run(b, env, "mod", "download").ExitCode);
        File.WriteAllText(Path.Combine(ws, "go.work"), "go 1.24\n\nuse (\n\t./a\n\t./b\n)\n");

        var a = Path.Combine(ws, "a");
        var workspace = Analysis.Workspace.GoWorkspace.Load(Path.Combine(ws, "go.work"), File.ReadAllText(Path.Combine(ws, "go.work")),
            Analysis.Environment.PhysicalGoEnvFileSystem.Instance, a);
        var findings = ToolFindings.From(ModFileParser.Parse("go.mod", aText).Model, "go.mod", a, workspace: workspace).ToList();
        var go = GoOracle.Run(a, env, "list", "tool");

        Assert.Equal(reported, findings.Count > 0);
        Assert.Equal(reported, go.Stderr.Contains($"no required module provides package {package}", StringComparison.Ordinal));
        Assert.All(findings, f => Assert.Contains(f.GoMessage!, go.Stderr, StringComparison.Ordinal));
        Assert.True(reported || go.ExitCode == 0, go.Stderr);
    }

    /// <summary>With GOFLAGS=-mod=mod go finds the module and adds the require itself: information, as go shows.</summary>
    [SkippableFact]
    public void With_mod_mod_go_adds_the_require_itself()
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("tool-modmod");
        const string Text = "module example.com/m\n\ngo 1.24\n\ntool example.com/x/cmd/bar\n";
        File.WriteAllText(Path.Combine(dir, "go.mod"), Text);

        var finding = Assert.Single(ToolFindings.From(ModFileParser.Parse("go.mod", Text).Model, "go.mod", dir, goAddsModules: true));
        Assert.Equal(FindingSeverity.Information, finding.Severity);
        var go = GoOracle.Run(dir, new Dictionary<string, string?> { ["GOPROXY"] = s_proxy.Value, ["GOMODCACHE"] = GoOracle.NewScratchDir("tool-modcache"), ["GOFLAGS"] = "-mod=mod" },
            "list", "tool");
        Assert.True(go.ExitCode == 0, go.Stderr);
        Assert.Contains("require example.com/x v1.0.0", File.ReadAllText(Path.Combine(dir, "go.mod")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("example.com/x/cmd/foo", "foo")]
    [InlineData("example.com/foo/cmd/foo/v2", "foo")]
    [InlineData("example.com/x/v1", "v1")]
    [InlineData("example.com/x/v0", "v0")]
    [InlineData("example.com/x/v2x", "v2x")]
    [InlineData("v2", "v2")]
    public void The_name_go_tool_runs_a_package_by(string package, string name) => Assert.Equal(name, ToolFindings.ExecName(package));

    /// <summary>
    /// The local stage on damaged go.mod files with tool lines and a GOFLAGS set (the checks this file and GOFLAGS add):
    /// findings, never an exception.
    /// </summary>
    [Fact]
    public void Local_findings_of_damaged_go_mod_files_with_tool_lines_never_throw()
    {
        var dir = GoOracle.NewScratchDir("tool-fuzz");
        Directory.CreateDirectory(Path.Combine(dir, "cmd", "here"));
        var context = new FindingsContext(GoModDirectory: dir)
        {
            GoFlags = new GoModLens.Analysis.Environment.EnvValue("GOFLAGS", "-modfile=tools.mod -mod=mod", GoModLens.Analysis.Environment.EnvSource.GoEnvFile, "/env"),
            GoFlagsMod = "mod",
            GoModCache = GoOracle.NewScratchDir("tool-fuzz-cache"),
            GoSumForBuilds = GoModLens.ModFile.GoSum.GoSumFile.Parse(Path.Combine(dir, "go.sum"), "example.com/x v1.0.0/go.mod h1:xeE9+Rpxejaj5mNrLyJmRB9AK0uOF7AhujxTHx8MHMY=\n"),
        };
        var corpus = Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests", "testdata", "corpus", "gomod"), "*").Take(40).Select(File.ReadAllText)
            .Append("module example.com/m\n\ngo 1.24\n\ntool (\n\texample.com/m/cmd/here\n\texample.com/m\n\t./rel\n\texample.com/x/cmd/v2\n\t\"\"\n)\n\nrequire example.com/x v1.0.0\n")
            .ToList();
        var rng = new Random(20261127);
        var runs = 0;
        foreach (var original in corpus)
        {
            for (var i = 0; i < 25; i++)
            {
                var text = i == 0 ? original : GoModLens.ModFile.Tests.FuzzMutator.Mutate(original, rng, rng.Next(1, 6));
                var parse = ModFileParser.Parse("go.mod", text);
                _ = FindingsBuilder.FromParse(parse, text, context);
                foreach (var tool in parse.Model.Tool)
                {
                    _ = ToolFindings.ExecName(tool.Path);
                }

                runs++;
            }
        }

        Assert.True(runs >= 1000, $"only {runs} inputs");
    }
}
