using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Findings;
using GoModLens.ModFile.Semantics;
using GoModLens.TestUtilities;

namespace GoModLens.Analysis.Tests.Environment;

/// <summary>GML2016/GML2017 on a go.mod's module line: what GOFLAGS does to the go commands run for it.</summary>
public sealed class GoFlagsFindingsTests
{
    private const string GoMod = "// tools\nmodule example.com/m\n\ngo 1.22\n";

    private static List<Finding> Findings(string goflags, string dir, EnvSource source = EnvSource.ProcessEnvironment, bool workspace = false, string file = "go.mod") =>
        [.. GoFlagsFindings.From(new EnvValue("GOFLAGS", goflags, source, source == EnvSource.GoEnvFile ? "/home/u/.config/go/env" : null), GoOs.Linux,
            ModFileParser.Parse(file, GoMod).Model, file, Path.Combine(dir, file), dir, workspace)];

    [Fact]
    public void A_GOFLAGS_go_cannot_read_is_an_error_on_the_module_line_with_where_it_is_set()
    {
        var finding = Assert.Single(Findings("-mod=mod -nosuch", GoOracle.NewScratchDir("goflags")));
        Assert.Equal(FindingCodes.InvalidGoFlags, finding.Code);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(2, finding.Range.Start.Line);
        Assert.Equal("GOFLAGS=\"-mod=mod -nosuch\" (set in the process environment) stops every go command but go env here", finding.Message);
        Assert.Equal("parsing $GOFLAGS: unknown flag -nosuch", finding.GoMessage);
        Assert.Empty(finding.Fixes); // go env -w cannot override the process environment
    }

    [Fact]
    public void Set_in_the_GOENV_file_the_fix_drops_the_word_with_go_env_w()
    {
        var finding = Assert.Single(Findings("-mod=mod -nosuch", GoOracle.NewScratchDir("goflags"), EnvSource.GoEnvFile));
        Assert.Contains("(set in /home/u/.config/go/env (go env -w))", finding.Message, StringComparison.Ordinal);
        var fix = Assert.IsType<SetGoFlags>(Assert.Single(finding.Fixes));
        Assert.Equal("-mod=mod", fix.Value);
        Assert.Equal("go env -w GOFLAGS=-mod=mod", fix.Command);
        Assert.Equal("Remove -nosuch from GOFLAGS: go env -w GOFLAGS=-mod=mod", fix.Title);
    }

