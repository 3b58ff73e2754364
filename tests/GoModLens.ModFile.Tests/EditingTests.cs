using GoModLens.ModFile.Editing;
using GoModLens.ModFile.Semantics;

namespace GoModLens.ModFile.Tests;

/// <summary>ModFileEditor operations on small files: what changes, what is kept (comments, layout, block choice).</summary>
public sealed class EditingTests
{
    private static string Edit(string text, Action<ModFileEditor> edit)
    {
        var editor = ModFileEditor.Open("go.mod", text);
        edit(editor);
        var result = editor.Format();
        Assert.Empty(ModFileParser.Parse("go.mod", result).Diagnostics);
        return result;
    }

    [Theory]
    [InlineData("require a v1.0.0\n", true, "require a v1.0.0 // indirect\n")]
    [InlineData("require a v1.0.0 //\n", true, "require a v1.0.0 // indirect\n")]
    [InlineData("require a v1.0.0 // pinned for bug 12\n", true, "require a v1.0.0 // indirect; pinned for bug 12\n")]
    [InlineData("require a v1.0.0 // indirect\n", false, "require a v1.0.0\n")]
    [InlineData("require a v1.0.0 // indirect; pinned\n", false, "require a v1.0.0 // pinned\n")]
    [InlineData("require a v1.0.0 // indirect\n", true, "require a v1.0.0 // indirect\n")]
    [InlineData("require a v1.0.0 // indirectly\n", true, "require a v1.0.0 // indirect; indirectly\n")]
    public void SetIndirect_adds_or_removes_only_the_marker(string input, bool indirect, string expected)
    {
        var text = "module m\n\n" + input;
        var result = Edit(text, e => ModFileEditor.SetIndirect(e.Model.Require[0], indirect));
        Assert.Equal("module m\n\n" + expected, result);
        Assert.Equal(indirect, ModFileParser.Parse("go.mod", result).Model.Require[0].Indirect);
    }

    [Fact]
    public void AddRequire_updates_the_first_line_in_place_keeping_comments_and_drops_duplicates()
    {
        const string text = "module m\n\nrequire (\n\t// why we need a\n\ta v1.0.0 // keep\n\tb v1.0.0\n\ta v1.1.0\n)\n";
        var result = Edit(text, e => e.AddRequire("a", "v1.2.0"));
        Assert.Equal("module m\n\nrequire (\n\t// why we need a\n\ta v1.2.0 // keep\n\tb v1.0.0\n)\n", result);
    }

    [Fact]
    public void AddNewRequire_appends_to_the_last_require_block_and_turns_a_single_line_into_a_block()
    {
        const string twoBlocks = "module m\n\nrequire (\n\ta v1.0.0\n)\n\nrequire (\n\tb v1.0.0 // indirect\n)\n";
        // The first block keeps one line, so Cleanup collapses it, as modfile does.
        Assert.Equal("module m\n\nrequire a v1.0.0\n\nrequire (\n\tb v1.0.0 // indirect\n\tc v1.0.0 // indirect\n)\n",
            Edit(twoBlocks, e => e.AddNewRequire("c", "v1.0.0", indirect: true)));

        Assert.Equal("module m\n\nrequire (\n\ta v1.0.0\n\tc v1.0.0\n)\n",
            Edit("module m\n\nrequire a v1.0.0\n", e => e.AddNewRequire("c", "v1.0.0", indirect: false)));

        Assert.Equal("module m\n\ngo 1.21\n\nrequire c v1.0.0\n",
            Edit("module m\n\ngo 1.21\n", e => e.AddNewRequire("c", "v1.0.0", indirect: false)));
    }

    [Fact]
    public void Quoted_paths_are_written_quoted_only_when_needed()
    {
        Assert.Equal("module m\n\nrequire \"a b\" v1.0.0\n", Edit("module m\n", e => e.AddRequire("a b", "v1.0.0")));
        Assert.Equal("module \"x y\"\n", Edit("module m\n", e => e.AddModuleStmt("x y")));
    }

    [Fact]
    public void Go_and_toolchain_lines_go_after_module_and_go()
    {
        Assert.Equal("module m\n\ngo 1.22\n\nrequire a v1.0.0\n", Edit("module m\n\nrequire a v1.0.0\n", e => e.AddGoStmt("1.22")));
        Assert.Equal("module m\n\ngo 1.22\n\ntoolchain go1.23.4\n\nrequire a v1.0.0\n",
            Edit("module m\n\ngo 1.22\n\nrequire a v1.0.0\n", e => e.AddToolchainStmt("go1.23.4")));
        Assert.Equal("module m\n\ngo 1.23 // keep\n", Edit("module m\n\ngo 1.21 // keep\n", e => e.AddGoStmt("1.23")));
        Assert.Equal("module m\n", Edit("module m\n\ngo 1.21\ntoolchain go1.22.0\n", e =>
        {
            e.DropGoStmt();
            e.DropToolchainStmt();
        }));
    }

