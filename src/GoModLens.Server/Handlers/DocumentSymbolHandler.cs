using GoModLens.Protocol;
using GoModLens.Server.Conversion;
using GoModLens.Server.Dispatch;
using GoModLens.Server.Features;

namespace GoModLens.Server.Handlers;

/// <summary>
/// A <c>DocumentSymbol</c> tree for clients with <c>hierarchicalDocumentSymbolSupport</c>; for the others the same
/// symbols flattened in document order as <c>SymbolInformation</c>, each naming its parent as container (the only form
/// LSP lets a server send them).
/// </summary>
internal sealed class DocumentSymbolHandler(IDocumentAnalyzer analyzer) : IReadHandler<DocumentSymbolParams, IReadOnlyList<object>>
{
    public const string Method = "textDocument/documentSymbol";

    public string? GetDocumentUri(DocumentSymbolParams request) => request.TextDocument.Uri;

    public async Task<IReadOnlyList<object>> HandleAsync(DocumentSymbolParams request, RequestContext context, CancellationToken cancellationToken)
    {
        if (context.GetAnalyzableDocument(request.TextDocument.Uri) is not { } document)
        {
            return [];
        }

        var symbols = await analyzer.GetDocumentSymbolsAsync(document, context.CreateAnalysisContext(), cancellationToken).ConfigureAwait(false);
        var encoding = context.Session.Encoding;
        return context.Session.SupportsHierarchicalDocumentSymbols
            ? [.. symbols.Select(s => LspConverter.ToDocumentSymbol(s, document, encoding))]
            : [.. LspConverter.ToSymbolInformation(symbols, document, encoding)];
    }
}
