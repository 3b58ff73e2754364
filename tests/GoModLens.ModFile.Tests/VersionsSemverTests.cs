using GoModLens.ModFile.Versions;

namespace GoModLens.ModFile.Tests;

public sealed class VersionsSemverTests
{
    // (input, Canonical) in strictly increasing order among valid ones, written from x/mod's semver_test table and extended.
    public static readonly (string Input, string Canonical)[] Vectors =
    [
        ("bad", ""),
        ("v1-alpha.beta.gamma", ""),
        ("v1-pre", ""),
        ("v1+meta", ""),
        ("v1-pre+meta", ""),
        ("v1.2-pre", ""),
        ("v1.2+meta", ""),
        ("v1.2-pre+meta", ""),
        ("v1.0.0-alpha", "v1.0.0-alpha"),
        ("v1.0.0-alpha.1", "v1.0.0-alpha.1"),
        ("v1.0.0-alpha.beta", "v1.0.0-alpha.beta"),
        ("v1.0.0-beta", "v1.0.0-beta"),
        ("v1.0.0-beta.2", "v1.0.0-beta.2"),
        ("v1.0.0-beta.11", "v1.0.0-beta.11"),
        ("v1.0.0-rc.1", "v1.0.0-rc.1"),
        ("v1", "v1.0.0"),
        ("v1.0", "v1.0.0"),
        ("v1.0.0", "v1.0.0"),
        ("v1.2", "v1.2.0"),
        ("v1.2.0", "v1.2.0"),
        ("v1.2.3-456", "v1.2.3-456"),
        ("v1.2.3-456.789", "v1.2.3-456.789"),
        ("v1.2.3-456-789", "v1.2.3-456-789"),
        ("v1.2.3-456a", "v1.2.3-456a"),
        ("v1.2.3-pre", "v1.2.3-pre"),
        ("v1.2.3-pre+meta", "v1.2.3-pre"),
        ("v1.2.3-pre.1", "v1.2.3-pre.1"),
        ("v1.2.3-zzz", "v1.2.3-zzz"),
        ("v1.2.3", "v1.2.3"),
        ("v1.2.3+meta", "v1.2.3"),
        ("v1.2.3+meta-pre", "v1.2.3"),
        ("v1.2.3+meta-pre.sha.256a", "v1.2.3"),
    ];

    public static TheoryData<string, string> CanonicalData()
    {
        var data = new TheoryData<string, string>();
        foreach (var (input, canonical) in Vectors)
        {
            data.Add(input, canonical);
        }

        foreach (var (input, canonical) in Extra)
        {
            data.Add(input, canonical);
        }

        return data;
    }

    private static readonly (string, string)[] Extra =
    [
        ("", ""),
        ("1.2.3", ""),
        ("v", ""),
        ("v01", ""),
        ("v1.02", ""),
        ("v1.2.03", ""),
        ("v1.2.3-01", ""),
        ("v1.2.3-0a", "v1.2.3-0a"),
        ("v1.2.3-a.01", ""),
        ("v1.2.3+01", "v1.2.3"),
        ("v1.2.3-", ""),
        ("v1.2.3+", ""),
        ("v1.2.3-a..b", ""),
        ("v1.2.3+a..b", ""),
        ("v1.2.3-a_b", ""),
        ("v1.2.3.4", ""),
        ("V1.2.3", ""),
        ("v1.2.3 ", ""),
        ("v1.2.3-pre+incompatible", "v1.2.3-pre"),
        ("v2.0.0+incompatible", "v2.0.0"),
        ("v123456789012345678901234567890.0.0", "v123456789012345678901234567890.0.0"),
        ("v0.0.0-20191109021931-daa7c04131f5", "v0.0.0-20191109021931-daa7c04131f5"),
        ("v1.2.3-+meta", ""),
    ];

