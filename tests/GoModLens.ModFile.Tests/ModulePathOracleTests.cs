using GoModLens.ModFile.Module;
using GoModLens.TestUtilities;

namespace GoModLens.ModFile.Tests;

/// <summary>CheckPath/Check messages compared with what go 1.26 prints for `go list -m &lt;path&gt;@&lt;version&gt;`.</summary>
public sealed class ModulePathOracleTests
{
    [SkippableTheory]
    [InlineData("foo/bar", "v1.0.0")]
    [InlineData("Upper.example/m", "v1.0.0")]
    [InlineData("example.com/x/v1", "v1.0.0")]
    [InlineData("example.com/x/v02", "v1.0.0")]
    [InlineData("example.com/.hid", "v1.0.0")]
    [InlineData("example.com/a b", "v1.0.0")]
    [InlineData("example.com/a~1", "v1.0.0")]
    [InlineData("example.com/CON.txt", "v1.0.0")]
    [InlineData("example.com/lpt9", "v1.0.0")]
    [InlineData("gopkg.in/yaml", "v1.0.0")]
    [InlineData("exa_mple.com/m", "v1.0.0")]
    [InlineData("example.com//m", "v1.0.0")]
    [InlineData("example.com/m/", "v1.0.0")]
    [InlineData("example.com/é", "v1.0.0")]
    [InlineData("example.com/x+y", "v1.0.0")]
    [InlineData("example.com/x.", "v1.0.0")]
    [InlineData("example.com/x/..", "v1.0.0")]
    [InlineData("example.com/./x", "v1.0.0")]
    public void Messages_equal_go_list(string path, string version)
    {
        GoOracle.Require();
        var expected = ModulePath.Check(path, version);
        Assert.NotNull(expected);
        var work = GoOracle.NewScratchDir("checkpath");
        var proxy = new ModuleTestProxy();
        var result = GoOracle.Run(work, proxy.Environment(), "list", "-m", $"{path}@{version}");
        Assert.NotEqual(0, result.ExitCode);
        var wantLine = expected.StartsWith(path + "@", StringComparison.Ordinal) ? "go: " + expected : $"go: {path}@{version}: {expected}";
        Assert.Equal(wantLine, result.Stderr.TrimEnd('\n'));
    }

    /// <summary>Through a proxy go does not check the major suffix; the go.mod reader does, with InvalidVersionError's text.</summary>
    [SkippableTheory]
    [InlineData("example.com/m", "v2.0.0")]
    [InlineData("example.com/m/v3", "v2.0.0")]
    [InlineData("gopkg.in/yaml.v2", "v3.0.0")]
    [InlineData("example.com/m/v2", "v2.0.0+incompatible")]
    public void CheckPathMajor_reason_equals_go_mod_reader(string path, string version)
    {
        GoOracle.Require();
        var reason = ModulePath.CheckPathMajor(version, ModulePath.SplitPathVersion(path).PathMajor);
        var work = GoOracle.NewScratchDir("pathmajor");
        File.WriteAllText(Path.Combine(work, "go.mod"), $"module example.com/w\n\nrequire {path} {version}\n");
        var result = GoOracle.Run(work, null, "mod", "edit", "-json");
        if (reason is null)
        {
            Assert.True(result.ExitCode == 0, result.Stderr);
            return;
        }

        Assert.Contains($"go.mod:3: require {path}: version \"{version}\" invalid: {reason}\n", result.Stderr, StringComparison.Ordinal);
    }
}
