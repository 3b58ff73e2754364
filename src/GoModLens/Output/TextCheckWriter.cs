using System.Globalization;
using GoModLens.Analysis.Findings;
using GoModLens.Analysis.Reports;

namespace GoModLens.Host.Output;

/// <summary>
/// Human output: one <c>file:line:col: severity CODE: message</c> line per finding (the format editors and CI log
/// parsers recognise), then indented go message, trace, notes and fixes.
/// </summary>
internal static class TextCheckWriter
{
    public static void Write(CheckResult result, TextWriter w)
    {
        w.Write($"GOPROXY={result.GoProxy} ({result.GoProxySource})\n");
        foreach (var f in result.Findings)
        {
            var pos = f.Range.Start;
            w.Write(string.Create(CultureInfo.InvariantCulture, $"{f.FileName}:{pos.Line}:{pos.LineRune}: {Severity(f.Severity)} {f.Code}: {f.Message}\n"));
            if (f.GoMessage is { } go)
            {
                w.Write("    go: " + Indent(go) + "\n");
            }

            foreach (var r in f.Related)
            {
                var at = r.Range is { } range ? string.Create(CultureInfo.InvariantCulture, $" ({f.FileName}:{range.Start.Line})") : "";
                w.Write("    " + Indent(r.Message) + at + "\n");
            }

            foreach (var fix in f.Fixes)
            {
                w.Write("    fix: " + fix.Title + "\n");
            }
        }

        WriteSharedFailures(result, w);
        WriteSummary(result, w);
    }

    /// <summary>
    /// Failures many requirements share, once each, before the summary: what to look at first in a log of 200
    /// requires behind one unreachable proxy, with the notes and the mirror fix they all have.
    /// </summary>
    private static void WriteSharedFailures(CheckResult result, TextWriter w)
    {
        foreach (var (headline, details) in SharedFailureLines(result))
        {
            w.Write(headline + "\n");
            foreach (var detail in details)
            {
                w.Write("    " + Indent(detail) + "\n");
            }
        }
    }

    /// <summary>Each shared failure as a headline and its <c>note:</c> and <c>fix:</c> lines.</summary>
    internal static IEnumerable<(string Headline, IReadOnlyList<string> Details)> SharedFailureLines(CheckResult result) =>
        SharedFailures.Find(result.Reports).Select(shared =>
        {
            var headline = string.Create(CultureInfo.InvariantCulture,
                $"{shared.Modules.Count} of {result.Reports.Count} requirements failed alike at {shared.Entry} ({shared.KindLabel}): {shared.Error}");
            List<string> details = [.. shared.Notes.Select(n => "note: " + n)];
            if (shared.Mirror is { } m)
            {
                var serves = shared.MirrorServes == shared.Modules.Count ? "all of them" : $"{shared.MirrorServes} of them";
                var mirror = new SetGoproxyMirror(m.Mirror, m.GoProxyValue, m.Elapsed);
                SuggestedFix fix = result.GoProxyFromProcessEnvironment ? new SetInProcessEnvironment(mirror) : mirror;
                details.Add(string.Create(CultureInfo.InvariantCulture, $"fix ({serves}): {fix.Title}"));
            }

            return (headline, (IReadOnlyList<string>)details);
        });

    /// <summary>The last line: counts by severity, requirements resolved, time and requests.</summary>
    internal static void WriteSummary(CheckResult result, TextWriter w)
    {
        var errors = result.Count(FindingSeverity.Error);
        var warnings = result.Count(FindingSeverity.Warning);
        var infos = result.Count(FindingSeverity.Information);
        var hints = result.Count(FindingSeverity.Hint); // named apart, as the JSON summary has them
        // A version found in its repository (go's direct path, git run) resolves as surely as one a proxy served.
        var resolved = result.Reports.Count(r => r.Status == Analysis.Resolution.RequirementStatus.Resolved
            || r.Direct?.Vcs?.Outcome == Analysis.Direct.DirectOutcome.Found);
        w.Write(string.Create(CultureInfo.InvariantCulture,
            $"{Plural(errors, "error")}, {Plural(warnings, "warning")}, {Plural(infos, "info")}{(hints > 0 ? ", " + Plural(hints, "hint") : "")}; {resolved}/{result.Reports.Count} requirements resolved in {(int)result.Elapsed.TotalMilliseconds} ms ({Plural(result.Requests, "request")}{(result.Offline ? ", offline" : "")})\n"));
    }

    internal static string Severity(FindingSeverity s) => s switch
    {
        FindingSeverity.Error => "error",
        FindingSeverity.Warning => "warning",
        FindingSeverity.Information => "info",
        _ => "hint",
    };

    private static string Indent(string s) => s.Replace("\n", "\n    ", StringComparison.Ordinal);

    private static string Plural(int n, string word) => string.Create(CultureInfo.InvariantCulture, $"{n} {word}{(n == 1 ? "" : "s")}");
}
