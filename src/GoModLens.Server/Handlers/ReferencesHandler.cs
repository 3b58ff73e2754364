using GoModLens.Protocol;
using GoModLens.Server.Conversion;
using GoModLens.Server.Dispatch;
using GoModLens.Server.Features;

namespace GoModLens.Server.Handlers;

/// <summary>textDocument/references: where a module path is named across the module's go.mod and go.sum and its workspace.</summary>
internal sealed class ReferencesHandler(IDocumentAnalyzer analyzer) : IReadHandler<ReferenceParams, IReadOnlyList<Location>>
{
    public const string Method = "textDocument/references";

    public string? GetDocumentUri(ReferenceParams request) => request.TextDocument.Uri;

    public async Task<IReadOnlyList<Location>> HandleAsync(ReferenceParams request, RequestContext context, CancellationToken cancellationToken)
    {
        if (context.GetAnalyzableDocument(request.TextDocument.Uri) is not { } document)
        {
            return [];
        }

        var offset = document.Lines.GetOffset(request.Position, context.Session.Encoding);
        var locations = await analyzer.GetReferencesAsync(document, offset, context.CreateAnalysisContext(), cancellationToken).ConfigureAwait(false);
        return LspConverter.ToLocations(locations, context.Snapshot, context.Session.Encoding);
    }
}
