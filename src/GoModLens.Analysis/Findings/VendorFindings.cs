using GoModLens.Analysis.Vendoring;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Text;

namespace GoModLens.Analysis.Findings;

/// <summary>
/// GML2013: the go.mod and vendor/modules.txt disagree, so every build command (go build, go test, go list, go run)
/// stops with go's <c>inconsistent vendoring</c> error until <c>go mod vendor</c> (or <c>go work vendor</c>) is run.
/// A difference on one of this go.mod's require or replace lines is reported on that line; the rest (a vendored
/// module no longer required, another workspace module's lines, the go.work's replaces) together on the module line.
/// </summary>
public static class VendorFindings
{
    public static IEnumerable<Finding> From(VendorState vendor, GoModFile model, string fileName, string goModDirectory)
    {
        ArgumentNullException.ThrowIfNull(vendor);
        ArgumentNullException.ThrowIfNull(model);
        // go checks vendor/modules.txt against go.mod first and stops there; only a consistent vendor/ gets the second check.
        var inconsistent = Inconsistent(vendor, model, fileName, goModDirectory).ToList();
        return TooNew(vendor, model, fileName, goModDirectory).Concat(inconsistent.Count > 0 ? inconsistent : NotRequiredExplicitly(vendor, model, fileName));
    }

    /// <summary>
    /// GML2013, go's check of a consistent vendor/ in a module with graph pruning (go 1.17+, outside workspace mode;
    /// modload initVendor): every module vendor/modules.txt lists packages for must be required in go.mod at that
    /// version. A vendor/ written while the go line was below 1.17 lists indirect dependencies go.mod does not; after
    /// the go line is raised, every build stops with one <c>vendored module M should be required explicitly in go.mod</c>
    /// per module and <c>updates to go.mod needed</c>. On the go line (what changed), with go's fix, go mod tidy.
    /// </summary>
    private static IEnumerable<Finding> NotRequiredExplicitly(VendorState vendor, GoModFile model, string fileName)
    {
        if (vendor.Mode.Workspace is not null || !Resolution.UnprunedGraph.Pruned(model))
        {
            yield break;
        }

        // go's rootSelected: the highest version go.mod requires a path at.
        var required = Resolution.ModuleGraphEdges.Listed(model);

        var main = model.Module?.Mod.Path;
        var missing = vendor.List.Modules
            .Where(m => m.Path != main && (!required.TryGetValue(m.Path, out var version) || version != m.Version))
            .ToList();
        if (missing.Count == 0)
        {
            yield break;
        }

        var dirty = vendor.Mode.UpdatesNeededMessage;
        string Name(ModPathVersion m) => m.Version.Length == 0 ? m.Path : m.Path + "@" + m.Version;
        var goMessage = string.Join("\ngo: ", missing.Select(m => $"vendored module {Name(m)} should be required explicitly in go.mod").Append(dirty));
        var names = string.Join(", ", missing.Select(Name));
        yield return new Finding(FindingCodes.InconsistentVendoring, FindingSeverity.Error, fileName, model.Go?.Syntax.Span ?? model.Module?.Syntax.Span ?? default,
            $"vendor/ gives packages of {names}, which go.mod does not require at {(missing.Count == 1 ? "that version" : "those versions")}: with graph pruning (go 1.17+) go builds stop until go mod tidy adds {(missing.Count == 1 ? "it" : "them")} (then go mod vendor)",
            goMessage, missing[0].Path, [], [new RunGoCommand("Require the vendored modules in go.mod: go mod tidy", "go mod tidy")]);
    }

