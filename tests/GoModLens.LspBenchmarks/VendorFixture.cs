using System.Text;
using System.Text.RegularExpressions;

namespace GoModLens.LspBenchmarks;

/// <summary>
/// --vendor: a vendor/modules.txt next to the go.mod under test, as go mod vendor writes it for that go.mod (every
/// require explicit, replacements recorded), so that go's default build mode is -mod=vendor and every keystroke runs
/// the vendor consistency check over all requires. (No project reference: the go.mod is read with two patterns.)
/// </summary>
internal static partial class VendorFixture
{
    public static void Write(string moduleDirectory, string goModText)
    {
        var replaced = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in ReplaceLine().Matches(goModText))
        {
            replaced[m.Groups[1].Value] = m.Groups[2].Value.Trim();
        }

        var sb = new StringBuilder();
        foreach (Match m in RequireLine().Matches(goModText))
        {
            var (path, version) = (m.Groups[1].Value, m.Groups[2].Value);
            sb.Append("# ").Append(path).Append(' ').Append(version);
            if (replaced.TryGetValue(path, out var target))
            {
                sb.Append(" => ").Append(target);
            }

            sb.Append("\n## explicit; go 1.18\n").Append(path).Append('\n');
        }

        foreach (var (path, target) in replaced)
        {
            sb.Append("# ").Append(path).Append(" => ").Append(target).Append('\n');
        }

        Directory.CreateDirectory(Path.Combine(moduleDirectory, "vendor"));
        File.WriteAllText(Path.Combine(moduleDirectory, "vendor", "modules.txt"), sb.ToString());
    }

    // A line of a require block: tab, path, version (a comment may follow).
    [GeneratedRegex(@"^\t(\S+) (v\S+)", RegexOptions.Multiline)]
    private static partial Regex RequireLine();

    // A path-wide replace line: replace old => new [version].
    [GeneratedRegex(@"^replace (\S+) => (.+)$", RegexOptions.Multiline)]
    private static partial Regex ReplaceLine();
}
