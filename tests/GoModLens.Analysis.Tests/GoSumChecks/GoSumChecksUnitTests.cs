using System.Text;
using GoModLens.Analysis.Findings;
using GoModLens.Analysis.GoSum;
using GoModLens.ModFile.GoSum;
using GoModLens.ModFile.Semantics;

namespace GoModLens.Analysis.Tests.GoSumChecks;

public sealed class GoSumChecksUnitTests
{
    private const string FooMod = "module example.com/foo\n\ngo 1.18\n";

    private static readonly string s_fooModHash = DirHash.HashGoMod(Encoding.UTF8.GetBytes(FooMod));

    private static GoModFile Mod(string text) => ModFileParser.Parse("/w/go.mod", text).Model;

    [Fact]
    public void MalformedLineMapsToErrorWithGosTextAndExactRange()
    {
        var sum = GoSumFile.Parse("/w/go.sum", "example.com/foo v1.0.0 " + s_fooModHash + "\nexample.com/foo v1.0.0/go.mod\n");
        var f = Assert.Single(GoSumChecker.Check(sum));
        Assert.Equal(GoSumFindingCodes.WrongNumberOfFields, f.Code);
        Assert.Equal(FindingSeverity.Error, f.Severity);
        Assert.Equal("/w/go.sum", f.FileName);
        Assert.Equal("malformed go.sum:\n/w/go.sum:2: wrong number of fields 2", f.GoMessage);
        Assert.Equal(2, f.Range.Start.Line);
        Assert.Equal(0, f.Range.Start.Utf16Column);
        Assert.Equal("example.com/foo v1.0.0/go.mod".Length, f.Range.End.Utf16Column);
    }

    [Fact]
    public void RangesCountBytesAndRunesAfterNonAsciiLines()
    {
        // Line 1 has a two-byte 'é' and a four-byte emoji; line 2's byte offset must count them as go does.
        var text = "é 😀\nexample.com/foo v1.0.0/go.mod\n";
        var sum = GoSumFile.Parse("go.sum", text);
        var findings = GoSumChecker.Check(sum);
        Assert.Equal(2, findings.Count);
        var first = findings[0];
        Assert.Equal(1, first.Range.Start.Line);
        Assert.Equal(4, first.Range.End.LineRune); // three runes before the end, 1-based
        var second = findings[1];
        Assert.Equal(Encoding.UTF8.GetByteCount("é 😀\n"), second.Range.Start.Byte);
        Assert.Equal(text.IndexOf("example", StringComparison.Ordinal), second.Range.Start.Utf16Offset);
    }

    [Fact]
    public void DuplicateLineOffersWholeLineDeletion()
    {
        var line = "example.com/foo v1.0.0/go.mod " + s_fooModHash + "\n";
        var text = line + line;
        var sum = GoSumFile.Parse("go.sum", text);
        var f = Assert.Single(GoSumChecker.Check(sum));
        Assert.Equal(GoSumFindingCodes.DuplicateLine, f.Code);
        Assert.Equal(FindingSeverity.Information, f.Severity);
        var fix = Assert.IsType<RemoveGoSumLine>(Assert.Single(f.Fixes));
        var edit = Assert.Single(fix.Edits);
        Assert.Equal(line.Length, edit.Range.Start.Utf16Offset);
        Assert.Equal(text.Length, edit.Range.End.Utf16Offset);
        Assert.Equal("", edit.NewText);
        Assert.Equal(line, text[edit.Range.Start.Utf16Offset..edit.Range.End.Utf16Offset]);
    }

    [Fact]
    public void ConflictingHashIsAWarningOnTheSecondHash()
    {
        var other = DirHash.HashGoMod("module x\n"u8.ToArray());
        var text = "example.com/foo v1.0.0/go.mod " + s_fooModHash + "\nexample.com/foo v1.0.0/go.mod " + other + "\n";
        var f = Assert.Single(GoSumChecker.Check(GoSumFile.Parse("go.sum", text)));
        Assert.Equal(GoSumFindingCodes.ConflictingHash, f.Code);
        Assert.Equal(2, f.Range.Start.Line);
        Assert.Equal(text.IndexOf(other, StringComparison.Ordinal), f.Range.Start.Utf16Offset);
    }

