using FsCheck;
using FsCheck.Fluent;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Syntax;
using GoModLens.ModFile.Text;

namespace GoModLens.ModFile.Tests;

public sealed class SyntaxParserTests
{
    private static ParseResult Parse(string text) => ModFileParser.Parse("go.mod", text);

    [Fact]
    public void Token_spans_report_rune_column_byte_and_utf16_offsets()
    {
        // "é" is 2 UTF-8 bytes / 1 UTF-16 unit; "😀" is 4 bytes / 2 units / 1 rune.
        var r = Parse("module example.com/é😀 // c\nrequire x.com/a v1.0.0\n");
        var module = Assert.IsType<ModLine>(r.Syntax.Stmt[0]);
        var path = module.Tokens[1];
        Assert.Equal(new TextPosition(1, 8, 7, 7, 7), path.Span!.Value.Start);
        Assert.Equal(new TextPosition(1, 22, 25, 22, 22), path.Span!.Value.End);
        Assert.Equal("example.com/é😀", path.Text);

        var require = Assert.IsType<ModLine>(r.Syntax.Stmt[1]);
        var version = require.Tokens[2];
        Assert.Equal(2, version.Span!.Value.Start.Line);
        Assert.Equal(17, version.Span!.Value.Start.LineRune);
        Assert.Equal(16, version.Span!.Value.Start.Utf16Column);
        Assert.Equal("v1.0.0", r.Syntax.Stmt[1] is ModLine l ? l.Tokens[2].Text : null);
    }

    [Fact]
    public void Crlf_lines_keep_positions_and_strip_cr_from_comments()
    {
        var r = Parse("module m // note\r\ngo 1.21\r\n");
        var module = Assert.IsType<ModLine>(r.Syntax.Stmt[0]);
        Assert.Equal("// note", Assert.Single(module.Comments.Suffix).Token);
        var go = Assert.IsType<ModLine>(r.Syntax.Stmt[1]);
        Assert.Equal(2, go.Start.Line);
        Assert.Equal(18, go.Start.Utf16Offset);
        Assert.True(r.IsAcceptedByGo);
    }

    [Fact]
    public void Comments_attach_like_modfile()
    {
        var text = "// file doc\n\n// before module\nmodule m // module suffix\n\nrequire ( // lparen\n\t// before a\n\ta v1.0.0 // a suffix\n\n\t// before rparen\n) // rparen\n\n// free\n";
        var r = Parse(text);
        var stmts = r.Syntax.Stmt;
        var freeHead = Assert.IsType<ModCommentBlock>(stmts[0]);
        Assert.Equal("// file doc", Assert.Single(freeHead.Comments.Before).Token);

        var module = Assert.IsType<ModLine>(stmts[1]);
        Assert.Equal("// before module", Assert.Single(module.Comments.Before).Token);
        Assert.Equal("// module suffix", Assert.Single(module.Comments.Suffix).Token);
        Assert.True(module.Comments.Suffix[0].Suffix);

        var block = Assert.IsType<ModLineBlock>(stmts[2]);
        Assert.Equal("// lparen", Assert.Single(block.LParen.Comments.Suffix).Token);
        var a = Assert.Single(block.Lines);
        Assert.Equal("// before a", Assert.Single(a.Comments.Before).Token);
        Assert.Equal("// a suffix", Assert.Single(a.Comments.Suffix).Token);
        Assert.Equal(["", "// before rparen"], block.RParen.Comments.Before.Select(c => c.Token));
        Assert.Equal("// rparen", Assert.Single(block.RParen.Comments.Suffix).Token);

        var tail = Assert.IsType<ModCommentBlock>(stmts[3]);
        Assert.Equal("// free", Assert.Single(tail.Comments.Before).Token);
    }

    [Fact]
    public void Paren_in_the_middle_of_a_line_is_a_token_and_empty_block_is_a_block()
    {
        var r = Parse("foo ( ) bar\nrequire ( )\n");
        var line = Assert.IsType<ModLine>(r.Syntax.Stmt[0]);
        Assert.Equal(["foo", "(", ")", "bar"], line.TokenTexts);
        var block = Assert.IsType<ModLineBlock>(r.Syntax.Stmt[1]);
        Assert.Empty(block.Lines);
    }

