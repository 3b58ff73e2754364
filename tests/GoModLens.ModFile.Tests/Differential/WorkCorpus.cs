using System.Text;
using System.Text.RegularExpressions;
using GoModLens.TestUtilities;

namespace GoModLens.ModFile.Tests.Differential;

/// <summary>
/// go.work texts checked against `go work edit`: our own corpus/gowork (*.work; names starting with err_ are
/// texts go rejects), the go.mod edge corpus read as go.work (lexer and syntax corner cases, plus go.mod-only
/// directives go.work must reject), and the go.work members of the txtar scripts in the oracle's own GOROOT
/// (src/cmd/go/testdata/script), read in place.
/// </summary>
internal static partial class WorkCorpus
{
    public sealed record Case(string Name, string Text)
    {
        public override string ToString() => Name;
    }

    /// <summary>UTF-8 without a BOM: the text's own U+FEFF, if any, is written back as it was read.</summary>
    public static UTF8Encoding Encoding { get; } = new(encoderShouldEmitUTF8Identifier: false);

    public static IReadOnlyList<Case> Own { get; } = Read(RepoPaths.Corpus("gowork"), "*.work");

    public static IReadOnlyList<Case> EdgeAsWork { get; } = Read(RepoPaths.Corpus("edge"), "*");

    private static readonly Lazy<IReadOnlyList<Case>> s_goScripts = new(ReadGoScripts);

    /// <summary>Empty when the oracle is not installed.</summary>
    public static IReadOnlyList<Case> GoScriptSections => s_goScripts.Value;

    private static List<Case> Read(string dir, string pattern) =>
    [
        .. Directory.GetFiles(dir, pattern).Order(StringComparer.Ordinal)
            .Select(f => new Case(Path.GetFileName(dir) + "/" + Path.GetFileName(f), Encoding.GetString(File.ReadAllBytes(f)))),
    ];

    [GeneratedRegex(@"^-- (.+) --\r?$")]
    private static partial Regex TxtarMarker();

    private static List<Case> ReadGoScripts()
    {
        if (GoOracle.GoPath is null)
        {
            return [];
        }

        var goroot = GoOracle.Run(GoOracle.NewScratchDir("goroot"), null, "env", "GOROOT").Stdout.Trim();
        var scripts = Path.Combine(goroot, "src", "cmd", "go", "testdata", "script");
        if (!Directory.Exists(scripts))
        {
            return [];
        }

        var cases = new List<Case>();
        foreach (var file in Directory.GetFiles(scripts, "*.txt").Order(StringComparer.Ordinal))
        {
            string? name = null;
            var body = new StringBuilder();
            void Flush()
            {
                if (name is not null && name.EndsWith("go.work", StringComparison.Ordinal))
                {
                    cases.Add(new Case($"{Path.GetFileName(file)}:{name}", body.ToString()));
                }
            }

            var text = File.ReadAllText(file);
            for (var pos = 0; pos < text.Length;)
            {
                var newline = text.IndexOf('\n', pos);
                var end = newline < 0 ? text.Length : newline + 1;
                var line = text[pos..end];
                pos = end;
                if (TxtarMarker().Match(line.TrimEnd('\n')) is { Success: true } m)
                {
                    Flush();
                    name = m.Groups[1].Value;
                    body.Clear();
                }
                else if (name is not null)
                {
                    body.Append(line);
                }
            }

            Flush();
        }

        return cases;
    }
}
