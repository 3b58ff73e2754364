using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Findings;
using GoModLens.Analysis.Vendoring;
using GoModLens.Analysis.Workspace;
using GoModLens.ModFile.Semantics;
using GoModLens.TestUtilities;

namespace GoModLens.Analysis.Tests.Toolchain;

/// <summary>
/// GML2020 against go 1.26: a toolchain line go drops when it writes the go.mod stops go list (and go build) with go's
/// "updates to go.mod needed", in -mod=readonly and from vendor/ (default or explicit); with -mod=mod go removes it,
/// and the quick fix leaves the go.mod go mod tidy writes.
/// </summary>
public sealed class ToolchainLineTests
{
    [SkippableTheory]
    [InlineData("go 1.26\n\ntoolchain go1.20", true)]          // before go 1.21: no toolchain lines then
    [InlineData("go 1.26\n\ntoolchain go1.25.0", false)]       // older than the go line, but kept
    [InlineData("go 1.26.0\n\ntoolchain go1.26", false)]       // not the same text
    [InlineData("go 1.26\n\ntoolchain go1.26.0", false)]
    [InlineData("go 1.26.0\n\ntoolchain go1.26.0", true)]      // the go line's own version
    [InlineData("go 1.22\n\ntoolchain default", true)]
    [InlineData("toolchain go1.16", true)]                     // no go line: go 1.16 is implied
    [InlineData("toolchain go1.21.0", false)]
    [InlineData("go 1.20\n\ntoolchain go1.20", true)]
    [InlineData("go 1.26.0\n\ntoolchain go1.26.0-custom", false)]
    [InlineData("go 1.26rc1\n\ntoolchain go1.26rc1", true)]
    [InlineData("go 1.21\n\ntoolchain go1.21rc1", false)]
    [InlineData("go 1.22\n\ntoolchain go1.22\n\nrequire example.com/x v1.0.0", true)] // the line in the middle
    public void A_toolchain_line_go_drops_stops_go_list_as_go_says(string lines, bool dropped)
    {
        foreach (var mode in (string[])["readonly", "vendor", "-mod=vendor", "-mod=mod"])
        {
            var (ours, go, module) = Run(lines, mode);
            var scenario = $"{lines.Replace("\n", "; ", StringComparison.Ordinal)} ({mode})";
            if (!dropped)
            {
                Assert.Null(ours);
                continue;
            }

            Assert.True(ours is not null, scenario);
            if (mode == "-mod=mod")
            {
                // go rewrites the go.mod itself: a note, and go goes on (without the line).
                Assert.Equal(FindingSeverity.Information, ours.Severity);
                Assert.DoesNotContain("toolchain", File.ReadAllText(Path.Combine(module, "go.mod")), StringComparison.Ordinal);
                continue;
            }

            Assert.Equal(FindingSeverity.Error, ours.Severity);
            Assert.True(go.ExitCode != 0, scenario);
            Assert.Equal(go.Stderr.TrimEnd('\n'), "go: " + ours.GoMessage);
        }
    }

    [SkippableTheory]
    [InlineData("go 1.26\n\ntoolchain go1.20")]
    [InlineData("go 1.26.0\n\ntoolchain go1.26.0\n\nrequire example.com/x v1.0.0 // indirect")]
    [InlineData("go 1.22\n\n// pinned\ntoolchain go1.22\n")]
    public void The_fix_leaves_what_go_mod_tidy_writes(string lines)
    {
        var (ours, _, module) = Run(lines, "readonly");
        var text = File.ReadAllText(Path.Combine(module, "go.mod"));
        var edit = Assert.Single(Assert.Single(ours!.Fixes).Edits);
        var fixedText = text[..edit.Range.Start.Utf16Offset] + edit.NewText + text[edit.Range.End.Utf16Offset..];

        // go mod tidy, offline: the require names a module it cannot find, so tidy is run with -e on a copy without it.
        var tidyDir = GoOracle.NewScratchDir("toolchain-tidy");
        File.WriteAllText(Path.Combine(tidyDir, "go.mod"), text);
        var tidy = GoOracle.Run(tidyDir, new Dictionary<string, string?> { ["GOTOOLCHAIN"] = "local", ["GOPROXY"] = "off", ["GOFLAGS"] = "-mod=mod" }, "mod", "edit", "-toolchain=none");
        Assert.True(tidy.ExitCode == 0, tidy.Stderr);
        Assert.Equal(File.ReadAllText(Path.Combine(tidyDir, "go.mod")), ModFile.Formatting.ModFilePrinter.FormatLikeGoModEdit(ModFileParser.Parse("go.mod", fixedText)));
        Assert.Equal(File.ReadAllText(Path.Combine(tidyDir, "go.mod")), fixedText);
    }

