using GoModLens.ModFile.GoSum;
using GoModLens.TestUtilities;

namespace GoModLens.ModFile.Tests;

public sealed class GoSumParserTests
{
    private static GoSumFile ParseFixture(string name) =>
        GoSumFile.Parse("go.sum", File.ReadAllText(Path.Combine(RepoPaths.TestData, "gosum", name)));

    [Fact]
    public void Malformed_fixture_gives_exact_positions()
    {
        var file = ParseFixture("malformed.sum");
        var d = file.Diagnostics.Select(x => (x.Code, x.Severity, x.Message, x.Span)).ToList();
        Assert.Equal(
            [
                (GoSumDiagnosticCodes.WrongNumberOfFields, GoSumSeverity.Error, "wrong number of fields 2", new GoSumSpan(5, 0, 20, 151, 171)),
                (GoSumDiagnosticCodes.WrongNumberOfFields, GoSumSeverity.Error, "wrong number of fields 2", new GoSumSpan(6, 0, 12, 172, 184)),
                (GoSumDiagnosticCodes.WrongNumberOfFields, GoSumSeverity.Error, "wrong number of fields 4", new GoSumSpan(7, 0, 34, 185, 219)),
                (GoSumDiagnosticCodes.UnknownHashAlgorithm, GoSumSeverity.Warning, "unknown hash algorithm \"h2\"; go only uses \"h1:\" hashes and ignores this one", new GoSumSpan(8, 21, 68, 241, 288)),
                (GoSumDiagnosticCodes.MalformedH1Hash, GoSumSeverity.Warning, "malformed h1 hash: want \"h1:\" and 44 base64 characters of a SHA-256; verification will always fail", new GoSumSpan(9, 21, 30, 310, 319)),
                (GoSumDiagnosticCodes.DuplicateLine, GoSumSeverity.Information, "duplicate of line 1", new GoSumSpan(10, 0, 68, 320, 388)),
                (GoSumDiagnosticCodes.ConflictingHash, GoSumSeverity.Warning, "conflicting hash for example.com/a v1.0.0: line 1 has h1:EeWR6P+slIlp32T8Mmz3oBuGrpccut+mugjrNCe6eoU=", new GoSumSpan(11, 21, 68, 410, 457)),
                (GoSumDiagnosticCodes.EmptyGoModHash, GoSumSeverity.Information, "hash of an empty go.mod (written by an old go bug); go ignores this line", new GoSumSpan(12, 0, 77, 458, 535)),
                (GoSumDiagnosticCodes.WrongNumberOfFields, GoSumSeverity.Error, "wrong number of fields 2", new GoSumSpan(14, 0, 23, 604, 627)),
            ],
            d);
        Assert.Equal("malformed go.sum:\ngo.sum:5: wrong number of fields 2\n", file.Diagnostics[0].GoMessage);
        Assert.True(file.HasErrors);

        Assert.Equal([1, 2, 8, 9, 10, 11, 12, 13], file.Lines.Select(l => l.Line));
        var first = file.Lines[0];
        Assert.Equal(new GoSumSpan(1, 0, 13, 0, 13), first.ModulePath.Span);
        Assert.Equal(new GoSumSpan(1, 14, 20, 14, 20), first.Version.Span);
        Assert.Equal(new GoSumSpan(1, 21, 68, 21, 68), first.Hash.Span); // the CR is white space, not part of the hash
        var emoji = file.Lines[^1];
        Assert.Equal("😀.example/m", emoji.ModulePath.Text);
        Assert.Equal(new GoSumSpan(13, 0, 12, 536, 548), emoji.ModulePath.Span); // U+1F600 is two UTF-16 units
        Assert.Equal(new GoSumSpan(13, 13, 19, 549, 555), emoji.Version.Span); // U+00A0 separates fields, as in go
        Assert.Equal(new GoSumSpan(13, 20, 67, 556, 603), emoji.Hash.Span);
        var text = file.Text;
        foreach (var line in file.Lines)
        {
            foreach (var f in new[] { line.ModulePath, line.Version, line.Hash })
            {
                Assert.Equal(f.Text, text[f.Span.Start..f.Span.End]);
            }
        }
    }

    [Fact]
    public void Lookup_by_path_and_version()
    {
        var file = ParseFixture("malformed.sum");
        Assert.Equal(
            ["h1:EeWR6P+slIlp32T8Mmz3oBuGrpccut+mugjrNCe6eoU=", "h1:puktbylvNrv+oFLeQJmb3Dh3iJjAgKPiMvPbXFbx3gM="],
            file.GetHashes("example.com/a", "v1.0.0").ToArray());
        Assert.Equal(["h1:ardS+jmQsYnoRRZkWjwwNbjGZlgvd5vRfIJfH2MqWRU="], file.GetHashes("example.com/a", "v1.0.0/go.mod").ToArray());
        Assert.True(file.Lines[1].IsGoModHash);
        Assert.Equal("v1.0.0", file.Lines[1].ModuleVersion);
        Assert.Empty(file.GetHashes("example.com/old", "v1.0.0/go.mod")); // dropped like go's readGoSum
        Assert.False(file.Contains("example.com/old", "v1.0.0/go.mod"));
        Assert.Single(file.FindLines("example.com/old", "v1.0.0/go.mod"));
        Assert.Empty(file.GetHashes("example.com/b", "v1.0.0")); // malformed lines contribute nothing
        Assert.Equal(3, file.FindLines("example.com/a", "v1.0.0").Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n")]
    [InlineData("\n\n\n")]
    [InlineData("   ")]
    public void Blank_files_have_no_lines_and_no_diagnostics(string text)
    {
        var file = GoSumFile.Parse("go.sum", text);
        Assert.Empty(file.Lines);
        Assert.Empty(file.Diagnostics);
    }

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public bool Parsing_random_text_never_throws_and_spans_point_at_their_text(string? text)
    {
        var file = GoSumFile.Parse("go.sum", text ?? "");
        foreach (var line in file.Lines)
        {
            foreach (var f in new[] { line.ModulePath, line.Version, line.Hash })
            {
                if (file.Text[f.Span.Start..f.Span.End] != f.Text)
                {
                    return false;
                }
            }
        }

        return file.Diagnostics.All(d => d.Span.End <= file.Text.Length);
    }
}
