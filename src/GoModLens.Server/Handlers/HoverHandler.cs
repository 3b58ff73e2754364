using GoModLens.Protocol;
using GoModLens.Server.Conversion;
using GoModLens.Server.Dispatch;
using GoModLens.Server.Features;

namespace GoModLens.Server.Handlers;

internal sealed class HoverHandler(IDocumentAnalyzer analyzer) : IReadHandler<HoverParams, Hover?>
{
    public const string Method = "textDocument/hover";

    public string? GetDocumentUri(HoverParams request) => request.TextDocument.Uri;

    public async Task<Hover?> HandleAsync(HoverParams request, RequestContext context, CancellationToken cancellationToken)
    {
        if (context.GetAnalyzableDocument(request.TextDocument.Uri) is not { } document)
        {
            return null;
        }

        var encoding = context.Session.Encoding;
        var offset = document.Lines.GetOffset(request.Position, encoding);
        var hover = await analyzer.GetHoverAsync(document, offset, context.CreateAnalysisContext(), cancellationToken).ConfigureAwait(false);
        return hover is null
            ? null
            : new Hover(
                LspConverter.ToMarkup(hover.Markdown, context.Session.HoverFormat),
                hover.Span is { } span ? LspConverter.ToRange(document, span, encoding) : null);
    }
}
