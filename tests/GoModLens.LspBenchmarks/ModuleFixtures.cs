using System.Text;
using System.Text.RegularExpressions;

namespace GoModLens.LspBenchmarks;

/// <summary>
/// Files next to the go.mod under test. --vendor: a vendor/modules.txt as go mod vendor writes it for that go.mod
/// (every require explicit, replacements recorded), so that go's default build mode is -mod=vendor and every keystroke
/// runs the vendor consistency check over all requires. --gosum: a complete go.sum. (No project reference: the go.mod
/// is read with two patterns.)
/// </summary>
internal static partial class ModuleFixtures
{
    public static void WriteVendor(string moduleDirectory, string goModText)
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

    /// <summary>
    /// A go.sum with both lines of every require and of every module replacement target, as a tidy module has: the
    /// keystroke path then looks each require up in it. The hashes are well-formed but not real (nothing is downloaded
    /// with the network off).
    /// </summary>
    public static void WriteGoSum(string moduleDirectory, string goModText)
    {
        var sb = new StringBuilder();
        var modules = RequireLine().Matches(goModText).Select(m => (m.Groups[1].Value, m.Groups[2].Value))
            .Concat(ReplaceLine().Matches(goModText).Select(m => m.Groups[2].Value.Trim().Split(' ')).Where(t => t.Length == 2).Select(t => (t[0], t[1])));
        foreach (var (path, version) in modules.Distinct().Order())
        {
            var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(path + "@" + version)));
            sb.Append(path).Append(' ').Append(version).Append(" h1:").Append(hash).Append('\n');
            sb.Append(path).Append(' ').Append(version).Append("/go.mod h1:").Append(hash).Append('\n');
        }

        File.WriteAllText(Path.Combine(moduleDirectory, "go.sum"), sb.ToString());
    }

    // A line of a require block: tab, path, version (a comment may follow).
    [GeneratedRegex(@"^\t(\S+) (v\S+)", RegexOptions.Multiline)]
    private static partial Regex RequireLine();

    // A path-wide replace line: replace old => new [version].
    [GeneratedRegex(@"^replace (\S+) => (.+)$", RegexOptions.Multiline)]
    private static partial Regex ReplaceLine();
}
