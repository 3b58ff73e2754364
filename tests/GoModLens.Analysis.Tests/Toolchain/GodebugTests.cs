using System.Text.RegularExpressions;
using GoModLens.Analysis.Findings;
using GoModLens.Analysis.Toolchain;
using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Workspace;
using GoModLens.ModFile.Semantics;
using GoModLens.TestUtilities;

namespace GoModLens.Analysis.Tests.Toolchain;

/// <summary>GML2015: godebug lines go rejects, against go 1.26's own errors, and the settings table against its source.</summary>
public sealed partial class GodebugTests
{
    [SkippableTheory]
    [InlineData("go.mod", "godebug nosuchkey=1\n")]
    [InlineData("go.mod", "godebug (\n\tnosuchkey=1\n\tx509sha1=1\n\tdefault=go1.99\n\tpanicnil=1\n)\n")] // go reports every line
    [InlineData("go.mod", "godebug default=1.21\n")]
    [InlineData("go.mod", "godebug default=go1.21\n")]
    [InlineData("go.mod", "godebug (\n\tpanicnil=1\n\tasynctimerchan=0\n)\n")]
    [InlineData("go.work", "godebug foo=1\n")]
    [InlineData("go.work", "godebug (\n\tbar=1\n\tbaz=2\n)\n")] // go stops at the first
    [InlineData("go.work", "godebug default=go1.21\n")]
    public void Godebug_lines_go_rejects_are_gos_errors(string kind, string godebug)
    {
        var go = GoOracle.Require();
        var dir = GoOracle.NewScratchDir("godebug");
        File.WriteAllText(Path.Combine(dir, "go.mod"), kind == "go.mod" ? "module m\n\ngo 1.23\n\n" + godebug : "module m\n\ngo 1.23\n");
        var text = kind == "go.work" ? "go 1.23\n\nuse .\n\n" + godebug : File.ReadAllText(Path.Combine(dir, "go.mod"));
        if (kind == "go.work")
        {
            File.WriteAllText(Path.Combine(dir, "go.work"), text);
        }

        // GOFLAGS empty: workspace mode refuses -mod=mod.
        var result = GoOracle.Run(dir, new Dictionary<string, string?> { ["GOWORK"] = kind == "go.work" ? Path.Combine(dir, "go.work") : "off", ["GOFLAGS"] = "" }, "list", "-m");
        var local = GoVersions.FromToolchain(GoOracle.Run(dir, null, "env", "GOVERSION").Stdout.Trim());
        var parse = kind == "go.work" ? ModFileParser.ParseWork("go.work", text) : ModFileParser.Parse("go.mod", text);
        var ours = FindingsBuilder.FromParse(parse, text, new FindingsContext { LocalGoVersion = local }).Where(f => f.Code == FindingCodes.InvalidGodebug).ToList();

        if (result.ExitCode == 0)
        {
            Assert.Empty(ours);
            return;
        }

        var expected = kind == "go.work" ? ours.Take(1) : ours; // go.work: go returns at its first bad line
        Assert.Equal(result.Stderr.TrimEnd('\n'), string.Join("\n", expected.Select(f => "go: " + f.GoMessage)));
        Assert.All(ours, f => Assert.Equal(FindingSeverity.Error, f.Severity));
    }

    [SkippableFact]
    public void The_settings_table_is_go_1_26s()
    {
        var go = GoOracle.Require();
        var goRoot = GoOracle.Run(Path.GetTempPath(), null, "env", "GOROOT").Stdout.Trim();
        var table = File.ReadAllText(Path.Combine(goRoot, "src", "internal", "godebugs", "table.go"));
        var removedAt = table.IndexOf("var Removed", StringComparison.Ordinal);
        var all = TableName().Matches(table[..removedAt]).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var removed = TableName().Matches(table[removedAt..]).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(all.Order(StringComparer.Ordinal), Godebugs.Known.Order(StringComparer.Ordinal));
        Assert.Equal(removed.Order(StringComparer.Ordinal), Godebugs.Removed.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void In_workspace_mode_a_go_mods_godebug_lines_do_not_count()
    {
        var text = "module m\n\ngo 1.23\n\ngodebug nosuchkey=1\n";
        var dir = GoOracle.NewScratchDir("godebug-ws");
        File.WriteAllText(Path.Combine(dir, "go.work"), "go 1.23\n\nuse .\n");
        File.WriteAllText(Path.Combine(dir, "go.mod"), text);
        var workspace = GoWorkspace.Load(Path.Combine(dir, "go.work"), "go 1.23\n\nuse .\n", PhysicalGoEnvFileSystem.Instance, dir, null,
            p => File.Exists(p) ? ModFileParser.Parse(p, File.ReadAllText(p)).Model : null);
        var inWorkspace = FindingsBuilder.FromParse(ModFileParser.Parse("go.mod", text), text, new FindingsContext(GoModDirectory: dir) { Workspace = workspace });
        Assert.DoesNotContain(inWorkspace, f => f.Code == FindingCodes.InvalidGodebug);
        Assert.Contains(FindingsBuilder.FromParse(ModFileParser.Parse("go.mod", text), text, FindingsContext.Empty), f => f.Code == FindingCodes.InvalidGodebug);
    }

    [GeneratedRegex("Name: \"([^\"]+)\"")]
    private static partial Regex TableName();
}
