using GoModLens.Analysis.Toolchain;
using GoModLens.Analysis.Workspace;
using GoModLens.ModFile.Semantics;

namespace GoModLens.Analysis.Vendoring;

/// <summary>Which of go's inconsistent-vendoring complaints one line of its message is.</summary>
public enum VendorInconsistencyKind
{
    /// <summary>A require not marked explicit at that version in vendor/modules.txt.</summary>
    RequireNotVendored,

    /// <summary>A replace that vendor/modules.txt does not record, or records with another target.</summary>
    ReplaceNotVendored,

    /// <summary>vendor/modules.txt marks a module explicit that no go.mod requires at that version.</summary>
    VendoredNotRequired,

    /// <summary>vendor/modules.txt records a replacement that no go.mod (or go.work) makes.</summary>
    VendoredReplacementGone,
}

/// <summary>One line of go's <c>inconsistent vendoring</c> error.</summary>
/// <param name="Detail">The line as go prints it, after the tab: <c>example.com/a@v1.1.0: is explicitly required in go.mod, …</c>.</param>
/// <param name="Require">The require it is about (in <paramref name="GoModDirectory"/>'s go.mod), if any.</param>
/// <param name="Replace">The replace it is about, if any; in a go.mod (<paramref name="GoModDirectory"/>) or the go.work (null directory).</param>
public sealed record VendorInconsistency(
    VendorInconsistencyKind Kind,
    ModPathVersion Module,
    string Detail,
    string? GoModDirectory = null,
    RequireStmt? Require = null,
    ReplaceStmt? Replace = null);

/// <summary>
/// modload.checkVendorConsistency: with -mod=vendor, every go command that loads packages first checks that
/// vendor/modules.txt matches the requires and replaces of the main module(s), and fails with
/// <c>go: inconsistent vendoring in DIR:</c> and one line per difference, in go's order.
/// </summary>
public static class VendorConsistency
{
    /// <summary>
    /// The differences between <paramref name="vendor"/> and the main modules: the go.mod in
    /// <paramref name="moduleDirectory"/> (<paramref name="current"/>, the editor's text) alone, or, in workspace mode
    /// (<see cref="BuildMode.Workspace"/>), every workspace module with <paramref name="current"/> standing in for its own.
    /// Files are named as go names them when run in <paramref name="moduleDirectory"/>.
    /// </summary>
    public static IReadOnlyList<VendorInconsistency> Check(BuildMode mode, VendorList vendor, GoModFile current, string moduleDirectory)
    {
        ArgumentNullException.ThrowIfNull(mode);
        ArgumentNullException.ThrowIfNull(vendor);
        ArgumentNullException.ThrowIfNull(current);
        var workspace = mode.Workspace;
        var mains = workspace is null
            ? [(moduleDirectory, current)]
            : workspace.ModulesWith(current, moduleDirectory).Select(m => (m.Module.Directory, m.GoMod)).ToList();
        var mainPaths = mains.Select(m => m.Item2.Module?.Mod?.Path).OfType<string>().ToHashSet(StringComparer.Ordinal);

        // Before 1.14 modules.txt did not say which modules go.mod requires: only contradictions are errors.
        var pre114 = workspace is null && GoVersions.Compare(current.Go?.Version ?? "", "1.14") < 0;
        var errors = new List<VendorInconsistency>();

        foreach (var (directory, goMod) in mains)
        {
            foreach (var r in goMod.Require)
            {
                if (vendor.Meta(r.Mod).Explicit)
                {
                    continue;
                }

                if (!pre114)
                {
                    errors.Add(new(VendorInconsistencyKind.RequireNotVendored, r.Mod,
                        $"{Describe(r.Mod)}: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt", directory, r));
                }
                else if (vendor.VersionOf(r.Mod.Path) is { } vendored && vendored != r.Mod.Version)
                {
                    errors.Add(new(VendorInconsistencyKind.RequireNotVendored, r.Mod,
                        $"{Describe(r.Mod)}: is explicitly required in go.mod, but vendor/modules.txt indicates {r.Mod.Path}@{vendored}", directory, r));
                }
            }
        }

        // Every replace counts, applied or not: a replacement's go.mod can change the selected versions.
        var seen = new HashSet<ModPathVersion>();
        void CheckReplaces(IEnumerable<ReplaceStmt> replaces, string? directory)
        {
            foreach (var r in replaces)
            {
                if (!seen.Add(r.Old))
                {
                    continue;
                }

                var (target, canonical, source) = Replacement(r.Old, mode, current, moduleDirectory, mainPaths);
                var recorded = vendor.Meta(r.Old).Replacement;
                if (recorded is null)
                {
                    if (canonical is null || (pre114 && (r.Old.Version.Length == 0 || vendor.VersionOf(r.Old.Path) != r.Old.Version)))
                    {
                        continue; // not replaced after all (a main module), or a replacement go 1.13 did not record
                    }

                    errors.Add(new(VendorInconsistencyKind.ReplaceNotVendored, r.Old,
                        $"{Describe(r.Old)}: is replaced in {GoPaths.ShortPath(source, moduleDirectory)}, but not marked as replaced in vendor/modules.txt", directory, Replace: r));
                }
                else if (recorded != canonical)
                {
                    errors.Add(new(VendorInconsistencyKind.ReplaceNotVendored, r.Old,
                        $"{Describe(r.Old)}: is replaced by {(target is null ? "" : Describe(target))} in {GoPaths.ShortPath(source, moduleDirectory)}, but marked as replaced by {Describe(recorded)} in vendor/modules.txt",
                        directory, Replace: r));
                }
            }
        }

        foreach (var (directory, goMod) in mains)
        {
            CheckReplaces(goMod.Replace, directory);
        }

        if (workspace?.Parse is { } work)
        {
            CheckReplaces(work.Model.Replace, null);
        }

        var required = mains.SelectMany(m => m.Item2.Require).Select(r => r.Mod).ToHashSet();
        foreach (var module in vendor.Modules)
        {
            if (vendor.Meta(module).Explicit && !required.Contains(module))
            {
                errors.Add(new(VendorInconsistencyKind.VendoredNotRequired, module,
                    $"{Describe(module)}: is marked as explicit in vendor/modules.txt, but not explicitly required in {(workspace is null ? "" : "a ")}go.mod"));
            }
        }

        foreach (var module in vendor.Replaced)
        {
            if (Replacement(module, mode, current, moduleDirectory, mainPaths).Canonical is null)
            {
                errors.Add(new(VendorInconsistencyKind.VendoredReplacementGone, module,
                    $"{Describe(module)}: is marked as replaced in vendor/modules.txt, but not replaced in {(workspace is null ? "go.mod" : "the workspace")}"));
            }
        }

        return errors;
    }