    /// <summary>
    /// GML2014: a go version in modules.txt (<c>## explicit; go 1.23</c>) above the toolchain that runs here: every
    /// build stops with go's TooNewError, <c>example.com/m in vendor/modules.txt requires go &gt;= 1.23 (running go
    /// 1.22.1; GOTOOLCHAIN=local)</c>, for the first such annotation in the file (go stops as it reads it). On the
    /// module's require line, else the module line.
    /// </summary>
    private static IEnumerable<Finding> TooNew(VendorState vendor, GoModFile model, string fileName, string goModDirectory)
    {
        if (vendor.Toolchain is not { } toolchain || vendor.LocalToolchain is not { } local)
        {
            yield break;
        }

        var modulesTxt = Workspace.GoPaths.ShortPath(Path.Combine(vendor.Mode.VendorDirectory, "modules.txt"), goModDirectory);
        foreach (var (module, needs) in vendor.List.GoAnnotations)
        {
            if (toolchain.TooNewFor($"{module.Path} in {modulesTxt}", needs, local) is not { } goMessage)
            {
                continue;
            }

            var require = model.Require.FirstOrDefault(r => r.Mod.Path == module.Path);
            var running = Toolchain.GoVersions.FromToolchain(toolchain.Toolchain ?? local);
            yield return new Finding(FindingCodes.VendoredGoTooNew, FindingSeverity.Error, fileName,
                require is null ? model.Module?.Syntax.Span ?? default : FindingsBuilder.Ranges(require).Version,
                $"vendor/modules.txt records that {module.Path} {module.Version} needs go {needs}, newer than the go {running} that runs here: go builds stop until a newer go runs (GOTOOLCHAIN)",
                goMessage, module.Path, [], []);
            yield break;
        }
    }

    private static IEnumerable<Finding> Inconsistent(VendorState vendor, GoModFile model, string fileName, string goModDirectory)
    {
        var errors = VendorConsistency.Check(vendor.Mode, vendor.List, model, goModDirectory);
        if (errors.Count == 0)
        {
            yield break;
        }

        var sync = vendor.Mode.Workspace is null ? "go mod vendor" : "go work vendor";
        SuggestedFix[] fixes = [new RunGoCommand($"Sync vendor/ with the {(vendor.Mode.Workspace is null ? "go.mod" : "workspace")}: {sync}", sync)];
        var why = new RelatedInformation(vendor.Mode.Explicit
            ? "go builds from vendor/ because GOFLAGS sets -mod=vendor"
            : $"go builds from vendor/ by default here: {vendor.Mode.Reason}");
        // A require whose version changed is two of go's lines: the new version is not vendored, the old one is vendored
        // but no longer required. Both belong on the require line.
        var requiredHere = model.Require.Select(r => r.Mod.Path).ToHashSet(StringComparer.Ordinal);
        var stale = errors.Where(e => e.Kind == VendorInconsistencyKind.VendoredNotRequired && requiredHere.Contains(e.Module.Path))
            .ToLookup(e => e.Module.Path, StringComparer.Ordinal);
        var elsewhere = new List<VendorInconsistency>();
        foreach (var error in errors)
        {
            var here = error.GoModDirectory is { } directory && Workspace.GoPaths.SameDirectory(directory, goModDirectory);
            var goMessage = VendorConsistency.GoMessage(vendor.Mode, [error]);
            if (here && error.Require is { } require)
            {
                goMessage = VendorConsistency.GoMessage(vendor.Mode, [error, .. stale[require.Mod.Path]]);
                var vendored = vendor.List.VersionOf(require.Mod.Path);
                var message = vendored is not null && vendored != require.Mod.Version
                    ? $"vendor/modules.txt has {require.Mod.Path} {vendored}, not {require.Mod.Version}"
                    : $"{require.Mod.Path} {require.Mod.Version} is not recorded as required in vendor/modules.txt";
                yield return new Finding(FindingCodes.InconsistentVendoring, FindingSeverity.Error, fileName, FindingsBuilder.Ranges(require).Version,
                    $"{message}: go builds fail (inconsistent vendoring) until {sync} is run", goMessage, require.Mod.Path, [why], fixes);
            }
            else if (here && error.Replace is { } replace)
            {
                var recorded = vendor.List.Meta(replace.Old).Replacement;
                var message = recorded is null
                    ? "vendor/modules.txt does not record this replacement"
                    : $"vendor/modules.txt records the replacement {Describe(recorded)}";
                yield return new Finding(FindingCodes.InconsistentVendoring, FindingSeverity.Error, fileName, replace.Syntax.Span,
                    $"{message}: go builds fail (inconsistent vendoring) until {sync} is run", goMessage, replace.Old.Path, [why], fixes);
            }
            else if (!(error.Kind == VendorInconsistencyKind.VendoredNotRequired && stale.Contains(error.Module.Path)))
            {
                elsewhere.Add(error);
            }
        }

        if (elsewhere.Count > 0)
        {
            var message = elsewhere is [var only]
                ? only.Kind switch
                {
                    VendorInconsistencyKind.VendoredNotRequired => $"vendor/modules.txt still records {only.Module.Path} {only.Module.Version} as required",
                    VendorInconsistencyKind.VendoredReplacementGone => $"vendor/modules.txt still records a replacement of {Describe(only.Module)}",
                    _ => $"vendor/modules.txt does not match {(only.GoModDirectory is null ? "the go.work" : "another workspace module's go.mod")} ({only.Detail})",
                }
                : $"vendor/modules.txt differs from the {(vendor.Mode.Workspace is null ? "go.mod" : "workspace")} in {elsewhere.Count} more places";
            yield return new Finding(FindingCodes.InconsistentVendoring, FindingSeverity.Error, fileName, model.Module?.Syntax.Span ?? default,
                $"{message}: go builds fail (inconsistent vendoring) until {sync} is run", VendorConsistency.GoMessage(vendor.Mode, elsewhere), null, [why], fixes);
        }
    }

