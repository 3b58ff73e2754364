using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Toolchain;
using GoModLens.Analysis.Workspace;

namespace GoModLens.Analysis.Vendoring;

/// <summary>
/// The -mod a build command (go build, go test, go list, go run) uses in a module, as modload.setDefaultBuildMod
/// decides it: GOFLAGS' -mod when set; otherwise <c>vendor</c> when a vendor directory exists, the go line (of the
/// go.work in workspace mode) is at least 1.14 and vendor/modules.txt was written in the same mode; otherwise
/// <c>readonly</c>. go get, go mod download, go mod tidy and go mod vendor take no -mod and look modules up whatever
/// this says, so it decides what builds need (vendor/ or the module cache and go.sum), not what the network answers.
/// </summary>
/// <param name="Mode"><c>vendor</c>, <c>readonly</c> or <c>mod</c>.</param>
/// <param name="Explicit">Set by GOFLAGS (go's cfg.BuildModExplicit).</param>
/// <param name="Reason">go's cfg.BuildModReason: why vendor/ is or is not used, or null.</param>
/// <param name="VendorDirectory">The vendor directory go reads: next to the go.mod, or next to the go.work in workspace mode.</param>
/// <param name="Workspace">The go.work in force when the module is in workspace mode, else null.</param>
public sealed record BuildMode(string Mode, bool Explicit, string? Reason, string VendorDirectory, GoWorkspace? Workspace = null)
{
    public bool IsVendor => Mode == "vendor";

    /// <summary>go's goModDirtyError in this mode: "updates to go.mod needed", with the -mod that forbids them and why.</summary>
    public string UpdatesNeededMessage => Explicit ? $"updates to go.mod needed, disabled by -mod={Mode}; to update it:\n\tgo mod tidy"
        : Reason is { Length: > 0 } reason ? $"updates to go.mod needed, disabled by -mod={Mode}\n\t({reason})\n\tto update it:\n\tgo mod tidy"
        : "updates to go.mod needed; to update it:\n\tgo mod tidy";

    /// <summary>
    /// The build mode in <paramref name="moduleDirectory"/>, whose go.mod declares <paramref name="goVersion"/> (null: no
    /// go line). <paramref name="workspace"/> is the go.work in force if it uses the module. Never throws.
    /// </summary>
    /// <param name="readList">Reads a vendor/modules.txt (a caller's cache); null reads its first line through <paramref name="files"/>.</param>
    public static BuildMode Decide(string? explicitMod, string moduleDirectory, string? goVersion, GoWorkspace? workspace, IGoEnvFileSystem files,
        Func<string, VendorList>? readList = null)
    {
        ArgumentNullException.ThrowIfNull(moduleDirectory);
        ArgumentNullException.ThrowIfNull(files);
        var inWorkspace = workspace is { Parse: not null } && workspace.Uses(moduleDirectory);
        var vendorDirectory = Path.Combine(inWorkspace ? workspace!.Directory : moduleDirectory, "vendor");
        var work = inWorkspace ? workspace : null;
        if (explicitMod is { Length: > 0 })
        {
            return new BuildMode(explicitMod, true, null, vendorDirectory, work);
        }

        var source = inWorkspace ? "go.work" : "go.mod";
        var version = inWorkspace ? workspace!.Parse!.Model.Go?.Version : goVersion;
        if (!files.DirectoryExists(vendorDirectory))
        {
            return new BuildMode("readonly", false, null, vendorDirectory, work);
        }

        if (string.IsNullOrEmpty(version))
        {
            return new BuildMode("readonly", false, $"Go version in {source} is unspecified, so vendor directory was not used.", vendorDirectory, work);
        }

        if (GoVersions.Compare(version, "1.14") < 0)
        {
            return new BuildMode("readonly", false, $"Go version in {source} is {version}, so vendor directory was not used.", vendorDirectory, work);
        }

        var modulesTxt = Path.Combine(vendorDirectory, "modules.txt");
        var forWorkspace = readList is not null ? readList(modulesTxt).ForWorkspace
            : files.ReadAllText(modulesTxt) is { } text && VendorList.IsForWorkspace(text);
        if (forWorkspace != inWorkspace)
        {
            return new BuildMode("readonly", false, forWorkspace
                ? "Outside workspace mode, but vendor directory is for a workspace."
                : "In workspace mode, but vendor directory is not for a workspace", vendorDirectory, work);
        }

        return new BuildMode("vendor", false, $"Go version in {source} is at least 1.14 and vendor directory exists.", vendorDirectory, work);
    }
}
