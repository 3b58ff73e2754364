using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Tests.Editing;
using GoModLens.ModFile.Text;
using GoModLens.TestUtilities;

namespace GoModLens.ModFile.Tests;

/// <summary>
/// <see cref="ModFileParser.ModulePath"/> against x/mod's modfile.ModulePath (built from go 1.26's vendored copy): the
/// lenient read go uses on go.mod files of repositories and proxies, before any parse.
/// </summary>
public sealed class ModulePathOfGoModTests
{
    public static TheoryData<string> Texts => new()
    {
        "module \"github.com/rsc/vgotest\"",
        "module github.com/rsc/vgotest",
        "module  github.com/rsc/vgotest",
        "module `github.com/rsc/vgotest`",
        "module `a`b`",
        "module `",
        "module gopkg.in/yaml.v2",
        "module \"gopkg.in/check.v1\"\n",
        "module \"gopkg.in/check.v1\n\"",
        "module gopkg.in/check.v1\r\n",
        "module \n\"gopkg.in/check.v1\"\n\n",
        "module \"gopkg.in/check.v1\"asd",
        "module  \nmodule a/b/c ",
        "module \"   \"",
        "module   ",
        "module \"  a/b/c  \"",
        "module \"github.com/rsc/vgotest1\" // with a comment",
        "// module in/a/comment\nmodule real/one\n",
        "modulex a/b\nmodule a/c\n",
        "go 1.21\n\nrequire x.y/z v1.0.0\n",
        "\tmodule\ttabbed/path\t\n",
        "module a/b // trailing\nmodule c/d\n",
        "module \"a\\x62c\"\n",
        "\u00a0module nbsp/path\u00a0\n",
        "",
    };

    [SkippableTheory]
    [MemberData(nameof(Texts))]
    public void Module_path_equals_x_mod(string text)
    {
        GoOracle.Require();
        Assert.Equal(XModOracle.ModulePath(text), GoQuote.Quote(ModFileParser.ModulePath(text)));
    }
}
