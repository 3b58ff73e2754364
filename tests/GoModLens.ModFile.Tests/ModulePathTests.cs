using GoModLens.ModFile.Module;

namespace GoModLens.ModFile.Tests;

public sealed class ModulePathTests
{
    [Theory]
    [InlineData("A.b.com", "invalid char 'A' in first path element")]
    [InlineData("foo/bar", "missing dot in first path element")]
    [InlineData("/x.y/z", "empty path element")] // checkPath runs first, so "leading slash" is unreachable
    [InlineData("x.y/z/", "trailing slash")]
    [InlineData("x.y//z", "double slash")]
    [InlineData("", "empty string")]
    [InlineData("-x.y/z", "leading dash")]
    [InlineData("x.y/-z", null)]
    [InlineData("x.y/.z", "leading dot in path element")]
    [InlineData("x.y/z.", "trailing dot in path element")]
    [InlineData("x.y/..", "invalid path element \"..\"")]
    [InlineData("x.y/../z", "invalid path element \"..\"")]
    [InlineData("x.y/a..b", null)]
    [InlineData("x.y/z+", "invalid char '+'")]
    [InlineData("x.y/z~", null)]
    [InlineData("x.y/z~0", "trailing tilde and digits in path element")]
    [InlineData("x.y/z~a", null)]
    [InlineData("x.y/z~0.go", "trailing tilde and digits in path element")]
    [InlineData("x.y/aux", "\"aux\" disallowed as path element component on Windows")]
    [InlineData("x.y/Com1.txt", "\"Com1\" disallowed as path element component on Windows")]
    [InlineData("x.y/com10", null)]
    [InlineData("x.y/a b", "invalid char ' '")]
    [InlineData("x.y/a\tb", "invalid char '\\t'")]
    [InlineData("x.y/é", "invalid char 'é'")]
    [InlineData("x.y/a\"b", "invalid char '\"'")]
    [InlineData("x.y/a'b", "invalid char '\\''")]
    [InlineData("x_y.com/z", "invalid char '_' in first path element")]
    [InlineData("x.y/z/v1", "invalid version")]
    [InlineData("x.y/z/v0", "invalid version")]
    [InlineData("x.y/z/v02", "invalid version")]
    [InlineData("x.y/z/v2.0", "invalid version")]
    [InlineData("x.y/z/v2", null)]
    [InlineData("x.y/z/v12", null)]
    [InlineData("x.y/v2", null)]
    [InlineData("x.y/z/V2", null)]
    [InlineData("gopkg.in/yaml.v2", null)]
    [InlineData("gopkg.in/yaml.v0", null)]
    [InlineData("gopkg.in/yaml.v2-unstable", null)]
    [InlineData("gopkg.in/yaml", "invalid version")]
    [InlineData("gopkg.in/yaml.v02", "invalid version")]
    [InlineData("gopkg.in/check.v1/sub", "invalid version")]
    [InlineData("github.com/Azure/azure-sdk-for-go", null)]
    public void CheckPath_reasons(string path, string? reason)
    {
        Assert.Equal(reason, ModulePath.CheckPathReason(path));
        Assert.Equal(reason is null ? null : $"malformed module path {Quote(path)}: {reason}", ModulePath.CheckPath(path));
    }

    [Fact]
    public void Unpaired_surrogate_is_invalid_utf8()
    {
        Assert.Equal("invalid UTF-8", ModulePath.CheckPathReason("x.y/" + '\ud800'));
        Assert.Equal("malformed file path \"a\\xed\\xa0\\x80\": invalid UTF-8", ModulePath.CheckFilePath("a" + '\ud800'));
    }

