using GoModLens.Analysis.ProxyConfig;
using GoModLens.Analysis.Resolution;
using GoModLens.ModFile.Semantics;
using GoModLens.TestUtilities;

namespace GoModLens.Analysis.Tests.Resolution;

internal static class ResolutionTestData
{
    public static string SampleGoMod => Path.Combine(RepoPaths.Root, "samples", "basic", "go.mod");

    public static string SampleProxy => Path.Combine(RepoPaths.Root, "samples", "proxy");

    public static string FileUrl(string dir) => "file://" + dir;

    public static ResolveOptions Options(string goproxy, string gonoproxy = "") =>
        new(new ProxySettings(goproxy, gonoproxy, gonoproxy, "off")) { ProbeDirect = false, SuggestMirrors = false, PerModuleBudget = TimeSpan.FromSeconds(10) };

    public static GoModFile Parse(string text) => ModFileParser.Parse("go.mod", text, ParseMode.Strict).Model;

    public static async Task<List<RequirementReport>> ResolveAllAsync(IRequirementResolver resolver, GoModFile file, ResolveOptions options)
    {
        var list = new List<RequirementReport>();
        await foreach (var r in resolver.ResolveAllAsync(file, options, CancellationToken.None))
        {
            list.Add(r);
        }

        return list;
    }
}