    [Theory]
    [InlineData("1.2.3.4")]
    [InlineData("go1.21")]
    [InlineData("")]
    public void AddGoStmt_rejects_bad_versions_with_go_message(string version)
    {
        var e = ModFileEditor.Open("go.mod", "module m\n");
        var ex = Assert.Throws<ModEditException>(() => e.AddGoStmt(version));
        Assert.Equal($"invalid language version \"{version}\"", ex.Message);
    }

    [Fact]
    public void AddToolchainStmt_rejects_bad_names()
    {
        var e = ModFileEditor.Open("go.mod", "module m\n");
        Assert.Equal("invalid toolchain name \"1.21\"", Assert.Throws<ModEditException>(() => e.AddToolchainStmt("1.21")).Message);
    }

    [Theory]
    [InlineData("example.com/x", "v1.2", "version \"v1.2\" invalid: must be of the form v1.2.3")]
    [InlineData("example.com/x/v3", "v1.2", "version \"v1.2\" invalid: must be of the form v3.2.3")]
    [InlineData("example.com/x", "v2.0.0", "version \"v2.0.0\" invalid: should be v2.0.0+incompatible (or module example.com/x/v2)")]
    [InlineData("example.com/x", "", "version \"\" invalid: must be of the form v1.2.3")]
    public void AddExclude_requires_canonical_versions(string path, string version, string message)
    {
        var e = ModFileEditor.Open("go.mod", "module m\n");
        Assert.Equal(message, Assert.Throws<ModEditException>(() => e.AddExclude(path, version)).Message);
    }

    [Fact]
    public void Exclude_and_replace_join_same_path_or_go_to_the_end()
    {
        const string text = "module m\n\nexclude (\n\ta v1.0.0\n\tb v1.0.0\n)\n\nrequire c v1.0.0\n";
        Assert.Equal("module m\n\nexclude (\n\ta v1.0.0\n\ta v1.1.0\n\tb v1.0.0\n)\n\nrequire c v1.0.0\n",
            Edit(text, e => e.AddExclude("a", "v1.1.0")));
        Assert.Equal("module m\n\nexclude (\n\ta v1.0.0\n\tb v1.0.0\n)\n\nrequire c v1.0.0\n\nexclude d v1.0.0\n",
            Edit(text, e => e.AddExclude("d", "v1.0.0")));
        Assert.Equal(text, Edit(text, e => e.AddExclude("a", "v1.0.0")));
        Assert.Equal("module m\n\nexclude a v1.0.0\n\nrequire c v1.0.0\n", Edit(text, e => e.DropExclude("b", "v1.0.0")));
    }

    [Fact]
    public void AddReplace_rewrites_matching_lines_and_DropReplace_needs_the_exact_version()
    {
        const string text = "module m\n\nreplace (\n\ta v1.0.0 => ../a1 // one\n\ta v1.1.0 => ../a2\n\tb => ../b\n)\n";
        Assert.Equal("module m\n\nreplace (\n\ta => x v1.0.0 // one\n\tb => ../b\n)\n", Edit(text, e => e.AddReplace("a", "", "x", "v1.0.0")));
        Assert.Equal("module m\n\nreplace (\n\ta v1.0.0 => ../a1 // one\n\ta v1.1.0 => ../a3\n\tb => ../b\n)\n",
            Edit(text, e => e.AddReplace("a", "v1.1.0", "../a3", "")));
        Assert.Equal(text, Edit(text, e => e.DropReplace("a", "")));
        Assert.Equal("module m\n\nreplace (\n\ta v1.1.0 => ../a2\n\tb => ../b\n)\n", Edit(text, e => e.DropReplace("a", "v1.0.0")));
    }