    [Theory]
    [InlineData("foo/bar", null)]
    [InlineData("x.y/z+", null)]
    [InlineData("A/b", null)]
    [InlineData("x.y/.z", null)]
    [InlineData("-x/y", "malformed import path \"-x/y\": leading dash")]
    [InlineData("x/y~1", "malformed import path \"x/y~1\": trailing tilde and digits in path element")]
    [InlineData("x/y z", "malformed import path \"x/y z\": invalid char ' '")]
    public void CheckImportPath_messages(string path, string? message) => Assert.Equal(message, ModulePath.CheckImportPath(path));

    [Theory]
    [InlineData("-x/y.go", null)]
    [InlineData(".github/workflows/a b.yml", null)]
    [InlineData("données/é.txt", null)]
    [InlineData("a/x~1.go", null)]
    [InlineData("a/b!#$%&()+,-.=@[]^_{}~ c", null)]
    [InlineData("a/b*c", "malformed file path \"a/b*c\": invalid char '*'")]
    [InlineData("a/b:c", "malformed file path \"a/b:c\": invalid char ':'")]
    [InlineData("a/CON", "malformed file path \"a/CON\": \"CON\" disallowed as path element component on Windows")]
    [InlineData("a/../b", "malformed file path \"a/../b\": invalid path element \"..\"")]
    [InlineData("a/b.", "malformed file path \"a/b.\": trailing dot in path element")]
    public void CheckFilePath_messages(string path, string? message) => Assert.Equal(message, ModulePath.CheckFilePath(path));

    [Theory]
    [InlineData("x.y/z", "x.y/z", "", true)]
    [InlineData("x.y/z/v2", "x.y/z", "/v2", true)]
    [InlineData("x.y/z/v1", "x.y/z/v1", "", false)]
    [InlineData("x.y/z/v2.1", "x.y/z/v2.1", "", false)]
    [InlineData("x.y/z/v", "x.y/z/v", "", true)]
    [InlineData("v2", "v2", "", true)]
    [InlineData("gopkg.in/yaml.v3", "gopkg.in/yaml", ".v3", true)]
    [InlineData("gopkg.in/yaml.v1-unstable", "gopkg.in/yaml", ".v1-unstable", true)]
    [InlineData("gopkg.in/yaml", "gopkg.in/yaml", "", false)]
    public void SplitPathVersion_matches_x_mod(string path, string prefix, string pathMajor, bool ok) =>
        Assert.Equal((prefix, pathMajor, ok), ModulePath.SplitPathVersion(path));

    [Theory]
    [InlineData("v1.0.0", "", null)]
    [InlineData("v0.1.0", "", null)]
    [InlineData("v2.0.0", "", "should be v0 or v1, not v2")]
    [InlineData("v2.0.0+incompatible", "", null)]
    [InlineData("v2.0.0", "/v2", null)]
    [InlineData("v1.0.0", "/v2", "should be v2, not v1")]
    [InlineData("v3.0.0+incompatible", "/v2", "should be v2, not v3")]
    [InlineData("v1.5.0", ".v1", null)]
    [InlineData("v0.0.0-20200101000000-abcdefabcdef", ".v1", null)]
    [InlineData("v2.0.0", ".v1", "should be v1, not v2")]
    [InlineData("v2.0.0", ".v2-unstable", null)]
    [InlineData("bad", "", "should be v0 or v1, not ")]
    public void CheckPathMajor_messages(string version, string pathMajor, string? reason)
    {
        Assert.Equal(reason, ModulePath.CheckPathMajor(version, pathMajor));
        Assert.Equal(reason is null, ModulePath.MatchPathMajor(version, pathMajor));
    }

    [Theory]
    [InlineData("example.com/m", "v1.0.0", null)]
    [InlineData("example.com/m", "v2.0.0", "example.com/m@v2.0.0: invalid version: should be v0 or v1, not v2")]
    [InlineData("example.com/m/v3", "v2.0.0", "example.com/m/v3@v2.0.0: invalid version: should be v3, not v2")]
    [InlineData("example.com/m", "latest", "example.com/m@latest: invalid version: not a semantic version")]
    [InlineData("m", "v1.0.0", "malformed module path \"m\": missing dot in first path element")]
    public void Check_composes_go_errors(string path, string version, string? message) =>
        Assert.Equal(message, ModulePath.Check(path, version));

