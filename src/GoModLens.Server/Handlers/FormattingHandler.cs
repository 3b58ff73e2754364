using GoModLens.Protocol;
using GoModLens.Server.Conversion;
using GoModLens.Server.Dispatch;
using GoModLens.Server.Features;

namespace GoModLens.Server.Handlers;

/// <summary>go.mod formatting is gofmt-like and fixed (tabs), so the client's FormattingOptions are not consulted.</summary>
internal sealed class FormattingHandler(IDocumentAnalyzer analyzer) : IReadHandler<DocumentFormattingParams, IReadOnlyList<TextEdit>>
{
    public const string Method = "textDocument/formatting";

    public string? GetDocumentUri(DocumentFormattingParams request) => request.TextDocument.Uri;

    public async Task<IReadOnlyList<TextEdit>> HandleAsync(DocumentFormattingParams request, RequestContext context, CancellationToken cancellationToken)
    {
        if (context.GetAnalyzableDocument(request.TextDocument.Uri) is not { } document)
        {
            return [];
        }

        var changes = await analyzer.FormatAsync(document, context.CreateAnalysisContext(), cancellationToken).ConfigureAwait(false);
        return LspConverter.ToTextEdits(document, changes, context.Session.Encoding);
    }
}
