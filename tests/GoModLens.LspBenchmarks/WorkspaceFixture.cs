namespace GoModLens.LspBenchmarks;

/// <summary>
/// Puts the benchmark go.mod (work/big) into workspace mode: a go.work that uses it and <c>n</c> more modules, each
/// with 50 requires, a replace, and a go.sum, like a kubernetes-style repository with staging modules.
/// </summary>
internal static class WorkspaceFixture
{
    public static void Write(string work, int modules)
    {
        var uses = new List<string> { "\t./big\n" };
        for (var i = 0; i < modules; i++)
        {
            var dir = Path.Combine(work, "staging", "m" + i);
            Directory.CreateDirectory(dir);
            var requires = string.Concat(Enumerable.Range(0, 50).Select(j => $"\tgithub.com/dep{j}/x v1.{j}.0\n"));
            File.WriteAllText(Path.Combine(dir, "go.mod"),
                $"module k8s.io/m{i}\n\ngo 1.22\n\nrequire (\n{requires})\n\nreplace k8s.io/m{(i + 1) % modules} => ../m{(i + 1) % modules}\n");
            File.WriteAllText(Path.Combine(dir, "go.sum"),
                string.Concat(Enumerable.Range(0, 50).Select(j => $"github.com/dep{j}/x v1.{j}.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")));
            uses.Add($"\t./staging/m{i}\n");
        }

        File.WriteAllText(Path.Combine(work, "go.work"), "go 1.22\n\nuse (\n" + string.Concat(uses) + ")\n");
    }
}
