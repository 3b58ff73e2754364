using GoModLens.ModFile.Versions;
using NuGet.Versioning;

namespace GoModLens.ModFile.Tests;

public sealed class VersionsModuleVersionTests
{
    [Fact]
    public void NuGet_backed_comparison_equals_Semver_Compare_on_all_pairs()
    {
        var all = VersionsCorpus.Generate(7, 400);
        all.AddRange(VersionsSemverTests.Vectors.Select(v => v.Input));
        var parsed = all.Select(v => ModuleVersion.TryParse(v, out var mv) ? mv : null).ToList();
        Assert.True(parsed.Count(p => p?.NuGetVersion is not null) > 200);
        Assert.Contains(parsed, p => p is not null && p.NuGetVersion is null); // numbers past int range exercise the fallback
        var pairs = 0;
        for (var i = 0; i < all.Count; i++)
        {
            for (var j = 0; j < all.Count; j++)
            {
                var want = Semver.Compare(all[i], all[j]);
                var got = ModuleVersionComparer.Instance.Compare(parsed[i], parsed[j]);
                if (want != got)
                {
                    Assert.Fail($"{all[i]} vs {all[j]}: ModuleVersion {got}, Semver {want}");
                }

                if (parsed[i] is not null && parsed[j] is not null)
                {
                    Assert.Equal(ByVersion.Instance.Compare(all[i], all[j]), ModuleVersionComparer.Ordering.Compare(parsed[i], parsed[j]));
                }

                pairs++;
            }
        }

        Assert.True(pairs > 150_000);
    }

    [Theory]
    [InlineData("v1.0.0-Beta", "v1.0.0-alpha")] // Go: 'B' < 'a' by byte; NuGet ignores case
    [InlineData("v1.0.0-2147483648", "v1.0.0-10000000000")] // NuGet: past int range labels compare as text
    [InlineData("v1.0.0-0", "v1.0.0--1")] // NuGet: int.TryParse("-1") makes "-1" numeric; Go: "-1" is alphanumeric
    public void NuGet_default_order_differs_from_Go_and_ModuleVersion_follows_Go(string lowerInGo, string higherInGo)
    {
        var low = ModuleVersion.Parse(lowerInGo);
        var high = ModuleVersion.Parse(higherInGo);
        Assert.True(Semver.Compare(lowerInGo, higherInGo) < 0);
        Assert.True(low < high);
        Assert.True(VersionComparer.Default.Compare(low.NuGetVersion, high.NuGetVersion) > 0);
    }

    [Fact]
    public void NuGet_default_comparer_really_is_case_insensitive_which_is_why_labels_are_compared_by_us()
    {
        var a = ModuleVersion.Parse("v1.0.0-Beta").NuGetVersion!;
        var b = ModuleVersion.Parse("v1.0.0-alpha").NuGetVersion!;
        Assert.True(VersionComparer.Default.Compare(a, b) > 0); // NuGet: Beta > alpha
        Assert.True(Semver.Compare("v1.0.0-Beta", "v1.0.0-alpha") < 0); // Go: Beta < alpha
        Assert.Equal(0, VersionComparer.Default.Compare(ModuleVersion.Parse("v1.0.0-RC").NuGetVersion!, ModuleVersion.Parse("v1.0.0-rc").NuGetVersion!));
        Assert.True(ModuleVersion.Parse("v1.0.0-RC") < ModuleVersion.Parse("v1.0.0-rc"));
    }

    [Fact]
    public void Properties_reflect_the_text()
    {
        var v = ModuleVersion.Parse("v2.3.4-0.20200101000000-abcdefabcdef+incompatible");
        Assert.True(v.IsPrerelease);
        Assert.True(v.IsPseudo);
        Assert.True(v.IsIncompatible);
        Assert.True(v.IsCanonical);
        Assert.Equal("2", v.Major);
        Assert.Equal(new SemanticVersion(2, 3, 4, ["0", "20200101000000-abcdefabcdef"], "incompatible"), v.NuGetVersion);

        var shorthand = ModuleVersion.Parse("v1.2");
        Assert.True(shorthand.IsShorthand);
        Assert.False(shorthand.IsCanonical);
        Assert.Equal("v1.2.0", shorthand.Canonical);
        Assert.Equal("v1.2", shorthand.OriginalText);
        Assert.Equal(0, shorthand.CompareTo(ModuleVersion.Parse("v1.2.0")));
        Assert.NotEqual(shorthand, ModuleVersion.Parse("v1.2.0")); // equality is by text, like go's map keys

        var meta = ModuleVersion.Parse("v1.2.3+build.5");
        Assert.Equal("v1.2.3", meta.Canonical);
        Assert.False(meta.IsIncompatible);

        var huge = ModuleVersion.Parse("v99999999999999999999.0.0");
        Assert.Null(huge.NuGetVersion);
        Assert.True(huge > ModuleVersion.Parse("v2147483647.0.0"));

        Assert.False(ModuleVersion.TryParse("1.2.3", out _));
        Assert.False(ModuleVersion.TryParse(null, out _));
        var ex = Assert.Throws<FormatException>(() => ModuleVersion.Parse("v1.2-pre"));
        Assert.Equal("malformed semantic version \"v1.2-pre\"", ex.Message);
    }

    [Fact]
    public void Invalid_versions_sort_first_in_the_comparer()
    {
        Assert.True(ModuleVersionComparer.Instance.Compare(null, ModuleVersion.Parse("v0.0.0")) < 0);
        Assert.Equal(0, ModuleVersionComparer.Instance.Compare(null, null));
        Assert.True(ModuleVersion.Parse("v0.0.0").CompareTo(null) > 0);
    }
}
