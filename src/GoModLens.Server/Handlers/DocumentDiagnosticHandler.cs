using GoModLens.Protocol;
using GoModLens.Server.Conversion;
using GoModLens.Server.Diagnostics;
using GoModLens.Server.Dispatch;
using GoModLens.Server.Features;

namespace GoModLens.Server.Handlers;

/// <summary>
/// Pull diagnostics: local diagnostics computed on the request's snapshot plus the network diagnostics the
/// background run cached for the same version. The result id is a content hash, so an unchanged set is
/// answered with an "unchanged" report. The scheduler asks the client to pull again (workspace/diagnostic/refresh)
/// when what this would answer has changed without an edit of the document: network results, an edited go.sum.
/// </summary>
internal sealed class DocumentDiagnosticHandler(IDocumentAnalyzer analyzer, DiagnosticsScheduler scheduler)
    : IReadHandler<DocumentDiagnosticParams, DocumentDiagnosticReport>
{
    public const string Method = "textDocument/diagnostic";

    public string? GetDocumentUri(DocumentDiagnosticParams request) => request.TextDocument.Uri;

    public async Task<DocumentDiagnosticReport> HandleAsync(DocumentDiagnosticParams request, RequestContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<Diagnostic> items = [];
        if (context.GetAnalyzableDocument(request.TextDocument.Uri) is { } document)
        {
            var local = await analyzer.GetLocalDiagnosticsAsync(document, context.CreateAnalysisContext(), cancellationToken).ConfigureAwait(false);
            var network = scheduler.GetNetworkDiagnostics(document);
            items = [.. DiagnosticLayers.Combine(local, network).Select(d => LspConverter.ToDiagnostic(d, document, context.Snapshot, context.Session.Encoding))];
        }

        var resultId = DiagnosticsFingerprint.ResultId(items);
        scheduler.RecordPulled(request.TextDocument.Uri, resultId); // what the client now shows, for its refreshes
        return request.PreviousResultId == resultId
            ? DocumentDiagnosticReport.CreateUnchanged(resultId)
            : DocumentDiagnosticReport.CreateFull(resultId, items);
    }
}