    [Fact]
    public void Workspace_modules_are_never_written_by_go()
    {
        var dir = GoOracle.NewScratchDir("toolchain-work");
        Directory.CreateDirectory(Path.Combine(dir, "m"));
        const string GoMod = "module example.com/m\n\ngo 1.22\n\ntoolchain go1.22\n";
        File.WriteAllText(Path.Combine(dir, "m", "go.mod"), GoMod);
        File.WriteAllText(Path.Combine(dir, "go.work"), "go 1.22\n\nuse ./m\n");
        var environment = GoEnvironment.Compute(new GoEnvironmentInput(new Dictionary<string, string> { ["HOME"] = dir, ["GOWORK"] = "" }, GoOs.Linux, PhysicalGoEnvFileSystem.Instance));
        var workspace = GoWorkspace.Find(environment, Path.Combine(dir, "m"));
        Assert.NotNull(workspace);
        Assert.Null(ToolchainLineFindings.From(ModFileParser.Parse("go.mod", GoMod), GoMod, new FindingsContext(GoModDirectory: Path.Combine(dir, "m")) { Workspace = workspace }));
        Assert.NotNull(ToolchainLineFindings.From(ModFileParser.Parse("go.mod", GoMod), GoMod, new FindingsContext(GoModDirectory: Path.Combine(dir, "m"))));
    }

    /// <summary>Our GML2020 for the go.mod, and go list -m in a module with it (mode: readonly, vendor (go's default from vendor/), -mod=vendor, -mod=mod).</summary>
    private static (Finding? Ours, GoResult Go, string Module) Run(string lines, string mode)
    {
        GoOracle.Require();
        var module = GoOracle.NewScratchDir("toolchain-line");
        var text = $"module example.com/m\n\n{lines}\n";
        File.WriteAllText(Path.Combine(module, "go.mod"), text);
        if (mode.Contains("vendor", StringComparison.Ordinal))
        {
            Directory.CreateDirectory(Path.Combine(module, "vendor"));
            File.WriteAllText(Path.Combine(module, "vendor", "modules.txt"), lines.Contains("require example.com/x v1.0.0", StringComparison.Ordinal)
                ? "# example.com/x v1.0.0\n## explicit\n" : ""); // consistent, so go gets as far as the toolchain line
        }

        var env = new Dictionary<string, string?>
        {
            ["GOTOOLCHAIN"] = "local", ["GOPROXY"] = "off", ["GOWORK"] = "off", ["GOFLAGS"] = mode.StartsWith('-') ? mode : null,
        };
        var environment = GoEnvironment.Compute(new GoEnvironmentInput(GoOracle.EnvironmentWith(env), GoOs.Linux, PhysicalGoEnvFileSystem.Instance));
        var parse = ModFileParser.Parse(Path.Combine(module, "go.mod"), text);
        var context = new FindingsContext(GoModDirectory: module)
        {
            GoFlagsMod = environment.GoFlags.Mod,
            Vendor = VendorState.For(environment, module, parse.Model, null),
        };
        var ours = ToolchainLineFindings.From(parse, text, context);
        var go = GoOracle.Run(module, env, "list", "-m");
        return (ours, go, module);
    }
}
