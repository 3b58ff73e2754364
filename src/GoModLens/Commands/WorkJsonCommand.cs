using System.CommandLine;
using GoModLens.ModFile.Formatting;

namespace GoModLens.Host.Commands;

/// <summary>`gomodlens work-json &lt;go.work&gt;`: prints what `go work edit -json` prints, with go's errors and exit code.</summary>
internal static class WorkJsonCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("go.work") { Description = "Path of the go.work file" };
        var command = new Command("work-json", "Print the go.work as JSON, exactly like `go work edit -json`.") { file };
        command.SetAction(parsed => Run(parsed.GetValue(file)!, Console.Out, Console.Error));
        return command;
    }

    public static int Run(string path, TextWriter stdout, TextWriter stderr)
    {
        var (result, _) = GoModFileInput.LoadWork(path, stderr);
        if (result is null)
        {
            return 1;
        }

        stdout.Write(WorkJson.Write(result));
        return 0;
    }
}
