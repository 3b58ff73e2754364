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
            files: new Dictionary<string, string> { ["cmd/bar/main.go"] = "package main\n\nfunc main() {}\n" })
        .Add("example.com/m/tools", "v1.0.0", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
            files: new Dictionary<string, string> { ["cmd/gen/main.go"] = "package main\n\nfunc main() {}\n" })
        .WriteTo(GoOracle.NewScratchDir("tool-tree"))).AbsoluteUri);

    [SkippableTheory]
    [InlineData("tool example.com/x/cmd/bar\n", true)] // no require at all
    [InlineData("tool example.com/x/cmd/bar\n\nrequire example.com/x v1.0.0\n", false)]
    [InlineData("tool example.com/xy/cmd\n\nrequire example.com/x v1.0.0\n", true)] // a prefix, not a path element
    // The module has no Go files at its root: go says the same, but only the module's files can tell (not claimed).
    [InlineData("tool example.com/x\n\nrequire example.com/x v1.0.0\n", false)]
    [InlineData("tool example.com/m/cmd/missing\n", true)] // the main module, no such directory
    [InlineData("tool example.com/m/cmd/here\n", false)]
    [InlineData("tool (\n\texample.com/m/cmd/here\n\texample.com/other/cmd\n)\n\nrequire example.com/x v1.0.0\n", true)]
    [InlineData("tool example.com/m/tools/cmd/gen\n\nrequire example.com/m/tools v1.0.0\n", false)] // a required module nested below the main module's path
    public void Reported_where_go_list_tool_says_no_required_module_provides_it(string lines, bool reported)
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("tool");
        var text = "module example.com/m\n\ngo 1.24\n\n" + lines;
        File.WriteAllText(Path.Combine(dir, "go.mod"), text);
        Directory.CreateDirectory(Path.Combine(dir, "cmd", "here"));
        File.WriteAllText(Path.Combine(dir, "cmd", "here", "main.go"), "package main\n\nfunc main() {}\n");

        var findings = ToolFindings.From(ModFileParser.Parse("go.mod", text).Model, "go.mod", dir).ToList();
        var env = new Dictionary<string, string?> { ["GOPROXY"] = s_proxy.Value, ["GOMODCACHE"] = GoOracle.NewScratchDir("tool-modcache"), ["GOFLAGS"] = null };
        if (text.Contains("require", StringComparison.Ordinal))
        {
            Assert.Equal(0, GoOracle.Run(dir, env, "mod", "download").ExitCode); // go.sum's lines, so go gets to the packages
        }

        var go = GoOracle.Run(dir, env, "list", "tool");

        var goSays = go.Stderr.Split('\n').Where(l => l.StartsWith("no required module provides package ", StringComparison.Ordinal)).ToList();
        Assert.Equal(reported, findings.Count > 0);
        Assert.Subset(goSays.ToHashSet(), findings.Select(f => f.GoMessage!.Split('\n')[0]).ToHashSet()); // never one go does not say
        if (reported)
        {
            Assert.Equal(goSays, findings.Select(f => f.GoMessage!.Split('\n')[0]));
        }
        foreach (var finding in findings)
        {
            Assert.Contains(finding.GoMessage!, go.Stderr, StringComparison.Ordinal); // go's two lines, advice included
            Assert.Equal(FindingCodes.ToolNotProvided, finding.Code);
        }
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
