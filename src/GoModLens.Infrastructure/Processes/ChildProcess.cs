using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace GoModLens.Infrastructure.Processes;

/// <summary>How a child process ended.</summary>
/// <param name="ExitCode">Its exit status (meaningless when <paramref name="TimedOut"/>).</param>
/// <param name="Stdout">Standard output, up to the cap.</param>
/// <param name="Stderr">Standard error, up to 64 KiB.</param>
/// <param name="TimedOut">The deadline ended it (the whole process tree was killed).</param>
/// <param name="Overflow">Standard output went over the cap (the rest was drained, not kept).</param>
/// <param name="Elapsed">Wall time.</param>
internal sealed record ChildProcessResult(int ExitCode, string Stdout, string Stderr, bool TimedOut, bool Overflow, TimeSpan Elapsed)
{
    /// <summary>Standard output as bytes, when asked for (<see cref="Stdout"/> is then empty): output whose lengths are in bytes.</summary>
    public byte[] StdoutBytes { get; init; } = [];
}

/// <summary>
/// The one way Infrastructure runs a tool (git, GOAUTH commands): arguments as a list, stdin written then closed,
/// both outputs read as they come (a full pipe never blocks the child), and a deadline that kills the process tree.
/// </summary>
internal static class ChildProcess
{
    /// <returns>Null when the program cannot be started (not installed, not executable).</returns>
    /// <param name="maxStdoutBytes">Standard output kept at most; past it the rest is drained and <see cref="ChildProcessResult.Overflow"/> set.</param>
    /// <param name="binaryStdout">Keep standard output as bytes (<see cref="ChildProcessResult.StdoutBytes"/>) rather than text.</param>
    public static async Task<ChildProcessResult?> RunAsync(ProcessStartInfo start, string? stdin, TimeSpan timeout, int maxStdoutBytes = int.MaxValue, bool binaryStdout = false)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.StandardOutputEncoding = Encoding.UTF8;
        start.StandardErrorEncoding = Encoding.UTF8;
        start.StandardInputEncoding = new UTF8Encoding(false);
        start.UseShellExecute = false;
        start.CreateNoWindow = true;
        var started = Stopwatch.GetTimestamp();
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Exception e) when (e is Win32Exception or IOException or InvalidOperationException)
        {
            return null;
        }

        if (process is null)
        {
            return null;
        }

        using (process)
        using (var deadline = new CancellationTokenSource(timeout))
        {
            try
            {
                if (stdin is not null)
                {
                    await process.StandardInput.WriteAsync(stdin);
                }

                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // it exited without reading its input; its exit status tells the rest
            }

            var stdout = ReadCappedAsync(process.StandardOutput.BaseStream, maxStdoutBytes);
            var stderr = ReadCappedAsync(process.StandardError.BaseStream, 64 << 10);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // already gone
                }

                return new ChildProcessResult(-1, "", "", true, false, Stopwatch.GetElapsedTime(started));
            }

            var (output, overflow) = await stdout;
            var (error, _) = await stderr;
            return new ChildProcessResult(process.ExitCode, binaryStdout ? "" : Encoding.UTF8.GetString(output), Encoding.UTF8.GetString(error), false, overflow,
                Stopwatch.GetElapsedTime(started)) { StdoutBytes = binaryStdout ? output : [] };
        }
    }

    private static async Task<(byte[] Bytes, bool Overflow)> ReadCappedAsync(Stream stream, int maxBytes)
    {
        using var kept = new MemoryStream();
        var buffer = new byte[16 << 10];
        var overflow = false;
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            overflow |= kept.Length + n > maxBytes;
            if (!overflow)
            {
                kept.Write(buffer, 0, n);
            }
        }

        return (kept.ToArray(), overflow);
    }
}
