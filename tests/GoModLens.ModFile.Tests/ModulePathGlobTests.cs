using GoModLens.ModFile.Module;

namespace GoModLens.ModFile.Tests;

public sealed class ModulePathGlobTests
{
    // Written from Go's path/match_test.go table (pattern, name, match, bad pattern).
    [Theory]
    [InlineData("abc", "abc", true, false)]
    [InlineData("*", "abc", true, false)]
    [InlineData("*c", "abc", true, false)]
    [InlineData("a*", "a", true, false)]
    [InlineData("a*", "abc", true, false)]
    [InlineData("a*", "ab/c", false, false)]
    [InlineData("a*/b", "abc/b", true, false)]
    [InlineData("a*/b", "a/c/b", false, false)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxe/f", true, false)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxexxx/f", true, false)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false, false)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxexxx/fff", false, false)]
    [InlineData("a*b?c*x", "abxbbxdbxebxczzx", true, false)]
    [InlineData("a*b?c*x", "abxbbxdbxebxczzy", false, false)]
    [InlineData("ab[c]", "abc", true, false)]
    [InlineData("ab[b-d]", "abc", true, false)]
    [InlineData("ab[e-g]", "abc", false, false)]
    [InlineData("ab[^c]", "abc", false, false)]
    [InlineData("ab[^b-d]", "abc", false, false)]
    [InlineData("ab[^e-g]", "abc", true, false)]
    [InlineData("a\\*b", "a*b", true, false)]
    [InlineData("a\\*b", "ab", false, false)]
    [InlineData("a?b", "a☺b", true, false)]
    [InlineData("a[^a]b", "a☺b", true, false)]
    [InlineData("a???b", "a☺b", false, false)]
    [InlineData("a[^a][^a][^a]b", "a☺b", false, false)]
    [InlineData("[a-ζ]*", "α", true, false)]
    [InlineData("*[a-ζ]", "A", false, false)]
    [InlineData("a?b", "a/b", false, false)]
    [InlineData("a*b", "a/b", false, false)]
    [InlineData("[\\]a]", "]", true, false)]
    [InlineData("[\\-]", "-", true, false)]
    [InlineData("[x\\-]", "x", true, false)]
    [InlineData("[x\\-]", "-", true, false)]
    [InlineData("[x\\-]", "z", false, false)]
    [InlineData("[\\-x]", "x", true, false)]
    [InlineData("[\\-x]", "-", true, false)]
    [InlineData("[\\-x]", "a", false, false)]
    [InlineData("[]a]", "]", false, true)]
    [InlineData("[-]", "-", false, true)]
    [InlineData("[x-]", "x", false, true)]
    [InlineData("[x-]", "-", false, true)]
    [InlineData("[x-]", "z", false, true)]
    [InlineData("[-x]", "x", false, true)]
    [InlineData("[-x]", "-", false, true)]
    [InlineData("[-x]", "a", false, true)]
    [InlineData("\\", "a", false, true)]
    [InlineData("[a-b-c]", "a", false, true)]
    [InlineData("[", "a", false, true)]
    [InlineData("[^", "a", false, true)]
    [InlineData("[^bc", "a", false, true)]
    [InlineData("a[", "a", false, true)]
    [InlineData("a[", "ab", false, true)]
    [InlineData("a[", "x", false, true)]
    [InlineData("a/b[", "x", false, true)]
    [InlineData("*x", "xxx", true, false)]
    public void Match_follows_path_Match(string pattern, string name, bool match, bool bad)
    {
        Assert.Equal(!bad, PathGlob.TryMatch(pattern, name, out var matched));
        Assert.Equal(match, matched);
        if (bad)
        {
            Assert.Equal("syntax error in pattern", Assert.Throws<FormatException>(() => PathGlob.IsMatch(pattern, name)).Message);
        }
        else
        {
            Assert.Equal(match, PathGlob.IsMatch(pattern, name));
        }
    }

    [Theory]
    [InlineData("*/quote", "rsc.io/quote", true)]
    [InlineData("*/quo", "rsc.io/quote", false)]
    [InlineData("*/quo", "rsc.io/quote/x", false)]
    [InlineData("rsc.io", "rsc.io/quote", true)]
    [InlineData("rsc.io/", "rsc.io/quote", true)]
    [InlineData("rsc.io/quote", "rsc.io/quote", true)]
    [InlineData("rsc.io/quote", "rsc.io/quote/x", true)]
    [InlineData("rsc.io/private", "rsc.io/privateer", false)]
    [InlineData("*.corp.example.com", "git.corp.example.com/x/y", true)]
    [InlineData("*.corp.example.com", "corp.example.com/x", false)]
    [InlineData("*", "anything/at/all", true)]
    [InlineData("x.com,rsc.io", "rsc.io/quote", true)]
    [InlineData(",,rsc.io,", "rsc.io/quote", true)]
    [InlineData(" rsc.io", "rsc.io/quote", false)]
    [InlineData("rsc.io/quote/x", "rsc.io/quote", false)]
    [InlineData("rsc.io/[", "rsc.io/quote", false)]
    [InlineData("rsc.io/[,rsc.io", "rsc.io/quote", true)]
    [InlineData("", "rsc.io/quote", false)]
    [InlineData("Rsc.io", "rsc.io/quote", false)]
    public void MatchPrefixPatterns_matches_module_MatchPrefixPatterns(string globs, string target, bool want) =>
        Assert.Equal(want, ModulePath.MatchPrefixPatterns(globs, target));
}
