using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Workspace;
using GoModLens.ModFile.Semantics;

namespace GoModLens.Analysis.Vendoring;

/// <summary>
/// A module whose builds use its vendor directory (-mod=vendor, from GOFLAGS or go's default) and what that
/// directory's modules.txt records. Builds then need no lookup and no go.sum; they need vendor/modules.txt to match
/// go.mod (<see cref="VendorConsistency"/>). go mod vendor, go mod tidy and go get still look modules up.
/// </summary>
public sealed record VendorState(BuildMode Mode, VendorList List)
{
    /// <summary>The require is vendored at this version (<c>## explicit</c> in modules.txt): builds do not look it up.</summary>
    public bool Vendors(ModPathVersion module) => List.Meta(module).Explicit;

    /// <summary>The toolchain go runs for this module, which must be new enough for every vendored module's go version; null when unknown.</summary>
    public Analysis.Toolchain.ToolchainSelection? Toolchain { get; init; }

    /// <summary>The local toolchain's name (<c>go1.26.11</c>), which runs unless <see cref="Toolchain"/> switches.</summary>
    public string? LocalToolchain { get; init; }

    /// <summary>
    /// The vendor state of the go.mod in <paramref name="moduleDirectory"/> (<paramref name="goMod"/>, the editor's
    /// text), or null when its builds do not use vendor/. <paramref name="workspace"/> is the go.work in force, if any;
    /// <paramref name="readList"/> reads a modules.txt (a caller's cache), null reads it through the environment's files.
    /// </summary>
    public static VendorState? For(GoEnvironment environment, string moduleDirectory, GoModFile goMod, GoWorkspace? workspace,
        Func<string, VendorList>? readList = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(goMod);
        VendorList? read = null;
        VendorList Read(string path) => read ??= readList is not null ? readList(path)
            : environment.Files.ReadAllText(path) is { } text ? VendorList.Parse(text) : VendorList.Empty;

        var mode = BuildMode.Decide(environment.GoFlags.Mod, moduleDirectory, goMod.Go?.Version, workspace, environment.Files, Read);
        return mode.IsVendor
            ? new VendorState(mode, Read(Path.Combine(mode.VendorDirectory, "modules.txt")))
            {
                Toolchain = Analysis.Toolchain.ToolchainSelection.For(environment, goMod.Go?.Version, goMod.Toolchain?.Name, workspace),
                LocalToolchain = environment.LocalToolchain,
            }
            : null;
    }
}
