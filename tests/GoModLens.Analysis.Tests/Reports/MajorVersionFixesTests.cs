using GoModLens.Analysis.Findings;
using GoModLens.ModFile.Semantics;

namespace GoModLens.Analysis.Tests.Reports;

/// <summary>Which module@version pairs GML2003's fixes ask GOPROXY for.</summary>
public sealed class MajorVersionFixesTests
{
    [Theory]
    [InlineData("example.com/m v2.0.0", "example.com/m@v2.0.0+incompatible example.com/m/v2@v2.0.0")]
    [InlineData("example.com/m/v2 v1.1.0", "example.com/m@v1.1.0")]
    [InlineData("example.com/m/v2 v3.0.0", "example.com/m/v3@v3.0.0")]
    [InlineData("example.com/m/v3 v2.0.0+incompatible", "example.com/m/v2@v2.0.0")]
    [InlineData("gopkg.in/yaml.v2 v3.0.1", "gopkg.in/yaml.v3@v3.0.1")]
    [InlineData("example.com/m v2.1.0-rc.1", "example.com/m@v2.1.0-rc.1+incompatible example.com/m/v2@v2.1.0-rc.1")]
    public void The_ways_out_are_the_path_with_the_major_and_incompatible_on_a_path_without_one(string require, string expected)
    {
        var text = $"module example.com/app\n\nrequire {require}\n";
        var mismatched = Assert.Single(MajorVersionFixes.Find(ModFileParser.Parse("go.mod", text, ParseMode.Strict), text));

        Assert.Equal(expected, string.Join(" ", MajorVersionFixes.Candidates(mismatched).Select(c => c.Path + "@" + c.Version)));
    }

    [Fact]
    public void A_require_go_accepts_or_answers_as_a_query_has_nothing_to_probe()
    {
        const string text = "module example.com/app\n\nrequire (\n\texample.com/m/v2 v2.0.0\n\texample.com/n v2.0.0+incompatible\n\texample.com/q v2\n)\n";
        Assert.Empty(MajorVersionFixes.Find(ModFileParser.Parse("go.mod", text, ParseMode.Strict), text));
    }
}
