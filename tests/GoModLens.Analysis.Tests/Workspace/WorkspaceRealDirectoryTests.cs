using System.Text.Json;
using GoModLens.Analysis.Workspace;
using GoModLens.TestUtilities;

namespace GoModLens.Analysis.Tests.Workspace;

/// <summary>Real temp directories (copied from tests/testdata/checkouts) and go 1.26 as the judge of the replace paths and go.work uses.</summary>
public sealed class WorkspaceRealDirectoryTests
{
    private static string CopyFixture()
    {
        var source = Path.Combine(RepoPaths.Root, "tests", "testdata", "checkouts");
        var target = Path.Combine(Path.GetTempPath(), "gomodlens-checkouts-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(source, file);
            // Fixture files are stored as go.mod.txt/go.work.txt so the repo's own go tooling never treats them as modules.
            var dest = Path.Combine(target, rel.EndsWith(".txt", StringComparison.Ordinal) ? rel[..^4] : rel);
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }

        return target;
    }

    [Fact]
    public void FindsCheckoutsOnDisk()
    {
        var root = CopyFixture();
        try
        {
            var app = Path.Combine(root, "ws", "app");
            var r = LocalCheckoutFinder.Default.Find(app, "example.com/lib",
                new CheckoutSearchOptions(SearchRoots: [Path.Combine(root, "elsewhere")], GoPath: Path.Combine(root, "gopath")));
            Assert.Equal(
                [("../lib", CheckoutSource.Sibling), ("../../elsewhere/deep/lib", CheckoutSource.SearchRoot), ("../../gopath/src/example.com/lib", CheckoutSource.GoPath)],
                r.Candidates.Select(c => (c.ReplacePath, c.Source)));
            Assert.DoesNotContain(r.Candidates, c => c.Directory.Contains("node_modules", StringComparison.Ordinal));

            var viaWork = LocalCheckoutFinder.Default.Find(app, "example.com/tools");
            var tools = Assert.Single(viaWork.Candidates);
            Assert.Equal(CheckoutSource.GoWorkUse, tools.Source);
            Assert.Equal("../shared/tools", tools.ReplacePath);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void UnreadableAndMissingDirectoriesAreQuiet()
    {
        var fs = PhysicalCheckoutFileSystem.Instance;
        Assert.Empty(fs.EnumerateDirectories("/definitely/not/here-" + Guid.NewGuid()));
        Assert.Null(fs.ReadPrefix("/definitely/not/here-" + Guid.NewGuid(), 10));
        var r = LocalCheckoutFinder.Default.Find("/definitely/not/here/app", "example.com/x",
            new CheckoutSearchOptions(SearchRoots: ["/definitely/not/here"], GoPath: "/nope"));
        Assert.Empty(r.Candidates);
    }

    [SkippableFact]
    public void GoAcceptsTheSuggestedReplacePathsAndReadsTheSameGoWorkUses()
    {
        GoOracle.Require();
        var root = CopyFixture();
        try
        {
            var app = Path.Combine(root, "ws", "app");
            var r = LocalCheckoutFinder.Default.Find(app, "example.com/lib",
                new CheckoutSearchOptions(SearchRoots: [Path.Combine(root, "elsewhere")], GoPath: Path.Combine(root, "gopath"), GoWorkPath: "off"));
            Assert.Equal(3, r.Candidates.Count);
            foreach (var c in r.Candidates)
            {
                File.WriteAllText(Path.Combine(app, "go.mod"), $"module example.com/app\n\ngo 1.21\n\nrequire example.com/lib v1.0.0\n\nreplace example.com/lib => {c.ReplacePath}\n");
                var result = GoOracle.Run(app, new Dictionary<string, string?> { ["GOWORK"] = "off" }, "list", "-m", "-json", "example.com/lib");
                Assert.True(result.ExitCode == 0, result.Stderr);
                using var json = JsonDocument.Parse(result.Stdout);
                var dir = json.RootElement.GetProperty("Replace").GetProperty("Dir").GetString();
                Assert.Equal(Path.GetFullPath(c.Directory), Path.GetFullPath(dir!));
            }

            var work = Path.Combine(root, "ws", "go.work");
            var edit = GoOracle.Run(Path.Combine(root, "ws"), null, "work", "edit", "-json", work);
            Assert.True(edit.ExitCode == 0, edit.Stderr);
            using var parsed = JsonDocument.Parse(edit.Stdout);
            var goUses = parsed.RootElement.GetProperty("Use").EnumerateArray().Select(u => u.GetProperty("DiskPath").GetString()).ToList();
            Assert.Equal(goUses, GoWorkFile.ParseUses(work, File.ReadAllText(work)).Select(u => u.Path));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
