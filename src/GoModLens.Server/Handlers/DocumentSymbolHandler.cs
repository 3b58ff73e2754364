using GoModLens.Protocol;
using GoModLens.Server.Conversion;
using GoModLens.Server.Dispatch;
using GoModLens.Server.Features;

namespace GoModLens.Server.Handlers;

internal sealed class DocumentSymbolHandler(IDocumentAnalyzer analyzer) : IReadHandler<DocumentSymbolParams, IReadOnlyList<DocumentSymbol>>
{
    public const string Method = "textDocument/documentSymbol";

    public string? GetDocumentUri(DocumentSymbolParams request) => request.TextDocument.Uri;

    public async Task<IReadOnlyList<DocumentSymbol>> HandleAsync(DocumentSymbolParams request, RequestContext context, CancellationToken cancellationToken)
    {
        if (context.GetAnalyzableDocument(request.TextDocument.Uri) is not { } document)
        {
            return [];
        }

        var symbols = await analyzer.GetDocumentSymbolsAsync(document, context.CreateAnalysisContext(), cancellationToken).ConfigureAwait(false);
        return [.. symbols.Select(s => LspConverter.ToDocumentSymbol(s, document, context.Session.Encoding))];
    }
}
