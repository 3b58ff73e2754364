using FsCheck;
using FsCheck.Fluent;
using GoModLens.ModFile.Editing;
using GoModLens.ModFile.Formatting;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Tests.Editing;

namespace GoModLens.ModFile.Tests;

/// <summary>TextEdits: line diffs that reproduce the edited text, LSP positions in UTF-16, and targeted single-token edits.</summary>
public sealed class EditingTextEditsTests
{
    [Fact]
    public void Identical_texts_need_no_edits() => Assert.Empty(TextEdits.Diff("module m\n", "module m\n"));

    [Fact]
    public void One_changed_line_is_one_edit_over_that_line()
    {
        const string a = "module m\n\nrequire (\n\ta v1.0.0\n\tb v1.0.0\n)\n";
        const string b = "module m\n\nrequire (\n\ta v1.0.0\n\tb v1.2.0\n)\n";
        var e = Assert.Single(TextEdits.Diff(a, b));
        Assert.Equal(new LinePosition(4, 0), e.Start);
        Assert.Equal(new LinePosition(5, 0), e.End);
        Assert.Equal("\tb v1.2.0\n", e.NewText);
        Assert.Equal(b, TextEdits.Apply(a, [e]));
    }

    [Fact]
    public void Insertions_and_deletions_are_separate_hunks()
    {
        const string a = "l1\nl2\nl3\nl4\nl5\n";
        const string b = "l0\nl1\nl3\nl4\nl5\nl6\n";
        var edits = TextEdits.Diff(a, b);
        Assert.Equal(3, edits.Count);
        Assert.Equal(b, TextEdits.Apply(a, edits));
        Assert.Equal(new LinePosition(0, 0), edits[0].Start);
        Assert.Equal(new LinePosition(0, 0), edits[0].End);
        Assert.Equal("", edits[1].NewText);
        Assert.Equal(new LinePosition(5, 0), edits[2].Start);
    }

    [Fact]
    public void Positions_count_utf16_code_units_and_a_missing_final_newline()
    {
        const string a = "module é😀\nx";
        Assert.Equal(new LinePosition(0, 10), TextEdits.PositionAt(a, 10));
        Assert.Equal(new LinePosition(1, 1), TextEdits.PositionAt(a, a.Length));
        var edits = TextEdits.Diff(a, "module é😀\ny\n");
        var e = Assert.Single(edits);
        Assert.Equal(new LinePosition(1, 0), e.Start);
        Assert.Equal(new LinePosition(1, 1), e.End);
    }

    [Fact]
    public void Diff_reproduces_arbitrary_line_edits() =>
        Prop.ForAll(
            Gen.Elements("module m", "", "require (", ")", "\ta v1.0.0", "\tb v1.0.0 // indirect", "go 1.21", "é😀", "x\r").ArrayOf().ToArbitrary(),
            Gen.Elements("module m", "", "require (", ")", "\ta v1.0.0", "\tc v1.0.0", "go 1.22", "é😀").ArrayOf().ToArbitrary(),
            Gen.Elements(true, false).ToArbitrary(),
            (a, b, finalNewline) =>
            {
                var x = string.Join('\n', a) + (finalNewline ? "\n" : "");
                var y = string.Join('\n', b);
                var edits = TextEdits.Diff(x, y);
                var ordered = edits.Zip(edits.Skip(1)).All(p => p.First.EndOffset <= p.Second.StartOffset);
                var positionsAgree = edits.All(e => e.Start == TextEdits.PositionAt(x, e.StartOffset) && e.End == TextEdits.PositionAt(x, e.EndOffset));
                return TextEdits.Apply(x, edits) == y && ordered && positionsAgree;
            }).QuickCheckThrowOnFailure();

    [Fact]
    public void SetRequireVersion_replaces_only_the_version_token()
    {
        const string text = "module m\n\nrequire (\n\ta   v1.0.0   // keep   spacing\n)\nrequire b v0.1.0\n";
        var r = ModFileParser.Parse("go.mod", text);
        var e1 = TextEdits.SetRequireVersion(text, r.Model.Require[0], "v1.5.0");
        var e2 = TextEdits.SetRequireVersion(text, r.Model.Require[1], "v0.2.0");
        Assert.Equal(new LinePosition(3, 5), e1.Start);
        var edited = TextEdits.Apply(text, [e1, e2]);
        Assert.Equal("module m\n\nrequire (\n\ta   v1.5.0   // keep   spacing\n)\nrequire b v0.2.0\n", edited);
        Assert.Empty(ModFileParser.Parse("go.mod", edited).Diagnostics);
    }

    [Theory]
    [InlineData("require a v1.0.0\t// indirect\n", false, "require a v1.0.0\n")]
    [InlineData("require a v1.0.0 // indirect; pinned\n", false, "require a v1.0.0 // pinned\n")]
    [InlineData("require a v1.0.0\n", true, "require a v1.0.0 // indirect\n")]
    [InlineData("require a v1.0.0 // pinned\n", true, "require a v1.0.0 // indirect; pinned\n")]
    [InlineData("require (\n\ta v1.0.0 // indirect\n)\n", false, "require (\n\ta v1.0.0\n)\n")]
    [InlineData("require a v1.0.0 // indirect\n", true, null)]
    public void SetIndirect_edits_only_the_comment(string text, bool indirect, string? expected)
    {
        var r = ModFileParser.Parse("go.mod", text);
        var edit = TextEdits.SetIndirect(text, r.Model.Require[0], indirect);
        if (expected is null)
        {
            Assert.Null(edit);
            return;
        }

        var edited = TextEdits.Apply(text, [edit!]);
        Assert.Equal(expected, edited);
        Assert.Equal(indirect, ModFileParser.Parse("go.mod", edited).Model.Require[0].Indirect);
    }

    [Fact]
    public void ReplaceToken_refuses_tokens_created_by_edits()
    {
        var editor = ModFileEditor.Open("go.mod", "module m\n");
        var r = editor.AddNewRequire("a", "v1.0.0", false);
        Assert.Throws<ArgumentException>(() => TextEdits.SetRequireVersion("module m\n", r, "v1.1.0"));
    }

    /// <summary>
    /// On every corpus file that is already in go's format, flipping each require's marker with a targeted edit must
    /// give exactly what the editor plus the printer give.
    /// </summary>
    [Fact]
    public void Targeted_indirect_edits_agree_with_the_editor_on_formatted_corpus_files()
    {
        var checkedFiles = 0;
        foreach (var file in EditCases.AcceptedFiles(int.MaxValue))
        {
            var text = File.ReadAllText(file);
            if (ModFilePrinter.Format(ModFileParser.Parse("go.mod", text).Syntax) != text)
            {
                continue;
            }

            checkedFiles++;
            var parsed = ModFileParser.Parse("go.mod", text);
            var edits = parsed.Model.Require.Select(r => TextEdits.SetIndirect(text, r, !r.Indirect)!).ToList();
            var targeted = TextEdits.Apply(text, edits);

            var editor = ModFileEditor.Open("go.mod", text);
            foreach (var r in editor.Model.Require)
            {
                ModFileEditor.SetIndirect(r, !r.Indirect);
            }

            // No Cleanup: it would collapse one-line blocks, which a marker flip must not do.
            Assert.Equal(ModFilePrinter.Format(editor.Syntax), targeted);
            Assert.Empty(ModFileParser.Parse("go.mod", targeted).Diagnostics);
        }

        Assert.True(checkedFiles > 100, $"only {checkedFiles} formatted files");
    }
}
