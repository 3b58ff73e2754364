using GoModLens.Analysis.Workspace;
using Microsoft.Extensions.Time.Testing;

namespace GoModLens.Analysis.Tests.Workspace;

public sealed class WorkspaceUnitTests
{
    private static CheckoutSearchOptions NoGoWork(IReadOnlyList<string>? roots = null, string? goPath = null) =>
        new(SearchRoots: roots, GoPath: goPath, GoWorkPath: "off");

    [Fact]
    public void FindsSiblingByDeclaredPathNotByDirectoryName()
    {
        var fs = new MemoryCheckoutFileSystem()
            .Module("/src/app", "example.com/app")
            .Module("/src/lib-checkout", "example.com/lib")
            .Module("/src/lib", "example.com/something-else");
        var r = new LocalCheckoutFinder(fs).Find("/src/app", "example.com/lib", NoGoWork());
        var c = Assert.Single(r.Candidates);
        Assert.Equal("/src/lib-checkout", c.Directory);
        Assert.Equal("../lib-checkout", c.ReplacePath);
        Assert.Equal(CheckoutSource.Sibling, c.Source);
        Assert.Equal(2, c.Distance);
    }

    [Fact]
    public void NeverSuggestsTheModuleItself()
    {
        var fs = new MemoryCheckoutFileSystem().Module("/src/app", "example.com/app");
        Assert.Empty(new LocalCheckoutFinder(fs).Find("/src/app", "example.com/app", NoGoWork(["/src"])).Candidates);
    }

    [Fact]
    public void GoWorkUseMembersSingleAndBlockAndQuoted()
    {
        var fs = new MemoryCheckoutFileSystem()
            .File("/ws/go.work", "go 1.22\n\nuse ./app\nuse (\n\t./libs/one // comment\n\t\"./libs/two words\"\n\t../outside\n)\nreplace x => ./y\n")
            .Module("/ws/app", "example.com/app")
            .Module("/ws/libs/one", "example.com/one")
            .Module("/ws/libs/two words", "example.com/two")
            .Module("/outside", "example.com/two");
        var uses = GoWorkFile.ParseUses("/ws/go.work", fs.ReadPrefix("/ws/go.work", 10000)!);
        Assert.Equal(["./app", "./libs/one", "./libs/two words", "../outside"], uses.Select(u => u.Path));
        Assert.Equal(3, uses[0].Range!.Value.Start.Line);

        var r = new LocalCheckoutFinder(fs).Find("/ws/app", "example.com/two");
        // Both are three steps away: ties break by source, then by path.
        Assert.Equal(["../../outside", "../libs/two words"], r.Candidates.Select(c => c.ReplacePath));
        Assert.All(r.Candidates, c => Assert.Equal(CheckoutSource.GoWorkUse, c.Source));
    }

    [Fact]
    public void GoWorkIsFoundUpwardsAndCanBeTurnedOff()
    {
        var fs = new MemoryCheckoutFileSystem()
            .File("/ws/go.work", "use ./a/b/app\nuse ./lib\n")
            .Module("/ws/a/b/app", "example.com/app")
            .Module("/ws/lib", "example.com/lib");
        var finder = new LocalCheckoutFinder(fs);
        Assert.Equal("/ws/go.work", GoWorkFile.Locate(fs, "/ws/a/b/app"));
        Assert.Equal("../../../lib", Assert.Single(finder.Find("/ws/a/b/app", "example.com/lib").Candidates).ReplacePath);
        Assert.Empty(finder.Find("/ws/a/b/app", "example.com/lib", new CheckoutSearchOptions(GoWorkPath: "off")).Candidates);
        Assert.Single(finder.Find("/ws/a/b/app", "example.com/lib", new CheckoutSearchOptions(GoWorkPath: "auto")).Candidates);
    }

    [Theory]
    [InlineData("use")]
    [InlineData("use (\n")]
    [InlineData("use \"unterminated\n")]
    [InlineData("use a b\n")]
    [InlineData("\u0000\u00ff garbage (((")]
    [InlineData("")]
    public void GoWorkGarbageNeverThrows(string text) => Assert.Empty(GoWorkFile.ParseUses("go.work", text));

    [Fact]
    public void GoPathSrcIncludingMajorVersionStrippedDirectory()
    {
        var fs = new MemoryCheckoutFileSystem()
            .Module("/gp/src/example.com/lib", "example.com/lib/v2")
            .Module("/gp2/src/example.com/lib/v2", "example.com/lib/v2")
            .Module("/home/u/app", "example.com/app");
        var r = new LocalCheckoutFinder(fs).Find("/home/u/app", "example.com/lib/v2", NoGoWork(goPath: "/gp" + Path.PathSeparator + "/gp2"));
        Assert.Equal(["/gp/src/example.com/lib", "/gp2/src/example.com/lib/v2"], r.Candidates.Select(c => c.Directory));
        Assert.Equal("../../../gp/src/example.com/lib", r.Candidates[0].ReplacePath);
        Assert.All(r.Candidates, c => Assert.Equal(CheckoutSource.GoPath, c.Source));
    }