    [Fact]
    public void A_bad_mod_value_stops_builds_and_says_downloads_ignore_it()
    {
        var findings = Findings("-mod=bogus -modfile=tools.txt", GoOracle.NewScratchDir("goflags"));
        Assert.Equal("-modfile=tools.txt: file does not have .mod extension", Assert.Single(findings).GoMessage); // modload.Init comes first

        findings = Findings("-mod=bogus", GoOracle.NewScratchDir("goflags"));
        Assert.Contains("go build, go test, go run and go list (go mod download, go mod tidy and go get ignore -mod)", Assert.Single(findings).Message, StringComparison.Ordinal);

        findings = Findings("-mod -modcacherw=x", GoOracle.NewScratchDir("goflags"));
        Assert.Equal(2, findings.Count);
        Assert.Equal("flag needs an argument: -mod (from $GOFLAGS)", findings[0].GoMessage);
        Assert.Equal("invalid boolean value \"x\" for flag -modcacherw (from $GOFLAGS): parse error", findings[1].GoMessage);
        Assert.Contains("every module command", findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_CC_is_reported_with_GOFLAGS_empty_naming_CC_and_no_GOFLAGS_fix()
    {
        var cc = new EnvValue("CC", "./tools/cc -m64", EnvSource.GoEnvFile, "/home/u/.config/go/env");
        var target = new BuildTarget("linux", "amd64", true, false) { CompilerCommands = [cc] };
        var finding = Assert.Single(GoFlagsFindings.From(new EnvValue("GOFLAGS", "", EnvSource.Default), GoOs.Linux,
            ModFileParser.Parse("go.mod", GoMod).Model, "go.mod", null, null, workspaceMode: false, buildTarget: target));
        Assert.Equal(FindingCodes.InvalidGoFlags, finding.Code);
        Assert.Equal("CC=\"./tools/cc -m64\" (set in /home/u/.config/go/env (go env -w)) stops go build, go test, go run and go list here", finding.Message);
        Assert.Equal("CC environment variable is relative; must be absolute path: ./tools/cc", finding.GoMessage);
        Assert.Empty(finding.Fixes);

        // Where GOFLAGS stops builds first, go says that instead.
        finding = Assert.Single(GoFlagsFindings.From(new EnvValue("GOFLAGS", "-p=0", EnvSource.ProcessEnvironment), GoOs.Linux,
            ModFileParser.Parse("go.mod", GoMod).Model, "go.mod", null, null, workspaceMode: false, buildTarget: target));
        Assert.StartsWith("GOFLAGS=\"-p=0\"", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gcc", null)]
    [InlineData("/usr/bin/gcc -O2", null)]
    [InlineData("'/opt/my cc/bin/gcc' -v", null)]
    [InlineData("zig cc", null)]
    [InlineData("bin/clang", "CC environment variable is relative; must be absolute path: bin/clang")]
    [InlineData("gcc/", "CC environment variable is relative; must be absolute path: gcc/")]
    [InlineData("\"gcc", "CC environment variable could not be parsed: unterminated \" string")]
    public void CC_is_checked_as_work_BuildInit_checks_it(string value, string? goMessage)
    {
        var target = new BuildTarget("linux", "amd64", true, false) { CompilerCommands = [new EnvValue("CC", value, EnvSource.ProcessEnvironment)] };
        Assert.Equal(goMessage is null ? null : "go: " + goMessage, GoFlags.Parse("", GoOs.Linux, null, target).FirstProblem(GoCommandKind.List, false)?.GoOutput);
        Assert.Null(GoFlags.Parse("", GoOs.Linux, null, target).FirstProblem(GoCommandKind.ModDownload, false));
    }

    [Theory]
    [InlineData("macos", "amd64", "GOOS", "go: unsupported GOOS/GOARCH pair macos/amd64")]
    [InlineData("linux", "x86_64", "GOARCH", "go: unsupported GOOS/GOARCH pair linux/x86_64")]
    [InlineData("windows", "s390x", "GOARCH", "go: unsupported GOOS/GOARCH pair windows/s390x")]
    [InlineData("android", "arm64", null, null)]
    public void A_pair_that_is_no_port_stops_builds_but_not_go_list(string goos, string goarch, string? culprit, string? goOutput)
    {
        var target = new BuildTarget(goos, goarch, false, true)
        {
            PlatformSettings = [new EnvValue("GOOS", goos, EnvSource.ProcessEnvironment), new EnvValue("GOARCH", goarch, EnvSource.ProcessEnvironment)],
        };
        var flags = GoFlags.Parse("", GoOs.Linux, null, target);
        Assert.Null(flags.FirstProblem(GoCommandKind.List, false));
        var problem = flags.FirstProblem(GoCommandKind.Build, false);
        Assert.Equal(goOutput, problem?.GoOutput);
        Assert.Equal(culprit, problem?.Setting?.Name);
        Assert.Equal(goOutput is null ? null : "go build, go test, go run, go install and go vet", problem?.Commands);
    }

    [Fact]
    public void Modfile_naming_another_file_is_a_warning_that_names_it_and_its_sum()
    {
        var dir = GoOracle.NewScratchDir("goflags");
        File.WriteAllText(Path.Combine(dir, "tools.mod"), GoMod);
        var finding = Assert.Single(Findings("-modfile=tools.mod", dir));
        Assert.Equal(FindingCodes.AlternateModFile, finding.Code);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Contains($"go commands here read {Path.Combine(dir, "tools.mod")} and {Path.Combine(dir, "tools.sum")} instead of this go.mod", finding.Message, StringComparison.Ordinal);

        Assert.Empty(Findings("-modfile=tools.mod", dir, file: "tools.mod")); // go reads this very file
        Assert.Empty(Findings("-modfile=" + Path.Combine(dir, "tools.mod"), dir, file: "tools.mod"));
    }

    [Fact]
    public void Modfile_naming_no_file_stops_module_commands_with_go_s_open_error()
    {
        var finding = Assert.Single(Findings("-modfile=../none.mod", GoOracle.NewScratchDir("goflags")));
        Assert.Equal(FindingCodes.InvalidGoFlags, finding.Code);
        Assert.Equal("open ../none.mod: no such file or directory", finding.GoMessage);
    }

    [Fact]
    public void Modfile_in_workspace_mode_stops_module_commands()
    {
        var dir = GoOracle.NewScratchDir("goflags");
        File.WriteAllText(Path.Combine(dir, "tools.mod"), "module example.com/tools\n");
        var finding = Assert.Single(Findings("-modfile=tools.mod", dir, workspace: true));
        Assert.Equal("-modfile cannot be used in workspace mode", finding.GoMessage);

        // A missing one: go get opens it before refusing it, and go mod tidy (no workspace mode) reads it.
        var missing = Findings("-modfile=missing.mod", dir, workspace: true).ToList();
        Assert.Equal(["-modfile cannot be used in workspace mode", "open missing.mod: no such file or directory"], missing.Select(f => f.GoMessage));
        Assert.Contains("stops go get and go mod tidy", missing[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-mod=mod -modcacherw '-tags=a b'")]
    public void Nothing_for_GOFLAGS_go_accepts(string goflags) => Assert.Empty(Findings(goflags, GoOracle.NewScratchDir("goflags")));

    /// <summary>Any GOFLAGS (an editor setting or a hand-edited GOENV file can hold anything): findings, never an exception.</summary>
    [Fact]
    public void Arbitrary_GOFLAGS_never_throws()
    {
        var dir = GoOracle.NewScratchDir("goflags-fuzz");
        string[] pieces = ["-mod", "=", "-modfile", "x.mod", "'", "\"", " ", "--", "-", "\t", "\0", "..", "/", "\\", "é", "-insecure", "=maybe", "mod", ".mod", "-tags"];
        var random = new Random(20261127);
        for (var i = 0; i < 3000; i++)
        {
            var value = string.Concat(Enumerable.Range(0, random.Next(1, 8)).Select(_ => pieces[random.Next(pieces.Length)]));
            foreach (var workspace in new[] { false, true })
            {
                _ = Findings(value, dir, EnvSource.GoEnvFile, workspace);
            }
        }
    }
}
