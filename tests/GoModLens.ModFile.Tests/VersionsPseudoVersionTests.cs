using FsCheck;
using FsCheck.Fluent;
using GoModLens.ModFile.Versions;

namespace GoModLens.ModFile.Tests;

public sealed class VersionsPseudoVersionTests
{
    private static readonly DateTime s_time = new(2006, 1, 2, 15, 4, 5, DateTimeKind.Utc);

    [Theory]
    [InlineData("", "", "v0.0.0-20060102150405-hash")]
    [InlineData("v1", "", "v1.0.0-20060102150405-hash")]
    [InlineData("v2", "bad", "v2.0.0-20060102150405-hash")]
    [InlineData("v1", "v1.2.3", "v1.2.4-0.20060102150405-hash")]
    [InlineData("v1", "v1.2.99", "v1.2.100-0.20060102150405-hash")]
    [InlineData("v1", "v1.2", "v1.2.1-0.20060102150405-hash")]
    [InlineData("v1", "v1.2.3-pre", "v1.2.3-pre.0.20060102150405-hash")]
    [InlineData("v1", "v1.2.3-pre+meta", "v1.2.3-pre.0.20060102150405-hash+meta")]
    [InlineData("v2", "v2.1.0+incompatible", "v2.1.1-0.20060102150405-hash+incompatible")]
    [InlineData("v1", "v1.2.99999999999999999999", "v1.2.100000000000000000000-0.20060102150405-hash")]
    public void Build_matches_x_mod(string major, string older, string want)
    {
        var v = PseudoVersion.Build(major, older, s_time, "hash");
        Assert.Equal(want, v);
        Assert.True(PseudoVersion.IsPseudoVersion(v));
        Assert.Equal(s_time, PseudoVersion.PseudoVersionTime(v));
        Assert.Equal("hash", PseudoVersion.PseudoVersionRev(v));
        var wantBase = Semver.IsValid(older) ? (Semver.Canonical(older) + Semver.Build(older)) : "";
        Assert.Equal(wantBase, PseudoVersion.PseudoVersionBase(v));
    }

    [Fact]
    public void Zero_pseudo_version()
    {
        Assert.Equal("v0.0.0-00010101000000-000000000000", PseudoVersion.ZeroPseudoVersion(""));
        Assert.Equal("v2.0.0-00010101000000-000000000000", PseudoVersion.ZeroPseudoVersion("v2"));
        Assert.True(PseudoVersion.IsZeroPseudoVersion("v2.0.0-00010101000000-000000000000"));
        Assert.False(PseudoVersion.IsZeroPseudoVersion("v2.0.0-00010101000000-000000000001"));
    }

    [Theory]
    [InlineData("v0.0.0-20060102150405-abcdef123456", true)]
    [InlineData("v1.2.4-0.20060102150405-abcdef123456", true)]
    [InlineData("v1.2.3-pre.0.20060102150405-abcdef123456", true)]
    [InlineData("v1.2.4-0.20060102150405-abcdef123456+incompatible", true)]
    [InlineData("v1.2.3-pre.x.0.20060102150405-abcdef123456", true)]
    [InlineData("v1.2.3-0.2006010215040-abcdef123456", false)] // 13 digits
    [InlineData("v1.2.3-20060102150405-abcdef123456", false)] // needs 0. after a non-zero base
    [InlineData("v0.0.0-20060102150405-abc_def", false)]
    [InlineData("v1.2.3", false)]
    [InlineData("v1.2.3-pre", false)]
    [InlineData("v0.0.0-2006010215040x-abcdef123456", false)]
    [InlineData("vx.0.0-20060102150405-abcdef123456", false)]
    public void IsPseudoVersion_recognizes_the_three_shapes(string v, bool want) =>
        Assert.Equal(want, PseudoVersion.IsPseudoVersion(v));

