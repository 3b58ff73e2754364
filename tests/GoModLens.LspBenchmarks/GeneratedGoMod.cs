using System.Globalization;
using System.Text;

namespace GoModLens.LspBenchmarks;

/// <summary>
/// A large, realistic go.mod: a block of direct requires, a block of indirect ones, a few /vN and gopkg.in paths,
/// pseudo-versions, and some replaces (module and local directory).
/// </summary>
internal sealed class GeneratedGoMod
{
    private GeneratedGoMod(string text, IReadOnlyList<RequireLine> requires, IReadOnlyList<ModuleVersion> modules)
    {
        Text = text;
        Requires = requires;
        Modules = modules;
    }

    public string Text { get; }

    public IReadOnlyList<RequireLine> Requires { get; }

    /// <summary>Everything a proxy must serve for this file (requires and replacement modules).</summary>
    public IReadOnlyList<ModuleVersion> Modules { get; }

    public static GeneratedGoMod Create(int requireCount)
    {
        var lines = new List<string> { "module example.com/bench/app", "", "go 1.22", "" };
        var requires = new List<RequireLine>();
        var modules = new List<ModuleVersion>();
        var direct = requireCount * 2 / 5;

        lines.Add("require (");
        for (var i = 0; i < requireCount; i++)
        {
            if (i == direct)
            {
                lines.Add(")");
                lines.Add("");
                lines.Add("require (");
            }

            var (path, version) = Module(i);
            modules.Add(new ModuleVersion(path, version));
            var line = $"\t{path} {version}";
            var commentStart = -1;
            if (i >= direct)
            {
                commentStart = line.Length + 1;
                line += " // indirect";
            }

            requires.Add(new RequireLine(lines.Count, 1, path.Length + 2, path.Length + 2 + version.Length, commentStart));
            lines.Add(line);
        }

        lines.Add(")");
        lines.Add("");
        for (var i = 5; i < requireCount && i <= 5 + (9 * 97); i += 97)
        {
            var (path, _) = Module(i);
            var fork = path.Replace("github.com/", "github.com/forks-", StringComparison.Ordinal);
            if (fork == path)
            {
                continue;
            }

            modules.Add(new ModuleVersion(fork, "v1.0.1"));
            lines.Add($"replace {path} => {fork} v1.0.1");
        }

        lines.Add("replace example.com/bench/local => ./local");
        lines.Add("");
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        return new GeneratedGoMod(text.ToString(), requires, modules);
    }

    /// <summary>
    /// The same go.mod with a tool block of <paramref name="count"/> packages (<c>cmd/tool</c> of the first requires),
    /// and the module cache under <paramref name="modCache"/> holding those requires' trees: every other one has the
    /// package. Every keystroke then looks in the module cache for each tool (GML2018). The requires' lines do not move.
    /// </summary>
    public GeneratedGoMod WithTools(int count, string modCache)
    {
        var text = new StringBuilder(Text).Append("tool (\n");
        foreach (var (require, i) in Modules.Take(Math.Min(count, Requires.Count)).Select((m, i) => (m, i)))
        {
            var package = require.Path + "/cmd/tool";
            text.Append('\t').Append(package).Append('\n');
            var tree = Path.Combine(modCache, require.Path + "@" + require.Version, "cmd", i % 2 == 0 ? "tool" : "other");
            Directory.CreateDirectory(tree);
            File.WriteAllText(Path.Combine(tree, "main.go"), "package main\n\nfunc main() {}\n");
        }

        return new GeneratedGoMod(text.Append(")\n").ToString(), Requires, Modules);
    }

    private static (string Path, string Version) Module(int i)
    {
        var n = i.ToString("D4", CultureInfo.InvariantCulture);
        var minor = (i % 23).ToString(CultureInfo.InvariantCulture);
        var patch = (i % 7).ToString(CultureInfo.InvariantCulture);
        return (i % 40) switch
        {
            0 => ($"github.com/org{i % 97}/service{n}/v2", $"v2.{minor}.{patch}"),
            1 => ($"gopkg.in/pkg{n}.v1", $"v1.{minor}.{patch}"),
            2 => ($"github.com/org{i % 97}/tool{n}", $"v0.0.0-20240102150405-{i:x12}"),
            3 => ($"golang.org/x/lib{n}", $"v0.{minor}.{patch}"),
            4 => ($"k8s.io/component{n}", $"v0.{minor}.{patch}"),
            _ => ($"github.com/org{i % 97}/repo{n}", $"v1.{minor}.{patch}"),
        };
    }
}
