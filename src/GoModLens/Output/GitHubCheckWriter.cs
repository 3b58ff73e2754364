using System.Globalization;
using System.Text;
using GoModLens.Analysis.Findings;

namespace GoModLens.Host.Output;

/// <summary>
/// GitHub Actions workflow commands: one <c>::error</c> annotation per failure many requires share, then one
/// <c>::error</c>/<c>::warning</c>/<c>::notice</c> annotation per finding, which GitHub shows on the go.mod line of the
/// pull request without a code-scanning upload, then the text summary line.
/// The message carries the go command's text and the fixes. Data is escaped as the runner requires (%, CR, LF; in
/// properties also : and ,), so a message can never start another command.
/// </summary>
internal static class GitHubCheckWriter
{
    public static void Write(CheckResult result, TextWriter w)
    {
        // First, as GitHub shows only the first annotations of each kind a step makes: a failure many requires share.
        foreach (var (headline, details) in TextCheckWriter.SharedFailureLines(result))
        {
            w.Write($"::error title=GoModLens::{Data(string.Join('\n', [headline, .. details]))}\n");
        }

        foreach (var f in result.Findings)
        {
            var (start, end) = (f.Range.Start, f.Range.End);
            var body = new StringBuilder(f.Message);
            if (f.GoMessage is { } go)
            {
                body.Append("\ngo: ").Append(go);
            }

            foreach (var fix in f.Fixes)
            {
                body.Append("\nfix: ").Append(fix.Title);
            }

            var location = string.Create(CultureInfo.InvariantCulture, $"file={Property(f.FileName)},line={start.Line},col={start.LineRune}")
                + (end.Line >= start.Line && end.Line > 0 ? string.Create(CultureInfo.InvariantCulture, $",endLine={end.Line},endColumn={end.LineRune}") : "");
            w.Write($"::{Command(f.Severity)} {location},title={Property(f.Code)}::{Data(body.ToString())}\n");
        }

        TextCheckWriter.WriteSummary(result, w);
    }

    private static string Command(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => "error",
        FindingSeverity.Warning => "warning",
        _ => "notice",
    };

    internal static string Data(string s) =>
        s.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    internal static string Property(string s) =>
        Data(s).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
