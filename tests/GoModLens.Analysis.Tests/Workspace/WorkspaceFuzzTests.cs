using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Findings;
using GoModLens.Analysis.Workspace;
using GoModLens.ModFile.GoSum;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Tests;
using GoModLens.TestUtilities;

namespace GoModLens.Analysis.Tests.Workspace;

/// <summary>
/// Whatever a go.work says — the corpus of real and broken files, then random damage to them — reading the workspace,
/// its findings, its replacements and the go work use edit never throw (a throw would leave an editor without
/// diagnostics). The directories exist, so use and replace paths often resolve.
/// </summary>
public sealed class WorkspaceFuzzTests
{
    [Fact]
    public void Workspace_analysis_of_damaged_go_work_files_never_throws()
    {
        var ws = GoOracle.NewScratchDir("ws-fuzz");
        foreach (var (dir, go) in new[] { ("app", "1.22"), ("lib", "1.23"), ("a", "1.21"), ("dir", "1.99") })
        {
            Directory.CreateDirectory(Path.Combine(ws, dir));
            File.WriteAllText(Path.Combine(ws, dir, "go.mod"), $"module example.com/{dir}\n\ngo {go}\n\nreplace example.com/m => ../{dir}2\n");
        }

        var app = Path.Combine(ws, "app");
        var goWorkPath = Path.Combine(ws, "go.work");
        var model = ModFileParser.Parse("go.mod", "module example.com/app\n\ngo 1.22\n\nrequire example.com/m v1.0.0\n\nreplace example.com/m v1.0.0 => ../dir\n").Model;
        var corpus = Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests", "testdata", "corpus", "gowork"), "*.work")
            .Select(File.ReadAllText)
            .Append("go 1.22\nuse (\n\t./app\n\t./lib\n\t../dir\n\t\"./a\"\n)\nreplace example.com/m => ./dir\n")
            .Append("go 1.22\nuse \"./a\\x00b\"\nuse ./app\nreplace example.com/m => \"./d\\x00\"\n") // a quoted NUL is a valid go.work string
            .ToList();
        var rng = new Random(20261126);
        var runs = 0;
        foreach (var original in corpus)
        {
            for (var i = 0; i < 25; i++)
            {
                var text = i == 0 ? original : FuzzMutator.Mutate(original, rng, rng.Next(1, 6));
                var workspace = GoWorkspace.Load(goWorkPath, text, PhysicalGoEnvFileSystem.Instance, app);
                _ = workspace.Refusals(model, app, app);
                _ = WorkspaceFindings.ForGoWork(workspace, text);
                _ = WorkspaceFindings.From(workspace, model, "go.mod", app).ToList();
                _ = workspace.Replacement("example.com/m", "v1.0.0", model, app);
                _ = workspace.SumSet(p => GoSumFile.Parse(p, ""));
                _ = workspace.GoLine;
                _ = GoWorkEdits.Use(goWorkPath, text, Path.Combine(ws, "lib"), PhysicalGoEnvFileSystem.Instance);
                runs++;
            }
        }

        Assert.True(runs >= 1000, $"only {runs} inputs");
    }
}