    [Fact]
    public void AddRetract_writes_rationale_comments_and_DropRetract_matches_the_interval()
    {
        Assert.Equal("module m\n\n// broken\n// see issue 1\nretract [v1.0.0, v1.1.0]\n",
            Edit("module m\n", e => e.AddRetract(new VersionInterval("v1.0.0", "v1.1.0"), "broken\nsee issue 1")));
        Assert.Equal("module m\n\nretract v1.0.0\n",
            Edit("module m\n\nretract (\n\tv1.0.0\n\t[v1.1.0, v1.2.0] // bad\n)\n", e => e.DropRetract(new VersionInterval("v1.1.0", "v1.2.0"))));
        var editor = ModFileEditor.Open("go.mod", "module m\n");
        editor.AddRetract(VersionInterval.Single("v0.1.0"));
        Assert.Equal("v0.1.0", Assert.Single(editor.Model.Retract).Low);
    }

    [Fact]
    public void Tool_godebug_and_ignore_edits()
    {
        Assert.Equal("module m\n\ntool (\n\ta/cmd\n\tb/cmd\n)\n", Edit("module m\n\ntool b/cmd\n", e => e.AddTool("a/cmd")));
        Assert.Equal("module m\n", Edit("module m\n\ntool b/cmd\n", e => e.DropTool("b/cmd")));
        Assert.Equal("module m\n\ngodebug (\n\tx=2 // keep\n\ty=1\n)\n",
            Edit("module m\n\ngodebug (\n\tx=1 // keep\n\ty=1\n\tx=3\n)\n", e => e.AddGodebug("x", "2")));
        Assert.Equal("module m\n\ngodebug y=1\n", Edit("module m\n\ngodebug (\n\tx=1\n\ty=1\n)\n", e => e.DropGodebug("x")));
        Assert.Equal("module m\n\nignore ./node_modules\n", Edit("module m\n", e => e.AddIgnore("./node_modules")));
        Assert.Equal("module m\n", Edit("module m\n\nignore ./x\n", e => e.DropIgnore("./x")));
    }

    [Fact]
    public void SetRequire_keeps_first_line_per_path_and_adds_new_paths_to_the_last_block()
    {
        const string text = "module m\n\nrequire (\n\ta v1.0.0 // note\n\tb v1.0.0\n\ta v1.0.1\n)\n";
        var result = Edit(text, e => e.SetRequire([new("a", "v1.1.0", Indirect: true), new("c", "v0.1.0")]));
        Assert.Equal("module m\n\nrequire (\n\ta v1.1.0 // indirect; note\n\tc v0.1.0\n)\n", result);
    }

    [Fact]
    public void SetRequire_rejects_conflicting_versions()
    {
        var e = ModFileEditor.Open("go.mod", "module m\n");
        Assert.Throws<ModEditException>(() => e.SetRequire([new("a", "v1.0.0"), new("a", "v1.1.0")]));
    }

    [Fact]
    public void SetRequireSeparateIndirect_splits_one_flat_block_and_moves_changed_markers()
    {
        const string text = "module m\n\ngo 1.21\n\nrequire (\n\ta v1.0.0\n\tb v1.0.0 // indirect\n\tc v1.0.0\n)\n";
        var result = Edit(text, e => e.SetRequireSeparateIndirect(
            [new("a", "v1.0.0"), new("b", "v1.0.0", Indirect: true), new("c", "v1.0.0", Indirect: true), new("d", "v1.0.0")]));
        Assert.Equal("module m\n\ngo 1.21\n\nrequire (\n\ta v1.0.0\n\td v1.0.0\n)\n\nrequire (\n\tb v1.0.0 // indirect\n\tc v1.0.0 // indirect\n)\n", result);
    }

    [Fact]
    public void SetRequireSeparateIndirect_leaves_commented_blocks_alone()
    {
        const string text = "module m\n\n// pinned\nrequire (\n\ta v1.0.0\n)\n\nrequire b v1.0.0 // indirect\n";
        var result = Edit(text, e => e.SetRequireSeparateIndirect([new("a", "v1.0.0", Indirect: true), new("b", "v1.0.0"), new("c", "v1.0.0", Indirect: true)]));
        // b was a lone line (in no block), so modfile does not move it out of what became the indirect block.
        Assert.Equal("module m\n\n// pinned\nrequire a v1.0.0 // indirect\n\nrequire (\n\tb v1.0.0\n\tc v1.0.0 // indirect\n)\n", result);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("1.16", false)]
    [InlineData("1.17", true)]
    [InlineData("1.17rc1", true)]
    [InlineData("1.9", false)]
    [InlineData("1.21.0", true)]
    [InlineData("2.0", true)]
    public void UpdateRequirements_separates_indirect_from_go_1_17(string? go, bool separate) =>
        Assert.Equal(separate, ModFileEditor.UsesSeparateIndirectBlocks(go));
}
