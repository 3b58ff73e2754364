namespace GoModLens.Analysis.Environment;

/// <summary>What go builds for, as work.BuildInit sees it (cfg.Goos, cfg.Goarch, cfg.BuildContext.CgoEnabled).</summary>
/// <param name="CgoEnabled">CGO_ENABLED, else off for a cross-compile or a target without cgo, else on when a C compiler
/// is found.</param>
/// <param name="CrossCompiling">GOOS/GOARCH differ from the go command's own (go's -race message then gives no advice).</param>
public sealed record BuildTarget(string Goos, string Goarch, bool CgoEnabled, bool CrossCompiling)
{
    /// <summary>
    /// CC, CXX and FC where set (environment, GOENV file or go.env): BuildInit refuses a command whose quotes do not
    /// close, or whose program is a relative path.
    /// </summary>
    public IReadOnlyList<EnvValue> CompilerCommands { get; init; } = [];

    /// <summary>GOOS and GOARCH where set: the settings to name when the pair is not a port.</summary>
    public IReadOnlyList<EnvValue> PlatformSettings { get; init; } = [];

    /// <summary>go 1.26's ports (internal/platform's distInfo, broken ones included) and whether each supports cgo.</summary>
    private static readonly Dictionary<string, bool> s_ports = new(StringComparer.Ordinal)
    {
        ["aix/ppc64"] = true, ["android/386"] = true, ["android/amd64"] = true, ["android/arm"] = true, ["android/arm64"] = true,
        ["darwin/amd64"] = true, ["darwin/arm64"] = true, ["dragonfly/amd64"] = true, ["freebsd/386"] = true, ["freebsd/amd64"] = true,
        ["freebsd/arm"] = true, ["freebsd/arm64"] = true, ["freebsd/riscv64"] = true, ["illumos/amd64"] = true, ["ios/amd64"] = true,
        ["ios/arm64"] = true, ["js/wasm"] = false, ["linux/386"] = true, ["linux/amd64"] = true, ["linux/arm"] = true, ["linux/arm64"] = true,
        ["linux/loong64"] = true, ["linux/mips"] = true, ["linux/mips64"] = true, ["linux/mips64le"] = true, ["linux/mipsle"] = true,
        ["linux/ppc64"] = false, ["linux/ppc64le"] = true, ["linux/riscv64"] = true, ["linux/s390x"] = true, ["linux/sparc64"] = true,
        ["netbsd/386"] = true, ["netbsd/amd64"] = true, ["netbsd/arm"] = true, ["netbsd/arm64"] = true, ["openbsd/386"] = true,
        ["openbsd/amd64"] = true, ["openbsd/arm"] = true, ["openbsd/arm64"] = true, ["openbsd/mips64"] = true, ["openbsd/ppc64"] = false,
        ["openbsd/riscv64"] = true, ["plan9/386"] = false, ["plan9/amd64"] = false, ["plan9/arm"] = false, ["solaris/amd64"] = true,
        ["wasip1/wasm"] = false, ["windows/386"] = true, ["windows/amd64"] = true, ["windows/arm64"] = true,
    };

    private string Platform => Goos + "/" + Goarch;

    /// <summary>Whether GOOS/GOARCH is one of go's ports (go build stops on any other pair; go list does not).</summary>
    public bool IsPort => s_ports.ContainsKey(Platform);

    /// <summary>internal/platform.CgoSupported.</summary>
    public static bool CgoSupported(string goos, string goarch) => s_ports.GetValueOrDefault(goos + "/" + goarch);

    /// <summary>Whether <paramref name="goos"/> is a system go has any port for (else the GOOS, not the GOARCH, is wrong).</summary>
    public static bool IsKnownGoos(string goos) => s_ports.Keys.Any(p => p.StartsWith(goos + "/", StringComparison.Ordinal));

    /// <summary>internal/platform.RaceDetectorSupported.</summary>
    public bool RaceSupported => Goos switch
    {
        "linux" => Goarch is "amd64" or "arm64" or "loong64" or "ppc64le" or "riscv64" or "s390x",
        "darwin" => Goarch is "amd64" or "arm64",
        "freebsd" or "netbsd" or "windows" => Goarch == "amd64",
        _ => false,
    };

    /// <summary>internal/platform.MSanSupported.</summary>
    public bool MSanSupported => Goos switch
    {
        "linux" => Goarch is "amd64" or "arm64" or "loong64",
        "freebsd" => Goarch == "amd64",
        _ => false,
    };

    /// <summary>internal/platform.ASanSupported.</summary>
    public bool ASanSupported => Goos == "linux" && Goarch is "arm64" or "amd64" or "loong64" or "riscv64" or "ppc64le";

    /// <summary>internal/platform.DefaultPIE: whether the default build mode links a PIE (never with -race on Windows).</summary>
    public bool DefaultPie(bool race) => Goos switch
    {
        "android" or "ios" or "darwin" => true,
        "windows" => !race,
        _ => false,
    };

    /// <summary>internal/platform.BuildModeSupported: gccgo builds every mode; gc none on a pair that is not a port.</summary>
    public bool BuildModeSupported(string buildMode, bool gccgo)
    {
        if (gccgo)
        {
            return true;
        }

        if (!IsPort)
        {
            return false;
        }

        return buildMode switch
        {
            "archive" or "default" or "exe" => true,
            "c-archive" => Goos switch
            {
                "aix" or "darwin" or "ios" or "windows" => true,
                "linux" => Goarch is "386" or "amd64" or "arm" or "armbe" or "arm64" or "arm64be" or "loong64" or "ppc64le" or "riscv64" or "s390x",
                "freebsd" => Goarch == "amd64",
                _ => false,
            },
            "c-shared" => Platform is "linux/amd64" or "linux/arm" or "linux/arm64" or "linux/loong64" or "linux/386" or "linux/ppc64le"
                or "linux/riscv64" or "linux/s390x" or "android/amd64" or "android/arm" or "android/arm64" or "android/386" or "freebsd/amd64"
                or "darwin/amd64" or "darwin/arm64" or "windows/amd64" or "windows/386" or "windows/arm64" or "wasip1/wasm",
            "pie" => Platform is "linux/386" or "linux/amd64" or "linux/arm" or "linux/arm64" or "linux/loong64" or "linux/ppc64le"
                or "linux/riscv64" or "linux/s390x" or "android/amd64" or "android/arm" or "android/arm64" or "android/386" or "freebsd/amd64"
                or "darwin/amd64" or "darwin/arm64" or "ios/amd64" or "ios/arm64" or "aix/ppc64" or "openbsd/arm64" or "windows/386"
                or "windows/amd64" or "windows/arm64",
            "shared" => Platform is "linux/386" or "linux/amd64" or "linux/arm" or "linux/arm64" or "linux/ppc64le" or "linux/s390x",
            "plugin" => Platform is "linux/amd64" or "linux/arm" or "linux/arm64" or "linux/386" or "linux/loong64" or "linux/riscv64"
                or "linux/s390x" or "linux/ppc64le" or "android/amd64" or "android/386" or "darwin/amd64" or "darwin/arm64" or "freebsd/amd64",
            _ => false,
        };
    }
}