    [Fact]
    public void Recovery_reports_every_lexer_error_but_go_view_keeps_only_the_first()
    {
        var r = Parse("module m\x01\nrequire \"a\n/* c */\nrequire b v1.0.0\n");
        Assert.Equal(3, r.Diagnostics.Count(d => d.Stage == ModDiagnosticStage.Lexer));
        var go = Assert.Single(r.GoErrors);
        Assert.Equal("go.mod:1:9: unexpected input character '\\x01'", go.ToGoString());
        Assert.Contains(r.Diagnostics, d => d.ToGoString() == "go.mod:2:11: unexpected newline in string");
        Assert.Contains(r.Diagnostics, d => d.ToGoString() == "go.mod:3: mod files must use // comments (not /* */ comments)");
        // The rest of the file is still parsed and bound.
        Assert.Equal("b", Assert.Single(r.Model.Require).Mod.Path);
        Assert.Equal("m", r.Model.Module!.Mod.Path);
    }

    [Fact]
    public void Unterminated_block_is_closed_at_eof_and_its_lines_are_kept()
    {
        var r = Parse("module m\nrequire (\n\ta v1.0.0\n");
        var go = Assert.Single(r.GoErrors);
        Assert.Equal("go.mod:4: syntax error (unterminated block started at go.mod:2:1)", go.ToGoString());
        var block = Assert.IsType<ModLineBlock>(r.Syntax.Stmt[1]);
        Assert.True(block.RParen.IsMissing);
        Assert.Equal("a", Assert.Single(r.Model.Require).Mod.Path);
    }

    [Fact]
    public void Directive_error_ranges_point_at_the_offending_token()
    {
        const string text = "module m\nrequire a master\n";
        var r = Parse(text);
        var d = Assert.Single(r.GoErrors);
        Assert.Equal("go.mod:2: require a: version \"master\" invalid: must be of the form v1.2.3", d.ToGoString());
        Assert.Equal("master", text[d.Range.Start.Utf16Offset..d.Range.End.Utf16Offset]);
    }

    [Theory]
    [InlineData("module \"a\\400\"\n")]
    [InlineData("module m\nrequire (\n) x y\n")]
    [InlineData("\"")]
    [InlineData("module a/*b\n")]
    [InlineData("require (\n\t\"x\n")]
    [InlineData("replace a =>\nretract [\n")]
    public void Every_diagnostic_range_lies_inside_the_text(string text) => AssertRangesValid(text);

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public void Parser_never_throws_and_ranges_are_valid_on_arbitrary_input(string? text)
    {
        AssertRangesValid(text ?? "");
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Parser_never_throws_on_go_mod_like_token_soup() =>
        Prop.ForAll(
            Gen.ListOf(Gen.Elements("module", "require", "replace", "retract", "(", ")", "[", "]", ",", "=>", "\n", " ", "\t",
                "// c", "\"q\\x41\"", "`raw`", "v1.0.0", "/*", "\r\n", "example.com/a", "é", "\u00a0", "\x07", "\"open"))
                .Select(parts => string.Concat(parts)).ToArbitrary(),
            text => AssertRangesValid(text));

    private static void AssertRangesValid(string text)
    {
        var r = Parse(text);
        foreach (var d in r.Diagnostics)
        {
            Assert.InRange(d.Range.Start.Utf16Offset, 0, text.Length);
            Assert.InRange(d.Range.End.Utf16Offset, d.Range.Start.Utf16Offset, text.Length);
            Assert.InRange(d.Position.Utf16Offset, 0, text.Length);
            Assert.True(d.Position.Line >= 1 && d.Position.LineRune >= 1);
        }

        Assert.Equal(r.Diagnostics.IsEmpty, r.GoErrors.IsEmpty);
        foreach (var node in r.Syntax.Descendants())
        {
            Assert.InRange(node.Span.Start.Utf16Offset, 0, text.Length);
            Assert.InRange(node.Span.End.Utf16Offset, 0, text.Length);
        }
    }
}