    [Fact]
    public void MissingGoModEntryPointsAtTheRequirePathInGoMod()
    {
        var gomod = "module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/foo v1.0.0\n\texample.com/bar v0.1.0 // indirect\n)\n";
        var sum = GoSumFile.Parse("go.sum", "example.com/foo v1.0.0/go.mod " + s_fooModHash + "\n");
        var f = Assert.Single(GoSumChecker.Check(sum, Mod(gomod)), f => f.Severity == FindingSeverity.Error);
        Assert.Equal(GoSumFindingCodes.MissingGoModEntry, f.Code);
        Assert.Equal("/w/go.mod", f.FileName);
        Assert.Equal("example.com/bar", f.ModulePath);
        Assert.Equal("example.com/bar", gomod[f.Range.Start.Utf16Offset..f.Range.End.Utf16Offset]);
        Assert.Equal("example.com/bar@v0.1.0: missing go.sum entry for go.mod file; to add it:\n\tgo mod download example.com/bar", f.GoMessage);
        var fix = Assert.IsType<RunGoCommand>(Assert.Single(f.Fixes));
        Assert.Equal("go mod download example.com/bar", fix.Command);
    }

    [Fact]
    public void A_direct_require_without_its_module_hash_is_a_warning_from_go_1_17_on_and_only_after_its_go_mod_hash()
    {
        var sum = GoSumFile.Parse("go.sum", "example.com/foo v1.0.0/go.mod " + s_fooModHash + "\n");
        var direct = "module example.com/m\n\ngo 1.21\n\nrequire example.com/foo v1.0.0\n";
        var f = Assert.Single(GoSumChecker.Check(sum, Mod(direct)));
        Assert.Equal(GoSumFindingCodes.MissingModuleEntry, f.Code);
        Assert.Equal(FindingSeverity.Warning, f.Severity);
        Assert.Equal("example.com/foo", direct[f.Range.Start.Utf16Offset..f.Range.End.Utf16Offset]);
        Assert.Equal("go mod download example.com/foo", Assert.IsType<RunGoCommand>(Assert.Single(f.Fixes)).Command);

        Assert.Empty(GoSumChecker.Check(sum, Mod(direct.Replace("go 1.21", "go 1.16", StringComparison.Ordinal)))); // markers unreliable before 1.17
        Assert.Empty(GoSumChecker.Check(sum, Mod(direct.Replace("v1.0.0\n", "v1.0.0 // indirect\n", StringComparison.Ordinal))));
        Assert.Empty(GoSumChecker.Check(GoSumFile.Parse("go.sum", sum.Text + "example.com/foo v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"), Mod(direct)));
        Assert.Empty(GoSumChecker.Check(sum, Mod(direct + "\nreplace example.com/foo => ../foo\n"))); // a directory has no hash
        var bothMissing = Assert.Single(GoSumChecker.Check(GoSumFile.Parse("go.sum", ""), Mod(direct)));
        Assert.Equal(GoSumFindingCodes.MissingGoModEntry, bothMissing.Code); // go stops at the go.mod's first
    }

    [Fact]
    public void SingleLineRequireRangeSkipsTheVerb()
    {
        var gomod = "module example.com/m\n\nrequire example.com/foo v1.0.0\n";
        var f = Assert.Single(GoSumChecker.Check(GoSumFile.Parse("go.sum", ""), Mod(gomod)));
        Assert.Equal("example.com/foo", gomod[f.Range.Start.Utf16Offset..f.Range.End.Utf16Offset]);
    }

