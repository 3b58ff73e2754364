using System.Text;
using GoModLens.Analysis.GoSum;
using GoModLens.ModFile.GoSum;
using GoModLens.ModFile.Semantics;

namespace GoModLens.Analysis.Tests.GoSumChecks;

public sealed class GoSumHoverTests
{
    private const string FooMod = "module example.com/foo\n\ngo 1.18\n";
    private static readonly string s_hash = DirHash.HashGoMod(Encoding.UTF8.GetBytes(FooMod));

    private static readonly string s_sum =
        "example.com/foo v1.0.0 h1:zipzipzipzipzipzipzipzipzipzipzipzipzipzipz=\n" +
        "example.com/foo v1.0.0/go.mod " + s_hash + "\n" +
        "example.com/foo v0.9.0/go.mod " + s_hash + "\n" +
        "example.com/bar v0.1.0/go.mod " + s_hash + "\n" +
        "example.com/other v1.0.0/go.mod " + s_hash + "\n" +
        "\n" +
        "broken line\n";

    private static readonly GoModFile s_mod = ModFileParser.Parse("go.mod",
        "module example.com/m\n\nrequire (\n\texample.com/foo v1.0.0 // indirect\n\texample.com/baz v1.0.0\n)\n\nreplace example.com/baz => example.com/bar v0.1.0\n").Model;

    [Fact]
    public void ZipLineRequiredIndirect()
    {
        var info = GoSumHover.Describe(GoSumFile.Parse("go.sum", s_sum), 1, s_mod)!;
        Assert.False(info.IsGoModHash);
        Assert.Equal(GoSumLineUse.Required, info.Use);
        Assert.True(info.Indirect);
        Assert.Contains("module zip", info.ToMarkdown(), StringComparison.Ordinal);
        Assert.DoesNotContain("verified", info.ToMarkdown(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void GoModLineVerifiedOrMismatched()
    {
        var sum = GoSumFile.Parse("go.sum", s_sum);
        var good = new Dictionary<ModuleVersionKey, byte[]> { [new("example.com/foo", "v1.0.0")] = Encoding.UTF8.GetBytes(FooMod) };
        var info = GoSumHover.Describe(sum, 2, s_mod, good)!;
        Assert.True(info.IsGoModHash);
        Assert.Equal("v1.0.0", info.Version);
        Assert.Equal(GoModVerificationStatus.Verified, info.Verification!.Status);
        Assert.Contains("✓", info.ToMarkdown(), StringComparison.Ordinal);

        var bad = new Dictionary<ModuleVersionKey, byte[]> { [new("example.com/foo", "v1.0.0")] = "module tampered\n"u8.ToArray() };
        var mismatch = GoSumHover.Describe(sum, 2, s_mod, bad)!;
        Assert.Equal(GoModVerificationStatus.Mismatch, mismatch.Verification!.Status);
        Assert.Contains("SECURITY ERROR", mismatch.ToMarkdown(), StringComparison.Ordinal);
        Assert.Contains("Not yet verified", GoSumHover.Describe(sum, 2, s_mod)!.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void UseKinds()
    {
        var sum = GoSumFile.Parse("go.sum", s_sum);
        var older = GoSumHover.Describe(sum, 3, s_mod)!;
        Assert.Equal(GoSumLineUse.OtherVersionRequired, older.Use);
        Assert.Equal("v1.0.0", older.RequiredVersion);
        var replacement = GoSumHover.Describe(sum, 4, s_mod)!;
        Assert.Equal(GoSumLineUse.Replacement, replacement.Use);
        Assert.Equal("example.com/baz@v1.0.0", replacement.ReplacementOf);
        Assert.Equal(GoSumLineUse.NotListed, GoSumHover.Describe(sum, 5, s_mod)!.Use);
        Assert.Equal(GoSumLineUse.Unknown, GoSumHover.Describe(sum, 5)!.Use);
        Assert.Null(GoSumHover.Describe(sum, 6, s_mod));
        Assert.Null(GoSumHover.Describe(sum, 7, s_mod));
        Assert.Null(GoSumHover.Describe(sum, 99, s_mod));
    }
}
