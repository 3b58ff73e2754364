using System.Text.Json;
using GoModLens.Analysis.Findings;
using GoModLens.Host.Commands;
using GoModLens.Host.Output;
using GoModLens.ModFile.Text;
using GoModLens.TestUtilities;

namespace GoModLens.Analysis.Tests.Check;

/// <summary>
/// SARIF details GitHub code scanning depends on beyond the fields CheckCommandTests checks: one fingerprint per
/// problem (results that share one are merged into a single alert) that survives a rerun and lines moving, and an
/// artifactLocation.uri that is a URI reference.
/// </summary>
public sealed class SarifOutputTests
{
    private const string Bad = "h1:bad";

    private static readonly string[] BadLines =
    [
        $"example.com/fastjson v1.0.0 {Bad}",
        $"example.com/fastjson v1.0.0/go.mod {Bad}",
        $"example.com/logging v1.0.0 {Bad}",
        $"example.com/logging v1.0.0/go.mod {Bad}",
        $"example.com/yaml v1.8.0 {Bad}",
        $"example.com/yaml v1.8.0/go.mod {Bad}",
        $"example.com/fastjson v1.0.0 {Bad}", // the first line again: GML1503 once more, and GML1504
    ];

    private static string WriteModule(string dirName, IEnumerable<string> sumLines)
    {
        var dir = Path.Combine(GoOracle.NewScratchDir("sarif"), dirName);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "go.mod"),
            "module example.com/app\n\ngo 1.21\n\nrequire (\n\texample.com/fastjson v1.0.0\n\texample.com/logging v1.0.0\n\texample.com/yaml v1.8.0\n)\n");
        File.WriteAllText(Path.Combine(dir, "go.sum"), string.Join('\n', sumLines) + "\n");
        return Path.Combine(dir, "go.mod");
    }

    private static async Task<List<(string RuleId, string Uri, int Line, string Fingerprint)>> Sarif(string goMod)
    {
        var (_, output, _) = await CheckCommandTests.RunAsync(new CheckArguments(goMod, "sarif", NoNetwork: true));
        using var doc = JsonDocument.Parse(output);
        return [.. doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Select(r =>
        {
            var location = r.GetProperty("locations")[0].GetProperty("physicalLocation");
            return (r.GetProperty("ruleId").GetString()!, location.GetProperty("artifactLocation").GetProperty("uri").GetString()!,
                location.GetProperty("region").GetProperty("startLine").GetInt32(), r.GetProperty("partialFingerprints").GetProperty("gomodlens/v1").GetString()!);
        })];
    }

    [Fact]
    public async Task Each_bad_go_sum_line_is_its_own_alert_and_keeps_its_fingerprint_across_runs_and_moved_lines()
    {
        var goMod = WriteModule("m", BadLines);
        var sum = Path.Combine(Path.GetDirectoryName(goMod)!, "go.sum");

        var first = await Sarif(goMod);
        var malformed = first.Where(r => r.RuleId == "GML1503" && r.Uri.EndsWith("/go.sum", StringComparison.Ordinal)).ToList();
        Assert.Equal(7, malformed.Count);
        Assert.Equal(7, malformed.Select(r => r.Line).Distinct().Count());
        Assert.Equal(first.Count, first.Select(r => r.Fingerprint).Distinct().Count()); // all 7 GML1503, GML1504, the rest
        Assert.Contains(first, r => r.RuleId == "GML1504" && r.Line == 7);

        Assert.Equal(first, await Sarif(goMod)); // the same run again

        // Two unrelated lines above every bad one: each result moves down two lines and keeps its fingerprint
        // (GML1504's message, "duplicate of line 1", becomes "… line 3").
        File.WriteAllText(sum, "example.com/other v1.0.0/go.mod h1:4iZ3Ns2Gbg9izg1PYvH0BM+RbaGUtqQtgVBgjDgbshk=\n\n" + File.ReadAllText(sum));
        var moved = await Sarif(goMod);
        foreach (var r in first.Where(r => r.Uri.EndsWith("/go.sum", StringComparison.Ordinal)))
        {
            Assert.Contains((r.RuleId, r.Uri, r.Line + 2, r.Fingerprint), moved);
        }
    }

    [Fact]
    public async Task The_artifact_uri_is_percent_encoded()
    {
        var goMod = WriteModule("sp ace#1", BadLines.Take(1));

        var results = await Sarif(goMod);

        var expected = goMod.Replace("sp ace#1", "sp%20ace%231", StringComparison.Ordinal);
        Assert.Contains(results, r => r.Uri == expected.Replace("go.mod", "go.sum", StringComparison.Ordinal));
        Assert.All(results, r =>
        {
            Assert.DoesNotContain(' ', r.Uri);
            Assert.DoesNotContain('#', r.Uri);
            Assert.True(Uri.IsWellFormedUriString(r.Uri, UriKind.Relative), r.Uri);
        });
    }

    [Fact]
    public void A_relative_path_stays_relative()
    {
        var at = new TextPosition(1, 1, 0, 0, 0);
        var finding = new Finding("GML1503", FindingSeverity.Warning, "sp ace#1/go.mod", new TextSpan(at, at), "m", null, null, [], []);
        var result = new CheckResult("sp ace#1/go.mod", "off", "command line", [finding], [], TimeSpan.Zero, 0, Offline: true);
        using var w = new StringWriter();

        SarifCheckWriter.Write(result, w, CheckCommand.DefaultDocsBase);

        using var doc = JsonDocument.Parse(w.ToString());
        var location = doc.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("sp%20ace%231/go.mod", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
    }

    [Theory]
    [InlineData("go.mod", "go.mod")]
    [InlineData("sub/dir/go.mod", "sub/dir/go.mod")]
    [InlineData("../x/go.mod", "../x/go.mod")]
    [InlineData("sp ace#1/go.mod", "sp%20ace%231/go.mod")]
    [InlineData("100%/go.mod", "100%25/go.mod")]
    [InlineData("a?b[c]/go.mod", "a%3Fb%5Bc%5D/go.mod")]
    [InlineData("a:b/go.mod", "a%3Ab/go.mod")] // else "a:" would read as a scheme
    [InlineData("é/go.mod", "%C3%A9/go.mod")]
    [InlineData("/abs/p q/go.mod", "/abs/p%20q/go.mod")]
    [InlineData(@"C:\Users\me\my mod\go.mod", "file:///C:/Users/me/my%20mod/go.mod")]
    [InlineData(@"\\server\share\go.mod", "file://server/share/go.mod")]
    public void Artifact_uris(string path, string uri)
    {
        Assert.Equal(uri, SarifCheckWriter.ArtifactUri(path));
        Assert.True(Uri.TryCreate(uri, UriKind.RelativeOrAbsolute, out _));
    }
}
