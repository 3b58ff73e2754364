using GoModLens.Analysis.Ports;
using GoModLens.Analysis.ProxyConfig;
using GoModLens.Analysis.Toolchain;
using GoModLens.ModFile.Module;
using GoModLens.ModFile.Semantics;

namespace GoModLens.Analysis.Resolution;

/// <summary>An edge of go's module graph: <see cref="From"/>'s go.mod requires <see cref="To"/> (path "go" for its go line).</summary>
public sealed record ModuleGraphEdge(ModPathVersion From, ModPathVersion To);

/// <param name="Above">Edges above what the main go.mod lists (<see cref="ModuleGraphEdges.RequiresAbove"/> of each loaded go.mod).</param>
/// <param name="Loaded">
/// How go reached each module version whose go.mod it loaded, in the order go reaches them: the first edge into a
/// module is its shortest chain from the require. go.sum needs a <c>/go.mod</c> line for each (the replacement's).
/// </param>
/// <param name="Replaced">The loaded module versions that are replaced: by a module version, or by a directory (null), which needs no go.sum line.</param>
public sealed record UnprunedGraphResult(IReadOnlyList<ModuleGraphEdge> Above, IReadOnlyList<ModuleGraphEdge> Loaded,
    IReadOnlyDictionary<ModPathVersion, ModPathVersion?> Replaced)
{
    public static UnprunedGraphResult Empty { get; } = new([], [], new Dictionary<ModPathVersion, ModPathVersion?>());
}

/// <summary>
/// The part of go's module graph below one require that go loads because of a go.mod older than graph pruning
/// (modload readModGraph): a dependency whose go.mod says go &lt; 1.17 (or nothing) brings in the go.mod of every
/// module version it reaches, level by level, and so does every require of a main module below go 1.17. Those go.mod
/// files can raise a listed require (or the go line) like the dependency's own: go then refuses the go.mod with
/// "updates to go.mod needed". Each go.mod is read once per run, module cache first, through GOPROXY as go reads it;
/// one go cannot read is skipped (go stops there with its own error, which is not this check's).
/// </summary>
internal static class UnprunedGraph
{
    /// <summary>Enough for real graphs (kubernetes' has about 700 module versions); a bound on a hostile one.</summary>
    private const int MaxModules = 5000;

    /// <summary>Whether go prunes the module graph below this go.mod: go 1.17 or later (no go line means 1.16).</summary>
    public static bool Pruned(GoModFile goMod) => goMod.Go?.Version is { } v && GoVersions.Compare(v, "1.17") >= 0;