    [Fact]
    public void ReplacementNeedsTheReplacementsEntryAndSaysSo()
    {
        var gomod = "module example.com/m\n\nrequire example.com/foo v1.0.0\n\nreplace example.com/foo => example.com/bar v0.1.0\n";
        var sum = GoSumFile.Parse("go.sum", "example.com/foo v1.0.0/go.mod " + s_fooModHash + "\n");
        var f = Assert.Single(GoSumChecker.Check(sum, Mod(gomod)));
        Assert.Equal("example.com/foo@v1.0.0 (replaced by example.com/bar@v0.1.0): missing go.sum entry for go.mod file; to add it:\n\tgo mod download example.com/foo", f.GoMessage);
        Assert.Contains(f.Related, r => r.Range is { Start.Line: 5 });
    }

    [Fact]
    public void ExactVersionReplaceWinsOverPathReplaceAndLaterLinesWin()
    {
        var gomod = "module example.com/m\n\nrequire example.com/foo v1.0.0\n\nreplace example.com/foo => example.com/a v0.1.0\nreplace example.com/foo v1.0.0 => example.com/b v0.1.0\nreplace example.com/foo v1.0.0 => example.com/c v0.1.0\nreplace example.com/foo => example.com/d v0.1.0\n";
        var need = Assert.Single(GoSumChecker.RequiredGoModSums(Mod(gomod)));
        Assert.Equal(new ModuleVersionKey("example.com/c", "v0.1.0"), need.Target);
    }

    [Fact]
    public void DirectoryReplacementAndExcludedVersionNeedNoEntry()
    {
        var gomod = "module example.com/m\n\nrequire (\n\texample.com/foo v1.0.0\n\texample.com/bar v0.1.0\n)\n\nreplace example.com/foo => ../foo\n\nexclude example.com/bar v0.1.0\n";
        Assert.Empty(GoSumChecker.RequiredGoModSums(Mod(gomod)));
        Assert.Empty(GoSumChecker.Check(GoSumFile.Parse("go.sum", ""), Mod(gomod)));
    }

    [Theory]
    [InlineData("example.com/foo v1.0.0/go.mod h2:AAAA\n")]
    [InlineData("example.com/foo v1.0.0/go.mod " + GoSumFile.EmptyGoModHash + "\n")]
    [InlineData("example.com/foo v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")]
    public void OnlyUsableGoModLinesCountAsAnEntry(string sumText)
    {
        var sum = GoSumFile.Parse("go.sum", sumText);
        Assert.False(GoSumChecker.HasGoModEntry(sum, new ModuleVersionKey("example.com/foo", "v1.0.0")));
        Assert.Contains(GoSumChecker.Check(sum, Mod("module example.com/m\n\nrequire example.com/foo v1.0.0\n")), f => f.Code == GoSumFindingCodes.MissingGoModEntry);
    }

    [Fact]
    public void MismatchCarriesGosSecurityErrorAndPointsAtTheHash()
    {
        var wrong = DirHash.HashGoMod("module example.com/foo\n"u8.ToArray());
        var text = "example.com/foo v1.0.0 h1:zipzipzipzipzipzipzipzipzipzipzipzipzipzipz=\nexample.com/foo v1.0.0/go.mod " + wrong + "\n";
        var fetched = new Dictionary<ModuleVersionKey, byte[]> { [new("example.com/foo", "v1.0.0")] = Encoding.UTF8.GetBytes(FooMod) };
        var f = Assert.Single(GoSumChecker.Check(GoSumFile.Parse("/w/go.sum", text), null, fetched));
        Assert.Equal(GoSumFindingCodes.GoModChecksumMismatch, f.Code);
        Assert.Equal(FindingSeverity.Error, f.Severity);
        Assert.Equal(wrong, text[f.Range.Start.Utf16Offset..f.Range.End.Utf16Offset]);
        Assert.Equal(
            "verifying example.com/foo@v1.0.0/go.mod: checksum mismatch\n\tdownloaded: " + s_fooModHash + "\n\tgo.sum:     " + wrong +
            "\n\nSECURITY ERROR\nThis download does NOT match an earlier download recorded in go.sum.\nThe bits may have been replaced on the origin server, or an attacker may\nhave intercepted the download attempt.\n\nFor more information, see 'go help module-auth'.",
            f.GoMessage);
    }

