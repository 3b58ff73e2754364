using GoModLens.Analysis.Resolution;

namespace GoModLens.Analysis.Tests.Resolution;

/// <summary>
/// The version go's retraction check reads retractions from, when the list alone decides it: the prefetch starts that
/// version's .info and go.mod as soon as @v/list arrives, so a wrong answer costs a round trip and no answer one too.
/// </summary>
public sealed class RawLatestTests
{
    [Theory]
    [InlineData("v1.0.0 v1.2.0 v1.1.0", "v1.2.0")]
    [InlineData("v1.0.0 v1.3.0-beta.1", "v1.0.0")] // a release beats a newer pre-release
    [InlineData("v1.3.0-beta.1 v1.3.0-beta.2", "v1.3.0-beta.2")]
    [InlineData("v2.9.0+incompatible v2.3.0+incompatible", "v2.9.0+incompatible")] // no compatible version: +incompatible counts
    [InlineData("v2.0.0+incompatible v3.0.0+incompatible v0.1.0", null)] // v0.1.0 below them: go reads its go.mod to decide
    [InlineData("v0.1.0 v0.2.0", "v0.2.0")]
    [InlineData("v0.0.0-20230101000000-aaaaaaaaaaaa", null)] // no tagged version: @latest decides
    [InlineData("", null)]
    public void Raw_latest_follows_from_the_list_only_where_go_needs_no_request(string list, string? expected)
    {
        var lines = ProxyQueries.ParseList(System.Text.Encoding.UTF8.GetBytes(list.Replace(' ', '\n')));
        Assert.Equal(expected, ProxyQueries.RawLatestFromList(lines));
    }
}
