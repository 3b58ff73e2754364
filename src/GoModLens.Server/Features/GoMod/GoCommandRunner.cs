using System.Diagnostics;
using GoModLens.Analysis.Environment;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// Runs the go commands the quick fixes name, in a go.mod's directory: <c>go mod download &lt;module&gt;</c>, the fix go
/// itself prints for a missing go.sum entry (GML1507, GML1509), and <c>go mod vendor</c> / <c>go work vendor</c>, the
/// fix for inconsistent vendoring (GML2013). The go of the environment's GOROOT, else the one on PATH; arguments are
/// passed as a list (no shell) and checked by the caller, and a deadline applies, since go itself has none.
/// </summary>
internal static class GoCommandRunner
{
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    /// <param name="environment">The server's process environment (the child's whole environment).</param>
    /// <param name="overrides">The editor's GOPROXY/GOPRIVATE, which GoModLens resolved with, so go downloads the same way.</param>
    public static async Task<(bool Ok, string Output)> RunAsync(GoEnvironment goEnvironment, IReadOnlyDictionary<string, string> environment,
        IReadOnlyDictionary<string, string> overrides, string directory, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (Locate(goEnvironment, environment) is not { } go)
        {
            return (false, "the go command was found neither in GOROOT nor on PATH");
        }

        var start = new ProcessStartInfo(go)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (key, value) in environment.Concat(overrides))
        {
            start.Environment[key] = value;
        }

        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (false, $"{go} did not start: {e.Message}"); // not executable, or gone since it was found
        }

        using var process = started ?? throw new InvalidOperationException("go did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (false, cancellationToken.IsCancellationRequested ? "cancelled" : $"no result within {Deadline.TotalMinutes:0} minutes (go has no timeout of its own)");
        }

        var output = ((await stderr.ConfigureAwait(false)) + (await stdout.ConfigureAwait(false))).Trim();
        return (process.ExitCode == 0, output);
    }

    private static string? Locate(GoEnvironment goEnvironment, IReadOnlyDictionary<string, string> environment)
    {
        var exe = OperatingSystem.IsWindows() ? "go.exe" : "go";
        if (goEnvironment.GoRoot is { Length: > 0 } root && File.Exists(Path.Combine(root, "bin", exe)))
        {
            return Path.Combine(root, "bin", exe);
        }

        var path = environment.GetValueOrDefault("PATH") ?? environment.GetValueOrDefault("Path") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, exe))
            .FirstOrDefault(File.Exists);
    }
}
