using GoModLens.ModFile.Text;
using System.CommandLine;
using System.Text;
using GoModLens.ModFile.Formatting;

namespace GoModLens.Host.Commands;

/// <summary>
/// `gomodlens fmt &lt;go.mod&gt; [--write]`: prints (or writes in place) what `go mod edit -fmt` would write, or for a
/// file named go.work what `go work edit -fmt` would write. A file go rejects is left untouched and go's error is
/// printed.
/// </summary>
internal static class FmtCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("go.mod") { Description = "Path of the go.mod (or go.work) file" };
        var write = new Option<bool>("--write", "-w") { Description = "Rewrite the file in place instead of printing" };
        var command = new Command("fmt", "Format a go.mod exactly like `go mod edit -fmt` (a go.work like `go work edit -fmt`).") { file, write };
        command.SetAction(parsed => Run(parsed.GetValue(file)!, parsed.GetValue(write), Console.Out, Console.Error));
        return command;
    }

    public static int Run(string path, bool write, TextWriter stdout, TextWriter stderr)
    {
        var (result, original) = GoModFileInput.IsGoWork(path)
            ? GoModFileInput.LoadWork(path, stderr)
            : GoModFileInput.Load(path, stderr);
        if (result is null)
        {
            return 1;
        }

        var text = ModFilePrinter.FormatLikeGoModEdit(result);
        if (!write)
        {
            stdout.Write(text);
            return 0;
        }

        var formatted = GoUtf8.Encode(text); // bytes that are not UTF-8 stay as they were, as go mod edit -fmt keeps them
        if (formatted.AsSpan().SequenceEqual(original))
        {
            return 0;
        }

        try
        {
            WriteAtomically(path, formatted);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.Write($"go: {e.Message}\n");
            return 1;
        }

        return 0;
    }

    /// <summary>Writes next to the target and renames over it, so readers never see a half-written go.mod; keeps the file mode.</summary>
    private static void WriteAtomically(string path, byte[] contents)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(dir, "." + Path.GetFileName(full) + ".gomodlens-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            File.WriteAllBytes(temp, contents);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, File.GetUnixFileMode(full));
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
