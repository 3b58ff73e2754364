using GoModLens.Analysis.Findings;
using GoModLens.Analysis.Resolution;
using GoModLens.ModFile.Semantics;

namespace GoModLens.Analysis.Tests.Reports;

/// <summary>The findings of go's version fixer, without a proxy: which versions are queries, how severe, and the answers.</summary>
public sealed class VersionQueryFindingsTests
{
    private const string Text = "module example.com/app\n\ngo 1.22\n\nrequire example.com/m v1.2\n\nexclude example.com/m v1\n\nreplace example.com/r v1.0.0 => example.com/s latest\n";

    [Fact]
    public void Queries_are_found_in_require_exclude_and_replace_lines_but_not_in_go_work()
    {
        var queries = VersionQueryFindings.QueriedVersions(ModFileParser.Parse("go.mod", Text), Text);
        Assert.Equal(["require example.com/m v1.2", "exclude example.com/m v1", "replace example.com/s latest"], queries.Select(q => $"{q.Verb} {q.ModulePath} {q.Query}"));

        const string work = "go 1.22\n\nuse ./a\n\nreplace example.com/r => example.com/s latest\n";
        var parse = ModFileParser.ParseWork("go.work", work);
        Assert.Empty(VersionQueryFindings.QueriedVersions(parse, work));
        var invalid = Assert.Single(FindingsBuilder.FromParse(parse, work, FindingsContext.Empty), f => f.Code == FindingCodes.InvalidVersion);
        Assert.DoesNotContain("GOPROXY", invalid.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, FindingSeverity.Error)]
    [InlineData("readonly", FindingSeverity.Error)]
    [InlineData("mod", FindingSeverity.Information)]
    public void A_rewrite_go_would_need_stops_builds_unless_go_may_write_the_go_mod(string? mod, FindingSeverity expected)
    {
        var findings = FindingsBuilder.FromParse(ModFileParser.Parse("go.mod", Text), Text, new FindingsContext { GoFlagsMod = mod });
        Assert.All(findings.Where(f => f.Code == FindingCodes.NonCanonicalVersion), f => Assert.Equal(expected, f.Severity));
        Assert.Equal(2, findings.Count(f => f.Code == FindingCodes.NonCanonicalVersion)); // the require's and the exclude's
    }

    [Fact]
    public void An_unanswered_query_keeps_its_finding_and_says_why_and_the_model_keeps_the_require()
    {
        var parse = ModFileParser.Parse("go.mod", Text);
        var query = VersionQueryFindings.QueriedVersions(parse, Text)[0];
        var finding = Assert.Single(FindingsBuilder.FromParse(parse, Text, new FindingsContext { GoFlagsMod = "mod" }), f => f.Range.Start.Utf16Offset == query.VersionRange.Start.Utf16Offset);
        var unanswered = new VersionQueryResult("example.com/m", "v1.2", null, null, "GOPROXY gave no answer within GoModLens's 10s budget");

        var after = VersionQueryFindings.WithQueryResult(finding, query, unanswered);

        Assert.Equal(finding.Severity, after.Severity);
        Assert.Equal("v1.2 not resolved: GOPROXY gave no answer within GoModLens's 10s budget", after.Related.Single().Message);
        Assert.Same(parse.Model, VersionQueryFindings.WithQueriedVersions(parse, Text, new Dictionary<QueriedVersion, VersionQueryResult> { [query] = unanswered }));
    }
}