    /// <summary>go's error for <paramref name="errors"/> (after <c>go: </c>), or null when there are none.</summary>
    public static string? GoMessage(BuildMode mode, IEnumerable<VendorInconsistency> errors)
    {
        ArgumentNullException.ThrowIfNull(mode);
        var lines = string.Concat(errors.Select(e => "\n\t" + e.Detail));
        return lines.Length == 0 ? null
            : $"inconsistent vendoring in {Path.GetDirectoryName(mode.VendorDirectory)}:{lines}\n\n\tTo ignore the vendor directory, use -mod=readonly or -mod=mod.\n\tTo sync the vendor directory, run:\n\t\tgo {(mode.Workspace is null ? "mod" : "work")} vendor";
    }

    private static string Describe(ModPathVersion m) => m.Version.Length == 0 ? m.Path : m.Path + "@" + m.Version;

    /// <summary>
    /// modload.replacementFrom and canonicalizeReplacePath: the replacement as written, as modules.txt records it
    /// (a directory relative to the go.work in workspace mode), and the file it is in. Nulls when not replaced.
    /// </summary>
    private static (ModPathVersion? Target, ModPathVersion? Canonical, string Source) Replacement(
        ModPathVersion module, BuildMode mode, GoModFile current, string moduleDirectory, HashSet<string> mainPaths)
    {
        var goModPath = Path.Combine(moduleDirectory, "go.mod");
        if (module.Version.Length == 0 && mainPaths.Contains(module.Path))
        {
            return (null, null, goModPath); // the workspace version of a main module is never replaced
        }

        if (mode.Workspace is not { } workspace)
        {
            return GoWorkspace.ReplaceIn(current, module.Path, module.Version) is { } own ? (own.New, own.New, goModPath) : (null, null, goModPath);
        }

        if (workspace.Replacement(module.Path, module.Version, current, moduleDirectory) is not { } found)
        {
            return (null, null, goModPath);
        }

        var target = found.Statement.New;
        var fromWork = found.File == workspace.FilePath;
        if (fromWork || target.Version.Length > 0 || Path.IsPathRooted(target.Path))
        {
            return (target, target, found.File);
        }

        var absolute = GoPaths.Resolve(found.BaseDirectory, target.Path) ?? Path.Join(found.BaseDirectory, target.Path);
        return (target, new ModPathVersion(GoWorkEdits.DirectoryPath(workspace.Directory, absolute), ""), found.File);
    }
}
