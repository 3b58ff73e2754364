using GoModLens.Protocol;
using GoModLens.Server.Conversion;
using GoModLens.Server.Dispatch;
using GoModLens.Server.Features;

namespace GoModLens.Server.Handlers;

internal sealed class DocumentLinkHandler(IDocumentAnalyzer analyzer) : IReadHandler<DocumentLinkParams, IReadOnlyList<DocumentLink>>
{
    public const string Method = "textDocument/documentLink";

    public string? GetDocumentUri(DocumentLinkParams request) => request.TextDocument.Uri;

    public async Task<IReadOnlyList<DocumentLink>> HandleAsync(DocumentLinkParams request, RequestContext context, CancellationToken cancellationToken)
    {
        if (context.GetAnalyzableDocument(request.TextDocument.Uri) is not { } document)
        {
            return [];
        }

        var links = await analyzer.GetDocumentLinksAsync(document, context.CreateAnalysisContext(), cancellationToken).ConfigureAwait(false);
        return [.. links.Select(l => new DocumentLink(LspConverter.ToRange(document, l.Span, context.Session.Encoding), l.Target, l.Tooltip))];
    }
}
