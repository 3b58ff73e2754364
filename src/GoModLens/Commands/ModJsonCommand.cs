using System.CommandLine;
using GoModLens.ModFile.Formatting;

namespace GoModLens.Host.Commands;

/// <summary>`gomodlens mod-json &lt;go.mod&gt;`: prints what `go mod edit -json` prints, with go's errors and exit code.</summary>
internal static class ModJsonCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("go.mod") { Description = "Path of the go.mod file" };
        var command = new Command("mod-json", "Print the go.mod as JSON, exactly like `go mod edit -json`.") { file };
        command.SetAction(parsed => Run(parsed.GetValue(file)!, Console.Out, Console.Error));
        return command;
    }

    public static int Run(string path, TextWriter stdout, TextWriter stderr)
    {
        var (result, _) = GoModFileInput.Load(path, stderr);
        if (result is null)
        {
            return 1;
        }

        stdout.Write(ModJson.Write(result));
        return 0;
    }
}