    [Fact]
    public void VerificationFollowsGosLineOrder()
    {
        var key = new ModuleVersionKey("example.com/foo", "v1.0.0");
        var bytes = Encoding.UTF8.GetBytes(FooMod);
        var wrong = DirHash.HashGoMod("x"u8.ToArray());
        var rightFirst = GoSumFile.Parse("go.sum", $"example.com/foo v1.0.0/go.mod {s_fooModHash}\nexample.com/foo v1.0.0/go.mod {wrong}\n");
        Assert.Equal(GoModVerificationStatus.Verified, GoSumChecker.VerifyGoMod(rightFirst, key, bytes).Status);
        var wrongFirst = GoSumFile.Parse("go.sum", $"example.com/foo v1.0.0/go.mod {wrong}\nexample.com/foo v1.0.0/go.mod {s_fooModHash}\n");
        var v = GoSumChecker.VerifyGoMod(wrongFirst, key, bytes);
        Assert.Equal(GoModVerificationStatus.Mismatch, v.Status);
        Assert.Equal(1, v.Line!.Line);
        var unknownThenRight = GoSumFile.Parse("go.sum", $"example.com/foo v1.0.0/go.mod h2:zz\nexample.com/foo v1.0.0/go.mod {s_fooModHash}\n");
        Assert.Equal(GoModVerificationStatus.Verified, GoSumChecker.VerifyGoMod(unknownThenRight, key, bytes).Status);
        Assert.Equal(GoModVerificationStatus.NoEntry, GoSumChecker.VerifyGoMod(GoSumFile.Parse("go.sum", ""), key, bytes).Status);
    }

    [Fact]
    public void CleanFilesGiveNoFindings()
    {
        var gomod = "module example.com/m\n\nrequire example.com/foo v1.0.0\n";
        var sum = GoSumFile.Parse("go.sum", "example.com/foo v1.0.0/go.mod " + s_fooModHash + "\n");
        var fetched = new Dictionary<ModuleVersionKey, byte[]> { [new("example.com/foo", "v1.0.0")] = Encoding.UTF8.GetBytes(FooMod) };
        Assert.Empty(GoSumChecker.Check(sum, Mod(gomod), fetched));
    }

    [Fact]
    public void CorpusGoSumFilesMapEveryDiagnosticToAFindingWithConsistentRanges()
    {
        var files = Directory.GetFiles(Path.Combine(TestUtilities.RepoPaths.Root, "tests", "testdata", "corpus", "gosum"));
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var sum = GoSumFile.Parse(file, text);
            var findings = GoSumChecker.Check(sum);
            Assert.Equal(sum.Diagnostics.Length, findings.Count);
            foreach (var f in findings)
            {
                var prefix = text[..f.Range.Start.Utf16Offset];
                Assert.Equal(Encoding.UTF8.GetByteCount(prefix), f.Range.Start.Byte);
                Assert.Equal(prefix.Count(c => c == '\n') + 1, f.Range.Start.Line);
            }
        }
    }

    [Fact]
    public void EveryGoSumCodeIsDocumentedAndDistinctFromTheEngineCodes()
    {
        var docs = File.ReadAllText(Path.Combine(TestUtilities.RepoPaths.Root, "docs", "diagnostics.md"));
        foreach (var rule in GoSumFindingCodes.Rules)
        {
            Assert.Contains("\n## " + rule.Code + "\n", docs, StringComparison.Ordinal);
            Assert.StartsWith("GML15", rule.Code, StringComparison.Ordinal);
            Assert.DoesNotContain(FindingCodes.Rules, r => r.Code == rule.Code);
        }

        Assert.Equal(GoSumFindingCodes.Rules.Count, GoSumFindingCodes.Rules.Select(r => r.Code).Distinct().Count());
    }
}
