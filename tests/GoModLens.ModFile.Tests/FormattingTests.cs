using GoModLens.ModFile.Formatting;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Syntax;
using GoModLens.ModFile.Text;

namespace GoModLens.ModFile.Tests;

public sealed class FormattingTests
{
    [Fact]
    public void Go_mod_edit_formatting_sorts_dedups_and_collapses_blocks()
    {
        var r = ModFileParser.Parse("go.mod",
            "module   m\n\n\n\nrequire (\n\tz v1.0.0\n\ta v1.0.0 // indirect\n)\nexclude (\n\tx v1.0.0\n\tx v1.0.0\n)\nreplace ()\n");
        Assert.Equal("module m\n\nrequire (\n\ta v1.0.0 // indirect\n\tz v1.0.0\n)\n\nexclude x v1.0.0\n",
            ModFilePrinter.FormatLikeGoModEdit(r));
    }

    [Fact]
    public void Printer_works_from_an_edited_tree()
    {
        var r = ModFileParser.Parse("go.mod", "module m\n\nrequire a v1.0.0\n");
        var line = r.Model.Require[0].Syntax;
        line.Tokens[2] = ModToken.Synthetic("v1.1.0");
        line.Comments.Suffix.Add(new ModComment(default, "// indirect", true, null));
        r.Syntax.Stmt.Add(new ModLine { Tokens = [ModToken.Synthetic("go"), ModToken.Synthetic("1.22")] });
        Assert.Equal("module m\n\nrequire a v1.1.0 // indirect\n\ngo 1.22\n", ModFilePrinter.Format(r.Syntax));

        line.MarkRemoved();
        r.Syntax.Cleanup();
        Assert.Equal("module m\n\ngo 1.22\n", ModFilePrinter.Format(r.Syntax));
    }

    [Fact]
    public void Json_uses_go_escaping_and_null_rules()
    {
        var r = ModFileParser.Parse("go.mod", "module \"a<b>&\\u2028\\b\\x01\"\n");
        Assert.Equal(
            "{\n\t\"Module\": {\n\t\t\"Path\": \"a\\u003cb\\u003e\\u0026\\u2028\\b\\u0001\"\n\t},\n\t\"Require\": null,\n\t\"Exclude\": null,\n\t\"Replace\": null,\n\t\"Retract\": null,\n\t\"Tool\": null,\n\t\"Ignore\": null\n}\n",
            ModJson.Write(r));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("a b", true)]
    [InlineData("a//b", true)]
    [InlineData("(", false)]
    [InlineData("(x)", true)]
    [InlineData("é", false)]
    [InlineData("a\u00a0", true)]
    [InlineData("example.com/a", false)]
    public void Must_quote(string s, bool expected) => Assert.Equal(expected, ModQuoting.MustQuote(s));

    [Theory]
    [InlineData("\"\\x41\\u00e9\\U0001F600\\101\\n\\\\\\\"\"", "Aé😀A\n\\\"")]
    public void Unquote_follows_strconv(string quoted, string expected)
    {
        Assert.True(GoQuote.TryUnquote(quoted, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("\"\\q\"")]
    [InlineData("\"\\'\"")]
    [InlineData("\"\\400\"")]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"\\x4\"")]
    [InlineData("\"abc")]
    public void Unquote_rejects_invalid_literals(string quoted) => Assert.False(GoQuote.TryUnquote(quoted, out _));

    [Theory]
    [InlineData(0x07, "'\\a'")]
    [InlineData(0x01, "'\\x01'")]
    [InlineData(0xFEFF, "'\\ufeff'")]
    [InlineData(0xA0, "'\\u00a0'")]
    [InlineData('\'', "'\\''")]
    [InlineData(0xE0001, "'\\U000e0001'")]
    public void Quote_rune_matches_go(int rune, string expected) => Assert.Equal(expected, GoQuote.QuoteRune(rune));
}
