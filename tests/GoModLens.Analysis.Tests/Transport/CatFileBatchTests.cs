using System.Text;
using GoModLens.Infrastructure.Vcs;

namespace GoModLens.Analysis.Tests.Transport;

/// <summary>
/// <c>git cat-file --batch</c> output, from a real git where one is installed: sizes are bytes, so a go.mod with
/// non-ASCII text (a Deprecated: notice in another language) and a missing path must both come out whole.
/// </summary>
public sealed class CatFileBatchTests
{
    [Fact]
    public void Objects_missing_names_and_the_commit_time_come_out_of_a_real_git()
    {
        var dir = Directory.CreateTempSubdirectory("gomodlens-catfile-").FullName;
        try
        {
            var work = new TestUtilities.GitHost.GitWorkTree(dir);
            work.Git("init", "-q", "-b", "main");
            const string GoMod = "// Deprecated: utilisez example.test/neuf — ne plus mettre à jour.\nmodule example.test/vieux\n\ngo 1.21\n";
            work.Write("go.mod", GoMod).Commit("un");
            var input = "HEAD^{commit}\nHEAD^{commit}:go.mod\nHEAD^{commit}:v2/go.mod\n";
            var psi = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardInput = true, RedirectStandardOutput = true };
            psi.ArgumentList.Add("cat-file");
            psi.ArgumentList.Add("--batch");
            using var git = System.Diagnostics.Process.Start(psi)!;
            git.StandardInput.Write(input);
            git.StandardInput.Close();
            using var bytes = new MemoryStream();
            git.StandardOutput.BaseStream.CopyTo(bytes);
            git.WaitForExit();

            var entries = CatFileBatch.Parse(bytes.ToArray());

            Assert.Equal(3, entries.Count);
            Assert.Equal("commit", entries[0].Type);
            Assert.Equal(work.Head, entries[0].Name);
            Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), CatFileBatch.CommitTime(entries[0].Content)); // GitWorkTree's fixed date
            Assert.Equal(GoMod, Encoding.UTF8.GetString(entries[1].Content));
            Assert.Equal(("HEAD^{commit}:v2/go.mod", (string?)null), (entries[2].Name, entries[2].Type));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_truncated_answer_gives_fewer_entries_not_garbage()
    {
        var entries = CatFileBatch.Parse("0123 blob 10\nshort"u8);

        Assert.Single(entries);
        Assert.Null(entries[0].Type);
    }
}
