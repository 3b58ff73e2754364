using System.Collections.Immutable;

namespace GoModLens.Server.Features;

/// <param name="Kind">An LSP code action kind such as <c>quickfix</c>.</param>
/// <param name="FixedDiagnostics">Which of the request's diagnostics this resolves (shown grouped by clients).</param>
public sealed record CodeFix(
    string Title,
    string Kind,
    ImmutableArray<DocumentChanges> Edits,
    ImmutableArray<AnalyzerDiagnostic> FixedDiagnostics,
    bool IsPreferred = false,
    CommandInvocation? Command = null);