    /// <summary>
    /// The go.mod files go loads below <paramref name="root"/>, whose own go.mod is <paramref name="rootGoMod"/> (its
    /// edges are <see cref="ModuleGraphEdges.RequiresAbove"/>'s): how each was reached, and their edges above the main
    /// go.mod's listed versions. Empty when both the main module and the root prune the graph. At
    /// <paramref name="deadline"/> (the require's budget) what was loaded so far is returned; only
    /// <paramref name="cancellationToken"/> cancels.
    /// </summary>
    public static async Task<UnprunedGraphResult> LoadAsync(ResolutionRun run, GoModFile main, IReadOnlyDictionary<string, string> listed,
        ModPathVersion root, GoModFile rootGoMod, ResolveOptions options, CancellationToken deadline, CancellationToken cancellationToken)
    {
        if (Pruned(main) && Pruned(rootGoMod))
        {
            return UnprunedGraphResult.Empty;
        }

        var edges = new List<ModuleGraphEdge>();
        var loadedEdges = new List<ModuleGraphEdge>();
        var replaced = new Dictionary<ModPathVersion, ModPathVersion?>();
        var seen = new HashSet<ModPathVersion> { root };
        var level = Requirements(rootGoMod, main).Where(seen.Add).Select(m => new ModuleGraphEdge(root, m)).ToList();
        try
        {
            while (level.Count > 0 && seen.Count <= MaxModules)
            {
                var loaded = await Task.WhenAll(level.Select(e => run.GoModSummaryAsync(e.To.Path, e.To.Version, ct => ReadGoModAsync(run, main, e.To, options, ct), deadline)));
                var next = new List<ModuleGraphEdge>();
                for (var i = 0; i < level.Count; i++)
                {
                    if (loaded[i] is not { } summary)
                    {
                        continue;
                    }

                    var module = level[i].To;
                    loadedEdges.Add(level[i]);
                    if (summary.Replaced)
                    {
                        replaced[module] = summary.ReplacedBy;
                    }

                    edges.AddRange(ModuleGraphEdges.RequiresAbove(summary.GoMod, main, listed).Select(to => new ModuleGraphEdge(module, to)));
                    next.AddRange(Requirements(summary.GoMod, main).Where(seen.Add).Select(m => new ModuleGraphEdge(module, m)));
                }

                level = next;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The module's deadline: what was loaded by then still counts; the rest is not reported.
        }

        return new UnprunedGraphResult(edges, loadedEdges, replaced);
    }

    // goModSummary drops requirements on versions the main module excludes; the main module is never loaded.
    private static IEnumerable<ModPathVersion> Requirements(GoModFile goMod, GoModFile main) =>
        goMod.Require.Select(r => r.Mod).Where(m => m.Path != main.Module?.Mod.Path && !main.Exclude.Any(x => x.Mod == m));

    private static async Task<GraphGoMod?> ReadGoModAsync(ResolutionRun run, GoModFile main, ModPathVersion module, ResolveOptions options,
        CancellationToken cancellationToken)
    {
        var (replace, baseDirectory) = RequirementResolver.ReplacementOf(main, module.Path, module.Version, options);
        var goMod = await ReadAsync(run, replace, baseDirectory, module, options, cancellationToken);
        return goMod is null ? null : new GraphGoMod(goMod, replace is not null, replace is { New.Version.Length: > 0 } r ? r.New : null);
    }

    private static async Task<GoModFile?> ReadAsync(ResolutionRun run, ReplaceStmt? replace, string? baseDirectory, ModPathVersion module,
        ResolveOptions options, CancellationToken cancellationToken)
    {
        if (replace is { New.Version.Length: 0 })
        {
            return baseDirectory is not null && Workspace.GoPaths.Resolve(baseDirectory, replace.New.Path) is { } directory
                ? RequirementResolver.ReadLocalGoMod(Path.Combine(directory, "go.mod"))
                : null;
        }

        var (path, version) = replace is null ? (module.Path, module.Version) : (replace.New.Path, replace.New.Version);
        if (!ModulePath.TryEscapePath(path, out var escapedPath, out _) || !ModulePath.TryEscapeVersion(version, out var escapedVersion, out _))
        {
            return null;
        }

        if (await run.ReadModuleCacheAsync(escapedPath, escapedVersion, ProxyEndpoint.Mod, cancellationToken) is { Body: { } cached })
        {
            return ModFileParser.Parse("go.mod", cached, ParseMode.Lax).Model;
        }

        var route = ProxyRouting.For(path, options.Settings);
        if (options.Offline || route.ConfigurationError is not null)
        {
            return null;
        }

        var queries = new ProxyQueries(run, new ModuleProgress());
        var walk = await ProxyWalk.WalkAsync(route,
            (step, ct) => step is ProxyStep proxy ? queries.GoModAsync(proxy, version, ct) : ValueTask.FromResult(StepOutcome.Failure(RequirementResolver.DirectMarker, false)),
            cancellationToken);
        return walk.Succeeded && walk.SuccessfulOutcome!.Fetch?.Body is { } body ? ModFileParser.Parse("go.mod", body, ParseMode.Lax).Model : null;
    }
}

/// <summary>
/// A module version's go.mod as the graph reads it; <see cref="Replaced"/>: it is a replacement's, a module version's
/// (<see cref="ReplacedBy"/>, whose go.sum line counts) or a directory's.
/// </summary>
internal sealed record GraphGoMod(GoModFile GoMod, bool Replaced, ModPathVersion? ReplacedBy);
