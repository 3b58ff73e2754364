using GoModLens.Protocol;
using GoModLens.Server.Conversion;
using GoModLens.Server.Dispatch;
using GoModLens.Server.Features;

namespace GoModLens.Server.Handlers;

internal sealed class FoldingRangeHandler(IDocumentAnalyzer analyzer) : IReadHandler<FoldingRangeParams, IReadOnlyList<FoldingRange>>
{
    public const string Method = "textDocument/foldingRange";

    public string? GetDocumentUri(FoldingRangeParams request) => request.TextDocument.Uri;

    public async Task<IReadOnlyList<FoldingRange>> HandleAsync(FoldingRangeParams request, RequestContext context, CancellationToken cancellationToken)
    {
        if (context.GetAnalyzableDocument(request.TextDocument.Uri) is not { } document)
        {
            return [];
        }

        var encoding = context.Session.Encoding;
        var folds = await analyzer.GetFoldingRangesAsync(document, context.CreateAnalysisContext(), cancellationToken).ConfigureAwait(false);
        return
        [
            .. folds
                .Select(f => new FoldingRange(
                    document.Lines.GetPosition(f.StartOffset, encoding).Line,
                    document.Lines.GetPosition(f.EndOffset, encoding).Line,
                    Kind: LspConverter.ToFoldingKind(f.Kind)))
                .Where(f => f.EndLine > f.StartLine),
        ];
    }
}
