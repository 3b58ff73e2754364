using System.Diagnostics;
using System.Globalization;

namespace GoModLens.LspBenchmarks;

/// <summary>date -u, nproc, CPU model, dotnet --version and GC mode, for the record next to the numbers.</summary>
internal static class MachineFacts
{
    public static IReadOnlyList<(string Key, string Value)> Collect() =>
    [
        ("date (UTC)", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)),
        ("nproc", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)),
        ("CPU", CpuModel()),
        ("dotnet --version", Run("dotnet", "--version")),
        ("OS", System.Runtime.InteropServices.RuntimeInformation.OSDescription),
        ("DOTNET_gcServer", Environment.GetEnvironmentVariable("DOTNET_gcServer") ?? "(unset)"),
        ("load average", File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?"),
    ];

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";

    private static string Run(string file, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, UseShellExecute = false });
            var output = process!.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"? ({ex.Message})";
        }
    }
}
