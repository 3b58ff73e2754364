using System.Diagnostics;
using System.Text;
using Xunit;

namespace GoModLens.TestUtilities;

/// <summary>
/// The real go command (1.26) as a test oracle. It is looked up in $GOMODLENS_GO, then &lt;repo&gt;/.tools/go
/// (installed by tests/tools/install-go.sh), then PATH. Every run gets a scratch GOPATH, module cache, build cache,
/// HOME and XDG dirs, GOTOOLCHAIN=local, GOENV=off, GOFLAGS=-mod=mod, GOPROXY=off, GOSUMDB=off and no telemetry,
/// so nothing leaks in from the developer's machine and nothing touches the network unless a test asks for a proxy.
/// </summary>
public static class GoOracle
{
    private static readonly Lazy<string?> s_path = new(Locate);
    private const string ScratchPrefix = "gomodlens-go-";

    // One scratch area per test process, removed when the process exits. Each holds a module cache and a build cache
    // (100-400 MB), so areas a process left behind are swept when the next one starts: left to pile up they filled a
    // CI machine's disk. (The test runner may kill its test host before the exit handler is done; run-all.sh sweeps
    // after the last suite.)
    private static readonly Lazy<string> s_scratch = new(() =>
    {
        SweepAbandonedScratchAreas();
        var dir = Path.Combine(Path.GetTempPath(), ScratchPrefix + Environment.ProcessId);
        Directory.CreateDirectory(Path.Combine(dir, "gotmp"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteTree(dir);
        return dir;
    });

    /// <summary>Path of the go binary, or null when it is not installed.</summary>
    public static string? GoPath => s_path.Value;

    /// <summary>
    /// Skips the calling [SkippableFact]/[SkippableTheory] when go is missing, except under CI=true, where a missing
    /// oracle is a failure: CI installs it, so its absence means the differential tests silently stopped running.
    /// </summary>
    public static string Require()
    {
        if (GoPath is { } path)
        {
            return path;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("go 1.26 is required under CI=true; run tests/tools/install-go.sh");
        }

        Skip.If(true, "go 1.26 not installed (tests/tools/install-go.sh)");
        return "";
    }

    /// <summary>A fresh empty directory under this process's scratch area.</summary>
    public static string NewScratchDir(string name = "w")
    {
        var dir = Path.Combine(s_scratch.Value, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Runs go with the isolated environment; <paramref name="env"/> entries override it (null value = unset).</summary>
    public static GoResult Run(string workDir, IReadOnlyDictionary<string, string?>? env, params string[] args)
    {
        var go = Require();
        var psi = new ProcessStartInfo(go)
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Clear();
        foreach (var (k, v) in EnvironmentWith(env))
        {
            psi.Environment[k] = v;
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + go);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("go " + string.Join(' ', args) + " did not finish in 120 s");
        }

        return new GoResult(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// <see cref="BaseEnvironment"/> with <paramref name="overrides"/> applied (a null value removes the variable): the
    /// environment a go run sees, and so the one to compute GoModLens's own view from.
    /// </summary>
    public static Dictionary<string, string> EnvironmentWith(IReadOnlyDictionary<string, string?>? overrides)
    {
        var env = BaseEnvironment();
        foreach (var (k, v) in overrides ?? new Dictionary<string, string?>())
        {
            if (v is null)
            {
                env.Remove(k);
            }
            else
            {
                env[k] = v;
            }
        }

        return env;
    }

    /// <summary>
    /// <c>go mod download -json</c> of <paramref name="modules"/> (path@version) in <paramref name="workDir"/>: each one's
    /// go.sum hashes, keyed by path@version, as go computes them (Zip: the module's line, GoMod: its /go.mod line).
    /// </summary>
    public static IReadOnlyDictionary<string, (string Zip, string GoMod)> DownloadHashes(string workDir, IReadOnlyDictionary<string, string?> env, params string[] modules)
    {
        var result = Run(workDir, env, ["mod", "download", "-json", .. modules]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = System.Text.Json.JsonDocument.Parse("[" + result.Stdout.Replace("}\n{", "},\n{", StringComparison.Ordinal) + "]");
        return json.RootElement.EnumerateArray().ToDictionary(
            m => m.GetProperty("Path").GetString() + "@" + m.GetProperty("Version").GetString(),
            m => (m.GetProperty("Sum").GetString()!, m.GetProperty("GoModSum").GetString()!));
    }

    /// <summary>The isolated environment every go run starts from.</summary>
    public static Dictionary<string, string> BaseEnvironment()
    {
        var s = s_scratch.Value;
        return new Dictionary<string, string>
        {
            ["PATH"] = Path.GetDirectoryName(GoPath ?? "/usr/bin") + ":/usr/bin:/bin",
            ["HOME"] = Path.Combine(s, "home"),
            ["XDG_CONFIG_HOME"] = Path.Combine(s, "xdg-config"),
            ["XDG_CACHE_HOME"] = Path.Combine(s, "xdg-cache"),
            ["XDG_DATA_HOME"] = Path.Combine(s, "xdg-data"),
            ["GOPATH"] = Path.Combine(s, "gopath"),
            ["GOMODCACHE"] = Path.Combine(s, "gopath", "pkg", "mod"),
            ["GOCACHE"] = Path.Combine(s, "gocache"),
            ["GOTMPDIR"] = Path.Combine(s, "gotmp"), // go's work dirs, which a killed go leaves behind, inside the area too
            ["GOTOOLCHAIN"] = "local",
            ["GOENV"] = "off",
            ["GOFLAGS"] = "-mod=mod -modcacherw",
            ["GOPROXY"] = "off",
            ["GOSUMDB"] = "off",
            ["GOTELEMETRY"] = "off",
            ["GO111MODULE"] = "on",
        };
    }

    private static void SweepAbandonedScratchAreas()
    {
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), ScratchPrefix + "*"))
        {
            if (int.TryParse(Path.GetFileName(dir).AsSpan(ScratchPrefix.Length), out var pid) && !IsRunning(pid))
            {
                DeleteTree(dir);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Deletes <paramref name="dir"/> and everything in it, best effort. go leaves its module cache read-only, and a file
    /// in a read-only directory cannot be removed, so every directory is made writable first.
    /// </summary>
    public static void DeleteTree(string dir)
    {
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                foreach (var sub in Directory.EnumerateDirectories(dir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = false }).Prepend(dir))
                {
                    File.SetUnixFileMode(sub, File.GetUnixFileMode(sub) | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: what is left is swept by the next test process.
        }
    }

    private static string? Locate()
    {
        var candidates = new List<string?>
        {
            Environment.GetEnvironmentVariable("GOMODLENS_GO"),
            Path.Combine(RepoPaths.Root, ".tools", "go", "usr", "lib", "go-1.26", "bin", "go"),
        };
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            candidates.Add(Path.Combine(dir, "go"));
        }

        foreach (var c in candidates)
        {
            if (!string.IsNullOrEmpty(c) && File.Exists(c) && IsGo126(c))
            {
                return c;
            }
        }

        return null;
    }

    private static bool IsGo126(string path)
    {
        try
        {
            var psi = new ProcessStartInfo(path, "version") { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.Environment["GOTOOLCHAIN"] = "local";
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit(10_000);
            return output.Contains("go1.26", StringComparison.Ordinal);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

public sealed record GoResult(int ExitCode, string Stdout, string Stderr);
