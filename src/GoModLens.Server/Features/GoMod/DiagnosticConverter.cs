using System.Collections.Immutable;
using GoModLens.Analysis.Findings;
using GoModLens.ModFile;
using GoModLens.ModFile.GoSum;

namespace GoModLens.Server.Features.GoMod;

/// <summary>Findings (Analysis) to editor diagnostics: exact spans, stable codes, docs links, the proxy trace, fixes as data.</summary>
internal static class DiagnosticConverter
{
    public static AnalyzerDiagnostic FromFinding(Finding finding, string docsBase)
    {
        var span = new SourceSpan(finding.Range.Start.Utf16Offset, Math.Max(0, finding.Range.Utf16Length));
        var message = finding.GoMessage is { Length: > 0 } go && !string.Equals(go, finding.Message, StringComparison.Ordinal)
            && !finding.Message.Contains(go, StringComparison.Ordinal)
            ? finding.Message + "\ngo: " + go
            : finding.Message;
        var data = new GoModDiagnosticData(
            finding.Code,
            finding.ModulePath,
            finding.Fixes.Count > 0 ? [.. finding.Fixes.Select(FixData.From)] : default);
        var markers = finding.Code switch
        {
            FindingCodes.DeprecatedModule => DiagnosticMarkers.Deprecated,
            FindingCodes.DuplicateRequire => DiagnosticMarkers.Unnecessary,
            _ => DiagnosticMarkers.None,
        };
        return new AnalyzerDiagnostic(
            span,
            Level(finding.Severity),
            finding.Code,
            message,
            HelpUri(docsBase, finding.Code),
            markers,
            [.. finding.Related.Select(r => new RelatedSpan(null, r.Range is { } range ? new SourceSpan(range.Start.Utf16Offset, range.Utf16Length) : span, r.Message))],
            data);
    }

    public static AnalyzerDiagnostic FromGoSum(GoSumDiagnostic diagnostic, string docsBase) => new(
        new SourceSpan(diagnostic.Span.Start, diagnostic.Span.Length),
        diagnostic.Severity switch
        {
            GoSumSeverity.Error => DiagnosticLevel.Error,
            GoSumSeverity.Warning => DiagnosticLevel.Warning,
            _ => DiagnosticLevel.Information,
        },
        diagnostic.Code,
        diagnostic.GoMessage is { Length: > 0 } go && go != diagnostic.Message ? diagnostic.Message + "\ngo: " + go : diagnostic.Message,
        HelpUri(docsBase, diagnostic.Code),
        diagnostic.Code == GoSumDiagnosticCodes.DuplicateLine ? DiagnosticMarkers.Unnecessary : DiagnosticMarkers.None,
        [],
        new GoModDiagnosticData(diagnostic.Code));

    // One string per code, not one per diagnostic: a large workspace holds thousands of diagnostics.
    private static readonly BoundedMemo<(string DocsBase, string Code), string> HelpUris = new(1_024);

    public static string HelpUri(string docsBase, string code) =>
        HelpUris.GetOrAdd((docsBase, code), static key => key.DocsBase + "#" + key.Code.ToLowerInvariant());

    public static DiagnosticLevel Level(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => DiagnosticLevel.Error,
        FindingSeverity.Warning => DiagnosticLevel.Warning,
        FindingSeverity.Information => DiagnosticLevel.Information,
        _ => DiagnosticLevel.Hint,
    };
}
