using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Versions;

namespace GoModLens.Analysis.Resolution;

/// <summary>
/// One level of go's module graph: the requirements a dependency's go.mod adds. MVS selects the highest version of
/// each path in the graph, and go (in its default -mod=readonly) refuses a go.mod that lists a lower version than the
/// selected one: <c>go: updates to go.mod needed</c>. The resolver reads each required version's go.mod anyway, so
/// this costs no request. Deeper levels (dependencies of dependencies older than go 1.17) can only raise the selected
/// version further: what this finds is always a real difference, never more than go would see.
/// </summary>
public static class ModuleGraphEdges
{
    /// <summary>The path of the edge a dependency's go line makes: go treats the go line as a requirement on "go".</summary>
    public const string GoLine = "go";

    /// <summary>For each path the main go.mod requires, the highest version it lists (go keeps the highest of duplicates).</summary>
    public static Dictionary<string, string> Listed(GoModFile main)
    {
        ArgumentNullException.ThrowIfNull(main);
        var listed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in main.Require)
        {
            if (!listed.TryGetValue(r.Mod.Path, out var other) || Semver.Compare(r.Mod.Version, other) > 0)
            {
                listed[r.Mod.Path] = r.Mod.Version;
            }
        }

        return listed;
    }

    /// <summary>
    /// The requirements of <paramref name="dependency"/> (a required version's go.mod, or its replacement's) that are
    /// above what the main go.mod lists for the same path. A requirement of an excluded version is ignored, as go
    /// ignores it; paths the main go.mod does not list are not compared here. A go line newer than the main go.mod's
    /// is an edge on <see cref="GoLine"/>.
    /// </summary>
    public static IReadOnlyList<ModPathVersion> RequiresAbove(GoModFile dependency, GoModFile main, IReadOnlyDictionary<string, string> listed)
    {
        ArgumentNullException.ThrowIfNull(dependency);
        ArgumentNullException.ThrowIfNull(main);
        ArgumentNullException.ThrowIfNull(listed);
        List<ModPathVersion>? above = null;
        if (dependency.Go?.Version is { } needsGo && main.Go?.Version is { } mainGo && Toolchain.GoVersions.Compare(needsGo, mainGo) > 0)
        {
            (above ??= []).Add(new ModPathVersion(GoLine, needsGo));
        }

        foreach (var r in dependency.Require)
        {
            if (listed.TryGetValue(r.Mod.Path, out var version) && Semver.Compare(r.Mod.Version, version) > 0
                && r.Mod.Path != main.Module?.Mod.Path && !main.Exclude.Any(x => x.Mod == r.Mod))
            {
                (above ??= []).Add(r.Mod);
            }
        }

        return above ?? (IReadOnlyList<ModPathVersion>)[];
    }
}