    [Theory]
    [InlineData("v1.2", "v1.2.0")]
    [InlineData("v1.2.3+meta", "v1.2.3")]
    [InlineData("v2.0.0+incompatible", "v2.0.0+incompatible")]
    [InlineData("v2+incompatible", "")]
    [InlineData("bad", "")]
    public void CanonicalVersion_keeps_incompatible(string v, string want) => Assert.Equal(want, ModulePath.CanonicalVersion(v));

    [Theory]
    [InlineData("github.com/Azure/azure-sdk-for-go", "github.com/!azure/azure-sdk-for-go")]
    [InlineData("github.com/GoogleCloudPlatform/cloudsql-proxy", "github.com/!google!cloud!platform/cloudsql-proxy")]
    [InlineData("github.com/Sirupsen/logrus", "github.com/!sirupsen/logrus")]
    [InlineData("rsc.io/quote", "rsc.io/quote")]
    public void EscapePath_examples(string path, string escaped)
    {
        Assert.Equal(escaped, ModulePath.EscapePath(path));
        Assert.Equal(path, ModulePath.UnescapePath(escaped));
    }

    [Fact]
    public void Escape_and_unescape_errors_use_go_text()
    {
        Assert.Equal("malformed module path \"Bad.com/x\": invalid char 'B' in first path element",
            Assert.Throws<FormatException>(() => ModulePath.EscapePath("Bad.com/x")).Message);
        Assert.False(ModulePath.TryUnescapePath("github.com/Azure/x", out _, out var e1));
        Assert.Equal("invalid escaped module path \"github.com/Azure/x\"", e1);
        Assert.False(ModulePath.TryUnescapePath("github.com/!azure!", out _, out var e2));
        Assert.Equal("invalid escaped module path \"github.com/!azure!\"", e2);
        Assert.False(ModulePath.TryUnescapePath("github.com/!1", out _, out _));
        Assert.False(ModulePath.TryUnescapePath("!github.com/x", out _, out var e3));
        Assert.Equal("invalid escaped module path \"!github.com/x\": malformed module path \"Github.com/x\": invalid char 'G' in first path element", e3);

        Assert.Equal("v1.0.0-!beta+incompatible", ModulePath.EscapeVersion("v1.0.0-Beta+incompatible"));
        Assert.Equal("v1.0.0-Beta", ModulePath.UnescapeVersion("v1.0.0-!beta"));
        Assert.Equal("version \"v1.0.0!\" invalid: disallowed version string",
            Assert.Throws<FormatException>(() => ModulePath.EscapeVersion("v1.0.0!")).Message);
        Assert.Equal("version \"v1/2\" invalid: disallowed version string",
            Assert.Throws<FormatException>(() => ModulePath.EscapeVersion("v1/2")).Message);
        Assert.Equal("invalid escaped version \"v1.0.0-B\"", Assert.Throws<FormatException>(() => ModulePath.UnescapeVersion("v1.0.0-B")).Message);
        Assert.Equal("invalid escaped version \"v1.\": trailing dot in path element",
            Assert.Throws<FormatException>(() => ModulePath.UnescapeVersion("v1.")).Message);
        Assert.Equal("master", ModulePath.EscapeVersion("master"));
    }

    [Theory]
    [InlineData("gopkg.in/yaml.v2", true)]
    [InlineData("gopkg.in", false)]
    [InlineData("example.com/gopkg.in/x", false)]
    public void IsGopkgIn(string path, bool want) => Assert.Equal(want, ModulePath.IsGopkgIn(path));

    private static string Quote(string s) => s switch
    {
        "x.y/a\tb" => "\"x.y/a\\tb\"",
        "x.y/a\"b" => "\"x.y/a\\\"b\"",
        _ => "\"" + s + "\"",
    };
}
