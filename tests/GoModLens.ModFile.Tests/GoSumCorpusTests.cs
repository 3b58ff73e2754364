using GoModLens.ModFile.GoSum;
using GoModLens.TestUtilities;

namespace GoModLens.ModFile.Tests;

/// <summary>The real-world go.sum corpus: our reader against go 1.26's own readGoSum.</summary>
public sealed class GoSumCorpusTests
{
    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(RepoPaths.Corpus("gosum")).Order(StringComparer.Ordinal))
        {
            data.Add("gosum/" + Path.GetFileName(f));
        }

        foreach (var f in Directory.EnumerateFiles(RepoPaths.Corpus("invalid"), "*.sum").Order(StringComparer.Ordinal))
        {
            data.Add("invalid/" + Path.GetFileName(f));
        }

        return data;
    }

    [Fact]
    public void Every_corpus_file_parses_and_counts_add_up()
    {
        var files = Directory.EnumerateFiles(RepoPaths.Corpus("gosum")).ToList();
        Assert.True(files.Count >= 50);
        var totalLines = 0;
        foreach (var path in files)
        {
            var text = File.ReadAllText(path);
            var file = GoSumFile.Parse(path, text);
            Assert.False(file.HasErrors, path + ": " + string.Join("; ", file.Diagnostics.Select(d => d.Span + " " + d.Message)));
            var nonBlank = text.Split('\n').Count(l => !string.IsNullOrWhiteSpace(l));
            Assert.Equal(nonBlank, file.Lines.Length);
            Assert.All(file.Lines, l => Assert.StartsWith("h1:", l.Hash.Text, StringComparison.Ordinal));
            totalLines += file.Lines.Length;
        }

        Assert.True(totalLines > 20_000, "total " + totalLines);
    }

    [Fact]
    public void Spot_checks()
    {
        var caddy = GoSumFile.Parse("go.sum", File.ReadAllText(Path.Combine(RepoPaths.Corpus("gosum"), "caddyserver__caddy__go.sum.sum")));
        Assert.NotEmpty(caddy.Lines);
        Assert.Equal(caddy.Lines.Length, caddy.Lines.Count(l => l.IsGoModHash) + caddy.Lines.Count(l => !l.IsGoModHash));
        Assert.All(caddy.Keys, k => Assert.NotEmpty(caddy.GetHashes(k.Path, k.Version)));

        var truncated = GoSumFile.Parse("go.sum", File.ReadAllText(Path.Combine(RepoPaths.Corpus("invalid"), "apache__dubbo-go__tools__cli__example__server__go.sum@d385de50d0a6.sum")));
        // The hash lost its last character: still three fields, so go reads it; only verification would fail.
        Assert.False(truncated.HasErrors);
        var bad = Assert.Single(truncated.Diagnostics);
        Assert.Equal(GoSumDiagnosticCodes.MalformedH1Hash, bad.Code);
        Assert.Equal("h1:uGdkoq3SwY9Y+13GIhn11/XLaGBb4BfwItxLd5jeuXE", truncated.Text[bad.Span.Start..bad.Span.End]);

        var conflict = GoSumFile.Parse("go.sum", File.ReadAllText(Path.Combine(RepoPaths.Corpus("invalid"), "1Panel-dev__1Panel__go.sum@3ca1e97469f7.sum")));
        var firstError = conflict.Diagnostics.First(d => d.Severity == GoSumSeverity.Error);
        Assert.Equal(new GoSumSpan(129, 0, 19, firstError.Span.Start, firstError.Span.Start + 19), firstError.Span); // "<<<<<<< HEAD:go.sum"
        Assert.Equal("wrong number of fields 2", firstError.Message);
    }

    /// <summary>go reads go.sum before anything else in `go list -m all` when go.mod has a requirement.</summary>
    [SkippableTheory]
    [MemberData(nameof(CorpusFiles))]
    public void Go_accepts_or_rejects_the_same_way(string relative)
    {
        GoOracle.Require();
        var source = Path.Combine(RepoPaths.TestData, "corpus", relative);
        var work = GoOracle.NewScratchDir("gosum");
        File.WriteAllText(Path.Combine(work, "go.mod"), "module example.com/w\n\ngo 1.22\n\nrequire example.com/dep v1.0.0\n");
        var sumPath = Path.Combine(work, "go.sum");
        File.Copy(source, sumPath);
        var ours = GoSumFile.Parse(sumPath, File.ReadAllText(source));
        var result = GoOracle.Run(work, null, "list", "-m", "all");
        Assert.NotEqual(0, result.ExitCode); // either malformed go.sum or GOPROXY=off
        var firstError = ours.Diagnostics.FirstOrDefault(d => d.Severity == GoSumSeverity.Error);
        if (result.Stderr.StartsWith("malformed go.sum:", StringComparison.Ordinal))
        {
            Assert.NotNull(firstError);
            Assert.Equal(firstError.GoMessage, result.Stderr);
        }
        else
        {
            Assert.Null(firstError);
        }
    }

    [SkippableFact]
    public void Go_reports_the_fixture_like_we_do()
    {
        GoOracle.Require();
        var work = GoOracle.NewScratchDir("gosumfx");
        File.WriteAllText(Path.Combine(work, "go.mod"), "module example.com/w\n\ngo 1.22\n\nrequire example.com/dep v1.0.0\n");
        var sumPath = Path.Combine(work, "go.sum");
        File.Copy(Path.Combine(RepoPaths.TestData, "gosum", "malformed.sum"), sumPath);
        var result = GoOracle.Run(work, null, "list", "-m", "all");
        var ours = GoSumFile.Parse(sumPath, File.ReadAllText(sumPath));
        Assert.Equal(ours.Diagnostics[0].GoMessage, result.Stderr);
    }
}
