using GoModLens.Protocol;
using GoModLens.Server.Conversion;
using GoModLens.Server.Dispatch;
using GoModLens.Server.Features;

namespace GoModLens.Server.Handlers;

internal sealed class InlayHintHandler(IDocumentAnalyzer analyzer) : IReadHandler<InlayHintParams, IReadOnlyList<InlayHint>>
{
    public const string Method = "textDocument/inlayHint";

    public string? GetDocumentUri(InlayHintParams request) => request.TextDocument.Uri;

    public async Task<IReadOnlyList<InlayHint>> HandleAsync(InlayHintParams request, RequestContext context, CancellationToken cancellationToken)
    {
        if (!context.Settings.InlayHintsEnabled || context.GetAnalyzableDocument(request.TextDocument.Uri) is not { } document)
        {
            return [];
        }

        var encoding = context.Session.Encoding;
        var span = LspConverter.ToSpan(document, request.Range, encoding);
        var hints = await analyzer.GetInlayHintsAsync(document, span, context.CreateAnalysisContext(), cancellationToken).ConfigureAwait(false);
        return
        [
            .. hints.Where(h => h.Offset >= span.Start && h.Offset <= span.End).Select(h => new InlayHint
            {
                Position = document.Lines.GetPosition(h.Offset, encoding),
                Label = h.Label,
                Tooltip = h.TooltipMarkdown is null ? null : new MarkupContent(MarkupKind.Markdown, h.TooltipMarkdown),
                PaddingLeft = h.PaddingLeft ? true : null,
            }),
        ];
    }
}
