namespace GoModLens.TestUtilities;

/// <summary>
/// Builds a Go command against the golang.org/x/mod vendored in the installed go (offline): the vendored tree becomes
/// module golang.org/x/mod in a scratch directory, the command's .go files go into cmd/&lt;name&gt;, and go builds it.
/// The x/mod packages the test programs use need only the standard library.
/// </summary>
public static class XModProgram
{
    /// <param name="name">The command's name (its directory and binary).</param>
    /// <param name="sourceDirectory">The directory holding the command's .go files.</param>
    /// <returns>The built binary's path.</returns>
    public static string Build(string name, string sourceDirectory)
    {
        GoOracle.Require();
        var goRoot = GoOracle.Run(Path.GetTempPath(), null, "env", "GOROOT").Stdout.Trim();
        var vendored = Path.Combine(goRoot, "src", "cmd", "vendor", "golang.org", "x", "mod");
        if (!Directory.Exists(vendored))
        {
            throw new InvalidOperationException("vendored x/mod not found at " + vendored);
        }

        var dir = GoOracle.NewScratchDir(name);
        foreach (var file in Directory.EnumerateFiles(vendored, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dir, Path.GetRelativePath(vendored, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.WriteAllText(Path.Combine(dir, "go.mod"), "module golang.org/x/mod\n\ngo 1.23\n");
        var cmd = Directory.CreateDirectory(Path.Combine(dir, "cmd", name)).FullName;
        foreach (var source in Directory.EnumerateFiles(sourceDirectory, "*.go"))
        {
            File.Copy(source, Path.Combine(cmd, Path.GetFileName(source)));
        }

        var binary = Path.Combine(dir, name);
        // One build cache for every test process (go's cache is safe to share): a fresh one per process compiled the
        // standard library again each time, which on a busy 2-core machine ran past go's 120 s in every test process.
        var cache = new Dictionary<string, string?> { ["GOCACHE"] = Path.Combine(RepoPaths.Root, "artifacts", "gocache-xmod") };
        var r = GoOracle.Run(dir, cache, "build", "-o", binary, "./cmd/" + name);
        return r.ExitCode == 0 ? binary : throw new InvalidOperationException($"building {name} failed: {r.Stderr}");
    }
}
