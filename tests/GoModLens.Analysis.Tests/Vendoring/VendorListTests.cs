using GoModLens.Analysis.Vendoring;
using GoModLens.ModFile.Semantics;

namespace GoModLens.Analysis.Tests.Vendoring;

/// <summary>vendor/modules.txt read as modload.readVendorList reads it, including the lines go skips.</summary>
public sealed class VendorListTests
{
    [Fact]
    public void Modules_annotations_replacements_and_packages_are_read_like_go()
    {
        var list = VendorList.Parse(
            "# example.com/a v1.0.0\n## explicit; go 1.21\nexample.com/a\nexample.com/a/sub\n"
            + "# example.com/b v1.2.0 => ./local/b\n## explicit\nexample.com/b\n"
            + "# example.com/c => example.com/c v1.3.0\n"
            + "# example.com/d v1.0.0 => example.com/e 2.0.0\n" // a replacement version go cannot read: ignored
            + "# example.com/noversion\n" // too few fields: the previous module stays current
            + "## explicit\n"
            + "# example.com/f v0.1.0\n## explicit\n"); // no packages: explicit, but not in the build list

        Assert.False(list.ForWorkspace);
        Assert.Equal([new ModPathVersion("example.com/a", "v1.0.0"), new ModPathVersion("example.com/b", "v1.2.0")], list.Modules);
        Assert.Equal(new VendorMetadata(true, null, "1.21"), list.Meta(new("example.com/a", "v1.0.0")));
        Assert.Equal(new ModPathVersion("./local/b", ""), list.Meta(new("example.com/b", "v1.2.0")).Replacement);
        Assert.Equal(new ModPathVersion("example.com/c", "v1.3.0"), list.Meta(new("example.com/c", "")).Replacement);
        Assert.False(list.Meta(new("example.com/c", "")).Explicit);
        Assert.True(list.Meta(new("example.com/d", "v1.0.0")).Explicit); // the "## explicit" after noversion belongs to d
        Assert.True(list.Meta(new("example.com/f", "v0.1.0")).Explicit);
        Assert.Null(list.Meta(new("example.com/d", "v1.0.0")).Replacement);
        Assert.Equal([new ModPathVersion("example.com/b", "v1.2.0"), new ModPathVersion("example.com/c", "")], list.Replaced);
        Assert.Equal("v1.0.0", list.VersionOf("example.com/a"));
        Assert.Null(list.VersionOf("example.com/f"));
        Assert.Equal(1, list.Lines[new("example.com/a", "v1.0.0")]);
    }

    [Fact]
    public void The_explicit_marker_after_a_module_line_go_skips_goes_to_the_module_before_it()
    {
        // go keeps the current module when a "# " line has fewer than three fields.
        var list = VendorList.Parse("# example.com/c => example.com/c v1.3.0\n# example.com/noversion\n## explicit\n");
        Assert.True(list.Meta(new("example.com/c", "")).Explicit);
    }

    [Fact]
    public void Crlf_line_ends_read_as_go_reads_them_and_the_workspace_header_is_seen()
    {
        var list = VendorList.Parse("## workspace\r\n# example.com/a v1.0.0\r\n## explicit; go 1.21\r\nexample.com/a\r\n");
        Assert.True(list.ForWorkspace);
        Assert.True(VendorList.IsForWorkspace("## workspace\r\n"));
        Assert.False(VendorList.IsForWorkspace("# example.com/a v1.0.0\n## workspace\n"));
        Assert.Equal(new VendorMetadata(true, null, "1.21"), list.Meta(new("example.com/a", "v1.0.0")));
        Assert.Equal([new ModPathVersion("example.com/a", "v1.0.0")], list.Modules);
    }

    [Fact]
    public void A_higher_version_of_a_path_later_in_the_file_is_the_vendored_one()
    {
        var list = VendorList.Parse("# example.com/a v1.0.0\nexample.com/a\n# example.com/a v1.2.0\nexample.com/a/x\n# example.com/a v1.1.0\nexample.com/a/y\n");
        Assert.Equal("v1.2.0", list.VersionOf("example.com/a"));
        Assert.Equal(2, list.Modules.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\0\0\0")]
    [InlineData("# \n## \n#\n")]
    [InlineData("## explicit\nexample.com/a\n")]
    [InlineData("# a b c d e f => => =>\n")]
    public void Damaged_files_never_throw(string text)
    {
        var list = VendorList.Parse(text);
        Assert.Empty(list.Modules);
    }
}
