using GoModLens.Analysis.Ports;
using GoModLens.Analysis.Resolution;
using GoModLens.ModFile.Semantics;
using GoModLens.Server.Configuration;
using GoModLens.Server.Features.GoMod;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>
/// The background mirror probe of a network run targets the first failing require in the file, whatever order the
/// reports arrived in, so two runs over the same text probe the same module once (the table is still fresh).
/// </summary>
public sealed class MirrorWarmUpTargetTests
{
    private const string GoMod = """
        module example.com/app

        go 1.22

        require (
        	example.com/a v1.0.0
        	example.com/b v1.0.0
        	private.example/c v1.0.0
        	example.com/d v1.0.0
        )
        """;

    [Fact]
    public void The_first_failure_in_file_order_is_chosen_however_the_reports_arrived()
    {
        var env = Environment(goPrivate: "private.example");
        var requires = ModFileParser.Parse("go.mod", GoMod, ParseMode.Strict).Model.Require;
        var a = Report(requires[0], failed: false);
        var b = Report(requires[1], failed: true);
        var c = Report(requires[2], failed: true);
        var d = Report(requires[3], failed: true);

        Assert.Same(b, GoModAnalyzer.MirrorWarmUpTarget(env, [d, c, b, a]));
        Assert.Same(b, GoModAnalyzer.MirrorWarmUpTarget(env, [a, b, c, d]));
        Assert.Same(d, GoModAnalyzer.MirrorWarmUpTarget(env, [d, c, a])); // never the private c
        Assert.Same(a, GoModAnalyzer.MirrorWarmUpTarget(env, [Report(requires[3], failed: false), a]));
        Assert.Null(GoModAnalyzer.MirrorWarmUpTarget(env, [c]));
    }

    private static RequirementReport Report(RequireStmt require, bool failed) => new(
        require.Mod.Path, require.Mod.Version, require,
        failed ? RequirementStatus.NotFound : RequirementStatus.Resolved,
        new ModuleTarget(require.Mod.Path, require.Mod.Version), null, null, null, null,
        failed ? new ResolutionFailure(FailureKind.NotFound, $"{require.Mod.Path}@{require.Mod.Version}: 404 Not Found", [], false) : null,
        null, null, TimeSpan.Zero, []);

    private static Analysis.Environment.GoEnvironment Environment(string goPrivate)
    {
        var test = new GoModTestEnvironment("https://proxy.example", goPrivate);
        return new EnvironmentProvider(new GoModAnalyzerOptions { ProcessEnvironment = test.Environment }).Get(ServerSettings.Default);
    }
}
