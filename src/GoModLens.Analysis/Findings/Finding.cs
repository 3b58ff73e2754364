using GoModLens.ModFile.Text;

namespace GoModLens.Analysis.Findings;

/// <summary>
/// One problem or advisory about a go.mod, ready for an editor diagnostic, a CLI line or a SARIF result.
/// </summary>
/// <param name="Code">Stable code (<see cref="FindingCodes"/>), e.g. <c>GML3001</c>; documented at docs/diagnostics.md#gml3001.</param>
/// <param name="Severity">Severity.</param>
/// <param name="FileName">The go.mod path as given.</param>
/// <param name="Range">What to underline (usually the module path or version token of the require line).</param>
/// <param name="Message">GoModLens's one-line explanation.</param>
/// <param name="GoMessage">What the go command itself prints for this problem (after <c>go: </c>), when it has one.</param>
/// <param name="ModulePath">The module the finding is about, if any.</param>
/// <param name="Related">Supporting information: per-entry trace lines, the replace/exclude line involved, the retract rationale.</param>
/// <param name="Fixes">Suggested fixes (quick fixes in an editor, "fix:" lines in the CLI).</param>
public sealed record Finding(
    string Code,
    FindingSeverity Severity,
    string FileName,
    TextSpan Range,
    string Message,
    string? GoMessage,
    string? ModulePath,
    IReadOnlyList<RelatedInformation> Related,
    IReadOnlyList<SuggestedFix> Fixes)
{
    /// <summary>Anchor in docs/diagnostics.md.</summary>
    public string DocsAnchor => Code.ToLowerInvariant();
}

/// <summary>A related location/message (LSP DiagnosticRelatedInformation). <see cref="Range"/> null = no location (trace text).</summary>
public sealed record RelatedInformation(string Message, TextSpan? Range = null);
