using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Versions;
using GoModLens.ModFile.Module;

namespace GoModLens.ModFile.Tests;

public sealed class SemanticsBinderTests
{
    [Fact]
    public void Lax_mode_ignores_main_module_only_directives_and_bad_retracts()
    {
        const string text = "module m\ngo 1.22rc1-foo\nreplace a => ./a\ntoolchain bogus\nfrob x\nretract [v1\nrequire b v1.0.0\nignore ./x\n";
        var lax = ModFileParser.Parse("go.mod", text, ParseMode.Lax);
        Assert.True(lax.IsAcceptedByGo);
        Assert.Equal("1.22", lax.Model.Go!.Version);
        Assert.Empty(lax.Model.Replace);
        Assert.Empty(lax.Model.Retract);
        Assert.Single(lax.Model.Require);
        Assert.Single(lax.Model.Ignore);

        var strict = ModFileParser.Parse("go.mod", text, ParseMode.Strict);
        Assert.Equal(
            [
                "go.mod:2: invalid go version '1.22rc1-foo': must match format 1.23.0",
                "go.mod:4: invalid toolchain version 'bogus': must match format go1.23.0 or default",
                "go.mod:5: unknown directive: frob",
                "go.mod:6: expected ',' after version",
            ],
            strict.GoErrors.Select(e => e.ToGoString()));
    }

    [Fact]
    public void Binder_canonicalises_versions_and_requotes_tokens_in_the_tree()
    {
        var r = ModFileParser.Parse("go.mod", "module \"m\"\nrequire \"a\" v1.2\nrequire c v1.0.0+meta\nrequire b v2.0.0+incompatible\n");
        Assert.Equal("v1.2.0", r.Model.Require[0].Mod.Version);
        Assert.Equal(["require", "a", "v1.2.0"], r.Model.Require[0].Syntax.TokenTexts);
        Assert.Equal("v1.0.0", r.Model.Require[1].Mod.Version);
        Assert.Equal("v2.0.0+incompatible", r.Model.Require[2].Mod.Version);
        Assert.Equal(["module", "m"], r.Model.Module!.Syntax.TokenTexts);
    }

    [Theory]
    [InlineData("// indirect", true)]
    [InlineData("//indirect", true)]
    [InlineData("// indirect; note", true)]
    [InlineData("// Indirect", false)]
    [InlineData("// indirect note", false)]
    [InlineData("// x // indirect", false)]
    public void Indirect_follows_the_first_suffix_comment(string comment, bool indirect)
    {
        var r = ModFileParser.Parse("go.mod", $"module m\nrequire a v1.0.0 {comment}\n");
        Assert.Equal(indirect, Assert.Single(r.Model.Require).Indirect);
    }

    [Fact]
    public void Deprecation_and_retract_rationale_come_from_comments()
    {
        var r = ModFileParser.Parse("go.mod",
            "// Deprecated: use n\n// more\n//\n// other\nmodule m // tail\n// block why\nretract (\n\tv1.0.0\n\tv1.1.0 // own\n)\n");
        Assert.Equal("use n\nmore", r.Model.Module!.Deprecated);
        Assert.Equal(["block why", "own"], r.Model.Retract.Select(x => x.Rationale));
        Assert.Equal(("v1.0.0", "v1.0.0"), (r.Model.Retract[0].Low, r.Model.Retract[0].High));
    }

    [Fact]
    public void Replace_forms_are_interpreted()
    {
        var r = ModFileParser.Parse("go.mod", "module m\nreplace a v1 => ../a\nreplace b => c v1.2.3\nreplace d => C:/d\nreplace e => .\\e\n");
        Assert.Equal("go.mod:5: replacement directory appears to be Windows path (on a non-windows system)", r.GoErrorText);
        Assert.Equal(new ModPathVersion("a", "v1.0.0"), r.Model.Replace[0].Old);
        Assert.Equal(new ModPathVersion("../a", ""), r.Model.Replace[0].New);
        Assert.Equal(new ModPathVersion("c", "v1.2.3"), r.Model.Replace[1].New);
        Assert.Equal("C:/d", r.Model.Replace[2].New.Path);
    }

    [Theory]
    [InlineData("v1.2", "v1.2.0")]
    [InlineData("v1", "v1.0.0")]
    [InlineData("v1.2.3+meta", "v1.2.3")]
    [InlineData("v2.0.0+incompatible", "v2.0.0+incompatible")]
    [InlineData("v1.2.3-pre.1", "v1.2.3-pre.1")]
    [InlineData("v1.2-pre", "")]
    [InlineData("1.2.3", "")]
    [InlineData("v01.2.3", "")]
    [InlineData("v1.2.3-01", "")]
    public void Canonical_module_version(string v, string expected) =>
        Assert.Equal(expected, ModulePath.CanonicalVersion(v));

    [Theory]
    [InlineData("v1.0.0", "v1.0.0", 0)]
    [InlineData("v1.10.0", "v1.9.0", 1)]
    [InlineData("v1.0.0-rc.1", "v1.0.0", -1)]
    [InlineData("v1.0.0-alpha", "v1.0.0-1", 1)]
    [InlineData("v1.0.0-a.b", "v1.0.0-a", 1)]
    [InlineData("bad", "v0.0.0", -1)]
    [InlineData("bad", "worse", 0)]
    [InlineData("v1.0.0+x", "v1.0.0", 0)]
    public void Semver_compare(string a, string b, int expected) => Assert.Equal(expected, Semver.Compare(a, b));

    [Theory]
    [InlineData("example.com/a", "", true)]
    [InlineData("example.com/a/v2", "/v2", true)]
    [InlineData("example.com/a/v1", "", false)]
    [InlineData("example.com/a/v0", "", false)]
    [InlineData("example.com/a/v02", "", false)]
    [InlineData("example.com/a/v2.1", "", false)]
    [InlineData("gopkg.in/yaml.v3", ".v3", true)]
    [InlineData("gopkg.in/yaml.v0", ".v0", true)]
    [InlineData("gopkg.in/yaml", "", false)]
    [InlineData("gopkg.in/x.v2-unstable", ".v2-unstable", true)]
    public void Split_path_version(string path, string major, bool ok)
    {
        var (_, pathMajor, isOk) = ModulePath.SplitPathVersion(path);
        Assert.Equal((major, ok), (pathMajor, isOk));
    }

    [Theory]
    [InlineData("v2.0.0", "", "should be v0 or v1, not v2")]
    [InlineData("v2.0.0+incompatible", "", null)]
    [InlineData("v1.0.0", "/v2", "should be v2, not v1")]
    [InlineData("v0.0.0-20161208181325-20d25e280405", ".v1", null)]
    [InlineData("v2.1.0", ".v2-unstable", null)]
    public void Check_path_major(string v, string major, string? expected) =>
        Assert.Equal(expected, ModulePath.CheckPathMajor(v, major));
}