    [Theory]
    [MemberData(nameof(CanonicalData))]
    public void Canonical_and_IsValid_match_x_mod(string input, string canonical)
    {
        Assert.Equal(canonical, Semver.Canonical(input));
        Assert.Equal(canonical.Length > 0, Semver.IsValid(input));
    }

    [Fact]
    public void Compare_follows_the_table_order()
    {
        for (var i = 0; i < Vectors.Length; i++)
        {
            for (var j = 0; j < Vectors.Length; j++)
            {
                var (vi, ci) = Vectors[i];
                var (vj, cj) = Vectors[j];
                int want;
                if (ci == cj)
                {
                    want = 0;
                }
                else if (ci.Length == 0 || cj.Length == 0)
                {
                    want = ci.Length == 0 ? -1 : +1;
                }
                else
                {
                    want = i.CompareTo(j);
                }

                Assert.True(want == Semver.Compare(vi, vj), $"Compare({vi}, {vj}) = {Semver.Compare(vi, vj)}, want {want}");
            }
        }
    }

    [Theory]
    [InlineData("v1.2.3", "v1", "v1.2", "", "")]
    [InlineData("v1.2", "v1", "v1.2", "", "")]
    [InlineData("v1", "v1", "v1.0", "", "")]
    [InlineData("v2.10.3-pre.1+meta.x", "v2", "v2.10", "-pre.1", "+meta.x")]
    [InlineData("v1.2.3+incompatible", "v1", "v1.2", "", "+incompatible")]
    [InlineData("bad", "", "", "", "")]
    [InlineData("v1.2-pre", "", "", "", "")]
    public void Accessors_return_go_prefixes(string v, string major, string majorMinor, string prerelease, string build)
    {
        Assert.Equal(major, Semver.Major(v));
        Assert.Equal(majorMinor, Semver.MajorMinor(v));
        Assert.Equal(prerelease, Semver.Prerelease(v));
        Assert.Equal(build, Semver.Build(v));
    }

    [Theory]
    [InlineData("v10.0.0", "v9.0.0", 1)]
    [InlineData("v1.10.0", "v1.9.0", 1)]
    [InlineData("v1.0.10", "v1.0.9", 1)]
    [InlineData("v99999999999999999999.0.0", "v99999999999999999998.0.0", 1)]
    [InlineData("v100000000000000000000.0.0", "v99999999999999999999.0.0", 1)]
    [InlineData("v1.0.0-99999999999999999999", "v1.0.0-100000000000000000000", -1)]
    [InlineData("v1.0.0-Beta", "v1.0.0-beta", -1)]
    [InlineData("v1.0.0-Z", "v1.0.0-a", -1)]
    [InlineData("v1.0.0-a-b", "v1.0.0-a.b", 1)]
    [InlineData("v1.0.0-1", "v1.0.0--", -1)]
    [InlineData("v1.0.0-1", "v1.0.0-A", -1)]
    [InlineData("v1.0.0+incompatible", "v1.0.0", 0)]
    [InlineData("bad", "alsobad", 0)]
    [InlineData("bad", "v0.0.0", -1)]
    public void Compare_edge_cases(string v, string w, int want)
    {
        Assert.Equal(want, Semver.Compare(v, w));
        Assert.Equal(-want, Semver.Compare(w, v));
    }

    [Fact]
    public void Max_canonicalizes()
    {
        Assert.Equal("v1.2.0", Semver.Max("v1.2", "v1.1.9"));
        Assert.Equal("v1.0.0", Semver.Max("v1.0.0+meta", "bad"));
        Assert.Equal("", Semver.Max("bad", "worse"));
    }

    [Fact]
    public void Sort_breaks_ties_by_string()
    {
        var list = new List<string> { "v1.0.0+meta", "bad", "v1.0.0", "v1", "v1.0.0-rc.1", "v1.0", "abc" };
        Semver.Sort(list);
        Assert.Equal(["abc", "bad", "v1.0.0-rc.1", "v1", "v1.0", "v1.0.0", "v1.0.0+meta"], list);
    }
}