    [Theory]
    [InlineData("v1.2.3", "pseudo-version \"v1.2.3\" invalid: syntax error")]
    [InlineData("v0.0.0-20061302150405-abcdef123456", "pseudo-version \"v0.0.0-20061302150405-abcdef123456\" invalid: malformed time \"20061302150405\"")]
    [InlineData("v0.0.0-20060230150405-abcdef123456", "pseudo-version \"v0.0.0-20060230150405-abcdef123456\" invalid: malformed time \"20060230150405\"")]
    public void PseudoVersionTime_errors_use_go_text(string v, string message)
    {
        var ex = Assert.Throws<FormatException>(() => PseudoVersion.PseudoVersionTime(v));
        Assert.Equal(message, ex.Message);
    }

    [Theory]
    [InlineData("v0.0.0-20060102150405-abcdef123456+build", "pseudo-version \"v0.0.0-20060102150405-abcdef123456+build\" invalid: lacks base version, but has build metadata \"+build\"")]
    [InlineData("v1.2.0-0.20060102150405-abcdef123456", "pseudo-version \"v1.2.0-0.20060102150405-abcdef123456\" invalid: version before v1.2.0 would have negative patch number")]
    [InlineData("v1.2.3", "pseudo-version \"v1.2.3\" invalid: syntax error")]
    public void PseudoVersionBase_errors_use_go_text(string v, string message)
    {
        var ex = Assert.Throws<FormatException>(() => PseudoVersion.PseudoVersionBase(v));
        Assert.Equal(message, ex.Message);
    }

    [Theory]
    [InlineData("v1.2.10-0.20060102150405-abcdef123456", "v1.2.9")]
    [InlineData("v1.2.100-0.20060102150405-abcdef123456", "v1.2.99")]
    [InlineData("v1.2.1-0.20060102150405-abcdef123456", "v1.2.0")]
    [InlineData("v1.2.3-rc.1.0.20060102150405-abcdef123456+incompatible", "v1.2.3-rc.1+incompatible")]
    [InlineData("v0.0.0-20060102150405-abcdef123456", "")]
    public void PseudoVersionBase_recovers_the_tag(string v, string want) => Assert.Equal(want, PseudoVersion.PseudoVersionBase(v));

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Build_then_parse_round_trips()
    {
        var gen =
            from major in Gen.Choose(0, 30)
            from minor in Gen.Choose(0, 1000)
            from patch in Gen.Choose(0, 1000)
            from shape in Gen.Choose(0, 3)
            from seconds in Gen.Choose(0, int.MaxValue)
            from rev in Gen.Elements("abcdef123456", "0123456789ab", "deadbeefcafe", "f")
            select (major, minor, patch, shape, seconds, rev);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var majorText = "v" + t.major;
            var older = t.shape switch
            {
                0 => "",
                1 => $"v{t.major}.{t.minor}.{t.patch}",
                2 => $"v{t.major}.{t.minor}.{t.patch}-rc.{t.patch}",
                _ => $"v{t.major}.{t.minor}.{t.patch}+incompatible",
            };
            var time = DateTime.UnixEpoch.AddSeconds(t.seconds);
            var v = PseudoVersion.Build(majorText, older, time, t.rev);
            return PseudoVersion.IsPseudoVersion(v)
                && PseudoVersion.PseudoVersionTime(v) == time
                && PseudoVersion.PseudoVersionRev(v) == t.rev
                && PseudoVersion.PseudoVersionBase(v) == older
                && Semver.Compare(v, older) > 0
                && (older.Length == 0 || Semver.Prerelease(older).Length > 0 || Semver.Compare(v, PatchBump(older)) < 0);
        });
    }

    private static string PatchBump(string release)
    {
        var canonical = Semver.Canonical(release);
        var i = canonical.LastIndexOf('.') + 1;
        return canonical[..i] + (long.Parse(canonical[i..], System.Globalization.CultureInfo.InvariantCulture) + 1);
    }
}
