using GoModLens.ModFile.Semantics;
using GoModLens.Server.Tests.Infrastructure;
using static GoModLens.Server.Tests.GoMod.GoModProtocolTests;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>"Add replace … (local checkout)" finds checkouts with LocalCheckoutFinder: go.work members and configured search roots.</summary>
public sealed class GoModCheckoutFixTests
{
    [Fact]
    public async Task Replace_fix_offers_the_go_work_member_first_and_a_checkout_under_a_configured_search_root()
    {
        var env = new GoModTestEnvironment(GoModTestEnvironment.FileProxy());
        var member = Directory.CreateDirectory(Path.Combine(env.Root, "libs", "missing-impl")).FullName;
        File.WriteAllText(Path.Combine(member, "go.mod"), "module example.com/missing\n\ngo 1.22\n");
        File.WriteAllText(Path.Combine(env.Root, "go.work"), "go 1.22\n\nuse (\n\t./project\n\t./libs/missing-impl\n)\n");
        var searchRoot = Directory.CreateDirectory(Path.Combine(env.Root, "elsewhere with space")).FullName;
        var other = Directory.CreateDirectory(Path.Combine(searchRoot, "team", "other")).FullName;
        File.WriteAllText(Path.Combine(other, "go.mod"), "module example.com/other/v2\n");
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client,
            initializationOptions: new { checkouts = new { searchRoots = new[] { searchRoot } } });
        var text = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/missing v1.0.0\n\texample.com/other/v2 v2.0.0\n)\n";
        await lsp.OpenAsync(env.GoModUri, text);
        var published = await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Count(d => Code(d) == "GML3001") == 2);

        var missing = published.Diagnostics.Single(d => Code(d) == "GML3001" && d.Range.Start.Line == 5);
        var workFix = Assert.Single(await CodeActionsAsync(lsp, env.GoModUri, missing), a => a.Title.StartsWith("Add replace", StringComparison.Ordinal));
        Assert.Equal("Add replace example.com/missing => ../libs/missing-impl (local checkout, go.work use)", workFix.Title);
        Assert.True(workFix.IsPreferred);

        var otherDiagnostic = published.Diagnostics.Single(d => Code(d) == "GML3001" && d.Range.Start.Line == 6);
        var rootFix = Assert.Single(await CodeActionsAsync(lsp, env.GoModUri, otherDiagnostic), a => a.Title.StartsWith("Add replace", StringComparison.Ordinal));
        Assert.Equal("Add replace example.com/other/v2 => \"../elsewhere with space/team/other\" (local checkout under a search root)", rootFix.Title);
        var replaced = Apply(text, Assert.Single(rootFix.Edit!.Changes![env.GoModUri]));
        var parsed = ModFileParser.Parse("go.mod", replaced);
        Assert.True(parsed.IsAcceptedByGo);
        Assert.Equal("../elsewhere with space/team/other", Assert.Single(parsed.Model.Replace).New.Path);
    }

    [Fact]
    public async Task Without_any_checkout_the_placeholder_fix_remains()
    {
        var env = new GoModTestEnvironment(GoModTestEnvironment.FileProxy());
        using var analyzer = env.CreateAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, s_client);
        var text = "module example.com/app\n\ngo 1.22\n\nrequire example.com/missing v1.0.0\n";
        await lsp.OpenAsync(env.GoModUri, text);
        var published = await WaitForAsync(lsp, env.GoModUri, p => p.Diagnostics.Any(d => Code(d) == "GML3001"));

        var actions = await CodeActionsAsync(lsp, env.GoModUri, published.Diagnostics.Single(d => Code(d) == "GML3001"));
        var placeholder = Assert.Single(actions, a => a.Title.StartsWith("Add replace", StringComparison.Ordinal));
        Assert.EndsWith("(edit the path)", placeholder.Title, StringComparison.Ordinal);
        Assert.NotEqual(true, placeholder.IsPreferred);
    }
}
