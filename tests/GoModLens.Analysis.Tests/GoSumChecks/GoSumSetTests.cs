using GoModLens.Analysis.GoSum;
using GoModLens.ModFile.GoSum;

namespace GoModLens.Analysis.Tests.GoSumChecks;

/// <summary>
/// go's haveModSumLocked over the sum files of a workspace, rule by rule (the differential against go build is
/// GoSumWorkspaceDifferentialTests); these cover the corners go refuses before it gets there or names by file.
/// </summary>
public sealed class GoSumSetTests
{
    private static readonly ModuleVersionKey Foo = new("example.com/foo", "v1.0.0");
    private const string Right = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    private const string Wrong = "h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=";

    private static GoSumFile Sum(string path, params string[] hashes) =>
        GoSumFile.Parse(path, string.Concat(hashes.Select(h => $"example.com/foo v1.0.0 {h}\n")));

    private static ModuleZipHash Zip => new(Foo, Right, null, "test", 1, 0, TimeSpan.Zero, FromRepository: false);

    [Fact]
    public void The_main_files_first_line_settles_it_whatever_the_modules_say()
    {
        var sums = GoSumSet.ForWorkspace(Sum("/ws/go.work.sum", Right, Wrong), "/ws/go.work.sum", [new LabeledGoSum(Sum("/ws/a/go.sum", Wrong), "/ws/a/go.sum")]);
        Assert.Equal(GoModVerificationStatus.Verified, GoSumChecker.VerifyZipHash(sums, Foo, Right).Status);
        Assert.Empty(GoSumChecker.Mismatches(sums, null, [Zip]));
    }

    [Fact]
    public void Past_the_main_file_every_other_hash_in_any_module_is_a_mismatch_each_in_its_file()
    {
        var a = Sum("/ws/a/go.sum", Right, Wrong);
        var b = Sum("/ws/b/go.sum", Wrong);
        var sums = GoSumSet.ForWorkspace(GoSumFile.Absent("/ws/go.work.sum"), "/ws/go.work.sum", [new LabeledGoSum(a, "/ws/a/go.sum"), new LabeledGoSum(b, "/ws/b/go.sum")]);

        var v = GoSumChecker.VerifyZipHash(sums, Foo, Right);
        Assert.Equal(GoModVerificationStatus.Mismatch, v.Status);
        Assert.Contains("\n\t/ws/a/go.sum:     " + Wrong + "\n", v.GoMessage, StringComparison.Ordinal);
        Assert.Equal([("/ws/a/go.sum", 2), ("/ws/b/go.sum", 1)], GoSumChecker.Mismatches(sums, null, [Zip]).Select(f => (f.FileName, f.Range.Start.Line)));
        Assert.Equal([("/ws/b/go.sum", 1)], GoSumChecker.Mismatches(sums, null, [Zip], only: b).Select(f => (f.FileName, f.Range.Start.Line)));
    }

    [Fact]
    public void A_directory_listed_twice_counts_once_and_a_go_work_of_another_name_is_go_sum_to_go()
    {
        var a = Sum("/ws/a/go.sum", Wrong);
        var twice = GoSumSet.ForWorkspace(GoSumFile.Absent("/ws/go.work.sum"), "/ws/go.work.sum", [new LabeledGoSum(a, "/ws/a/go.sum"), new LabeledGoSum(a, "/ws/a/go.sum")]);
        Assert.Single(GoSumChecker.Mismatches(twice, null, [Zip]));

        // GOWORK=/ws/dev.work: go's sum file is /ws/dev.work.sum, and it calls it "go.sum" in messages.
        var other = GoSumSet.ForWorkspace(Sum("/ws/dev.work.sum", Wrong), "/ws/dev.work.sum", []);
        Assert.Contains("\n\tgo.sum:     " + Wrong, GoSumChecker.VerifyZipHash(other, Foo, Right).GoMessage, StringComparison.Ordinal);
        Assert.Equal("go.work.sum", GoSumSet.ForWorkspace(GoSumFile.Absent("/ws/go.work.sum"), "/ws/go.work.sum", []).MainLabel);
    }

    [Fact]
    public void Module_mode_is_the_go_sum_alone()
    {
        var sums = GoSumSet.Module(Sum("go.sum", Wrong, Right));
        Assert.Equal("go.sum", sums.MainLabel);
        Assert.Contains("\n\tgo.sum:     " + Wrong, GoSumChecker.VerifyZipHash(sums, Foo, Right).GoMessage, StringComparison.Ordinal);
        Assert.Equal(GoModVerificationStatus.NoEntry, GoSumChecker.VerifyZipHash(GoSumSet.Module(GoSumFile.Absent("go.sum")), Foo, Right).Status);
    }
}