    /// <summary>
    /// GML2013 on the go.work of a workspace whose builds use vendor/ (<c>go work vendor</c>): a difference on one of the
    /// go.work's replace lines there, every other one (the workspace modules' lines, modules no longer required)
    /// together on its go line, with the fix that runs <c>go work vendor</c>. The go.mod documents report their own
    /// lines too; this is what the go.work's author sees.
    /// </summary>
    /// <param name="vendor">The workspace's vendor state (its mode has the workspace).</param>
    /// <param name="module">A workspace module with its go.mod, for go's check, which starts from one main module.</param>
    /// <param name="anchor">Where the rest goes: the go.work's go line, else its first line.</param>
    public static IEnumerable<Finding> ForGoWork(VendorState vendor, GoModFile module, string moduleDirectory, string fileName, TextSpan anchor)
    {
        ArgumentNullException.ThrowIfNull(vendor);
        var errors = VendorConsistency.Check(vendor.Mode, vendor.List, module, moduleDirectory);
        if (errors.Count == 0)
        {
            yield break;
        }

        SuggestedFix[] fixes = [new RunGoCommand("Sync vendor/ with the workspace: go work vendor", "go work vendor")];
        var why = new RelatedInformation(vendor.Mode.Explicit
            ? "go builds from vendor/ because GOFLAGS sets -mod=vendor"
            : $"go builds from vendor/ by default here: {vendor.Mode.Reason}");
        var rest = new List<VendorInconsistency>();
        foreach (var error in errors)
        {
            if (error is { GoModDirectory: null, Replace: { } replace })
            {
                var recorded = vendor.List.Meta(replace.Old).Replacement;
                yield return new Finding(FindingCodes.InconsistentVendoring, FindingSeverity.Error, fileName, replace.Syntax.Span,
                    (recorded is null ? "vendor/modules.txt does not record this replacement" : $"vendor/modules.txt records the replacement {Describe(recorded)}")
                    + ": go builds fail (inconsistent vendoring) until go work vendor is run",
                    VendorConsistency.GoMessage(vendor.Mode, [error]), replace.Old.Path, [why], fixes);
            }
            else
            {
                rest.Add(error);
            }
        }

        if (rest.Count > 0)
        {
            yield return new Finding(FindingCodes.InconsistentVendoring, FindingSeverity.Error, fileName, anchor,
                $"vendor/modules.txt differs from the workspace in {rest.Count} place{(rest.Count == 1 ? "" : "s")}: go builds fail (inconsistent vendoring) until go work vendor is run",
                VendorConsistency.GoMessage(vendor.Mode, rest), null, [why], fixes);
        }
    }

    private static string Describe(ModPathVersion m) => m.Version.Length == 0 ? m.Path : $"{m.Path} {m.Version}";
}