    [Fact]
    public void SearchRootsAreDepthLimitedAndSkipVendoredAndHiddenTrees()
    {
        var fs = new MemoryCheckoutFileSystem()
            .Module("/home/u/app", "example.com/app")
            .Module("/code/a/lib", "example.com/lib")
            .Module("/code/a/b/c/lib", "example.com/lib")
            .Module("/code/node_modules/lib", "example.com/lib")
            .Module("/code/x/vendor/lib", "example.com/lib")
            .Module("/code/.git/lib", "example.com/lib")
            .Module("/code/_old/lib", "example.com/lib")
            .Module("/code/p/testdata/lib", "example.com/lib");
        var finder = new LocalCheckoutFinder(fs);
        var shallow = finder.Find("/home/u/app", "example.com/lib", new CheckoutSearchOptions(SearchRoots: ["/code"], GoWorkPath: "off", MaxDepth: 2));
        Assert.Equal(["/code/a/lib"], shallow.Candidates.Select(c => c.Directory));
        var deep = finder.Find("/home/u/app", "example.com/lib", new CheckoutSearchOptions(SearchRoots: ["/code"], GoWorkPath: "off", MaxDepth: 4));
        Assert.Equal(["/code/a/lib", "/code/a/b/c/lib"], deep.Candidates.Select(c => c.Directory));
        Assert.DoesNotContain(fs.Listed, d => d.Contains("node_modules", StringComparison.Ordinal) || d.Contains("/.git", StringComparison.Ordinal) || d.Contains("vendor", StringComparison.Ordinal));
        Assert.False(deep.Truncated);
    }

    [Fact]
    public void ClosestFirstThenSourceOrder()
    {
        var fs = new MemoryCheckoutFileSystem()
            .File("/src/go.work", "use ./app\nuse ./deep/nested/lib\n")
            .Module("/src/app", "example.com/app")
            .Module("/src/lib", "example.com/lib")
            .Module("/src/deep/nested/lib", "example.com/lib")
            .Module("/src/app/third_party/lib", "example.com/lib");
        var r = new LocalCheckoutFinder(fs).Find("/src/app", "example.com/lib", new CheckoutSearchOptions(SearchRoots: ["/src/app"]));
        Assert.Equal(["../lib", "./third_party/lib", "../deep/nested/lib"], r.Candidates.Select(c => c.ReplacePath));
        Assert.Equal([CheckoutSource.Sibling, CheckoutSource.SearchRoot, CheckoutSource.GoWorkUse], r.Candidates.Select(c => c.Source));
    }

    [Fact]
    public void TimeBudgetStopsTheWalkAndSaysSo()
    {
        var clock = new FakeTimeProvider();
        var fs = new MemoryCheckoutFileSystem { Clock = clock, ListingCost = TimeSpan.FromMilliseconds(100) }
            .Module("/home/u/app", "example.com/app");
        for (var i = 0; i < 50; i++)
        {
            fs.Module($"/code/d{i:00}/x", "example.com/other");
        }

        fs.Module("/code/d49/lib", "example.com/lib");
        var r = new LocalCheckoutFinder(fs, clock).Find("/home/u/app", "example.com/lib",
            new CheckoutSearchOptions(SearchRoots: ["/code"], GoWorkPath: "off", Budget: TimeSpan.FromSeconds(1)));
        Assert.True(r.Truncated);
        Assert.True(fs.Listed.Count <= 13, $"listed {fs.Listed.Count} directories within a 1 s budget at 100 ms each");
        Assert.Empty(r.Candidates);
        var capped = new LocalCheckoutFinder(new MemoryCheckoutFileSystem().Module("/a/app", "m").Module("/r/x/y", "n")).Find("/a/app", "n",
            new CheckoutSearchOptions(SearchRoots: ["/r"], GoWorkPath: "off", MaxDirectories: 1));
        Assert.True(capped.Truncated);
    }

    [Fact]
    public void OnlyTheFirstBytesOfAGoModAreRead()
    {
        var padding = new string('/', 20000);
        var fs = new MemoryCheckoutFileSystem()
            .Module("/s/app", "example.com/app")
            .File("/s/top/go.mod", "module example.com/lib\n\n// " + padding + "\n")
            .File("/s/late/go.mod", "// " + padding + "\nmodule example.com/lib\n")
            .File("/s/quoted/go.mod", "module \"example.com/lib\"\n");
        var r = new LocalCheckoutFinder(fs).Find("/s/app", "example.com/lib", new CheckoutSearchOptions(GoWorkPath: "off", MaxGoModBytes: 4096));
        Assert.Equal(["../quoted", "../top"], r.Candidates.Select(c => c.ReplacePath));
    }

    [Theory]
    [InlineData("/a/app", "/a/lib", "../lib", 2)]
    [InlineData("/a/app", "/a/app/sub/lib", "./sub/lib", 2)]
    [InlineData("/a/b/app", "/x", "../../../x", 4)]
    [InlineData("/a/app", "/a", "..", 1)]
    public void RelativeReplacePaths(string from, string to, string expected, int distance)
    {
        Assert.Equal((expected, distance), LocalCheckoutFinder.Relative(from, to));
    }
}
