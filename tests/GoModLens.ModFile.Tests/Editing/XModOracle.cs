using GoModLens.TestUtilities;

namespace GoModLens.ModFile.Tests.Editing;

/// <summary>
/// x/mod modfile itself as an oracle for edits `go mod edit` cannot express (SetRequire, SetRequireSeparateIndirect,
/// AddNewRequire): copies the x/mod vendored in the installed go into a scratch module, adds xmod-oracle/main.go and
/// builds it once per test run (offline: x/mod's needed packages depend only on the standard library).
/// </summary>
internal static class XModOracle
{
    private static readonly Lazy<string> s_binary = new(Build);

    public static GoResult Run(string mode, string goModText, IEnumerable<(string Path, string Version, bool Indirect)> spec)
    {
        var dir = GoOracle.NewScratchDir("xmod-run");
        try
        {
            var gomod = Path.Combine(dir, "go.mod");
            var specFile = Path.Combine(dir, "spec.txt");
            File.WriteAllText(gomod, goModText);
            File.WriteAllLines(specFile, spec.Select(s => $"{s.Path} {s.Version} {(s.Indirect ? 1 : 0)}"));
            return RunBinary(s_binary.Value, dir, mode, gomod, specFile);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>modfile.ModulePath of <paramref name="text"/>'s UTF-8 bytes, as a Go-quoted string.</summary>
    public static string ModulePath(string text)
    {
        var dir = GoOracle.NewScratchDir("xmod-run");
        try
        {
            var file = Path.Combine(dir, "go.mod");
            File.WriteAllText(file, text);
            var result = RunBinary(s_binary.Value, dir, "modulepath", file);
            return result.ExitCode == 0 ? result.Stdout.TrimEnd('\n') : throw new InvalidOperationException(result.Stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Build() =>
        XModProgram.Build("xmod-oracle", Path.Combine(RepoPaths.Root, "tests", "GoModLens.ModFile.Tests", "Editing", "xmod-oracle"));

    /// <summary>x/mod's tlog and note writing a signed log to <paramref name="outDir"/> (see xmod-oracle/tlog.go).</summary>
    public static void WriteTlog(string outDir, int height, params long[] treeSizes)
    {
        var result = RunBinary(s_binary.Value, outDir, ["tlog", outDir, height.ToString(System.Globalization.CultureInfo.InvariantCulture),
            .. treeSizes.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.Stderr);
        }
    }

    private static GoResult RunBinary(string binary, string workDir, params string[] args)
    {
        var psi = new System.Diagnostics.ProcessStartInfo(binary)
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return new GoResult(p.ExitCode, stdout.Result, stderr.Result);
    }
}
