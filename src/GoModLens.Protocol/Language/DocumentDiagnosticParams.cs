namespace GoModLens.Protocol;

public sealed record DocumentDiagnosticParams(
    TextDocumentIdentifier TextDocument,
    string? Identifier = null,
    string? PreviousResultId = null);

/// <summary>
/// <c>RelatedFullDocumentDiagnosticReport | RelatedUnchangedDocumentDiagnosticReport</c> as one record:
/// <see cref="Items"/> is present only for <c>kind: "full"</c>.
/// </summary>
public sealed record DocumentDiagnosticReport(string Kind, string? ResultId, IReadOnlyList<Diagnostic>? Items)
{
    public const string Full = "full";
    public const string Unchanged = "unchanged";

    public static DocumentDiagnosticReport CreateFull(string resultId, IReadOnlyList<Diagnostic> items) => new(Full, resultId, items);

    public static DocumentDiagnosticReport CreateUnchanged(string resultId) => new(Unchanged, resultId, null);
}
