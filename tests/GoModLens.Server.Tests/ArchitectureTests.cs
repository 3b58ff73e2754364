using System.Reflection;

namespace GoModLens.Server.Tests;

/// <summary>
/// The layering is ModFile ← Analysis ← Server → Protocol, with the network (Polly, DnsClient, HTTP) behind
/// Analysis' ports in Infrastructure. These tests fail when a project starts to reference a layer it must not see.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly string[] s_ours =
    [
        "GoModLens.ModFile", "GoModLens.Analysis", "GoModLens.Infrastructure", "GoModLens.Protocol", "GoModLens.Server",
    ];

    [Theory]
    [InlineData("GoModLens.ModFile", new string[0])]
    [InlineData("GoModLens.Analysis", new[] { "GoModLens.ModFile" })]
    [InlineData("GoModLens.Infrastructure", new[] { "GoModLens.Analysis", "GoModLens.ModFile" })]
    [InlineData("GoModLens.Protocol", new string[0])]
    [InlineData("GoModLens.Server", new[] { "GoModLens.Analysis", "GoModLens.ModFile", "GoModLens.Protocol" })]
    public void Layer_references_only_the_layers_below_it(string layer, string[] allowed)
    {
        var referenced = Load(layer).GetReferencedAssemblies().Select(a => a.Name!).Where(s_ours.Contains).ToHashSet();
        Assert.Subset(allowed.ToHashSet(), referenced);
    }

    [Theory]
    [InlineData("GoModLens.ModFile")]
    [InlineData("GoModLens.Analysis")]
    [InlineData("GoModLens.Protocol")]
    public void Network_and_rpc_libraries_stay_out_of_the_core(string layer)
    {
        var forbidden = new[] { "Polly.Core", "DnsClient", "StreamJsonRpc", "System.Net.Http" };
        var referenced = Load(layer).GetReferencedAssemblies().Select(a => a.Name!);
        Assert.Empty(referenced.Intersect(forbidden));
    }

    [Fact]
    public void Only_the_parser_layer_uses_NuGet_versioning()
    {
        foreach (var layer in s_ours.Where(l => l != "GoModLens.ModFile"))
        {
            Assert.DoesNotContain("NuGet.Versioning", Load(layer).GetReferencedAssemblies().Select(a => a.Name));
        }
    }

    private static Assembly Load(string name) => Assembly.Load(new AssemblyName(name));
}
