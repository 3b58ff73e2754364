using GoModLens.Protocol;
using GoModLens.Server.Conversion;
using GoModLens.Server.Dispatch;
using GoModLens.Server.Features;

namespace GoModLens.Server.Handlers;

/// <summary><c>textDocument/codeLens</c>: whole-module commands above the module line, already resolved.</summary>
internal sealed class CodeLensHandler(IDocumentAnalyzer analyzer) : IReadHandler<CodeLensParams, IReadOnlyList<CodeLens>>
{
    public const string Method = "textDocument/codeLens";

    public string? GetDocumentUri(CodeLensParams request) => request.TextDocument.Uri;

    public async Task<IReadOnlyList<CodeLens>> HandleAsync(CodeLensParams request, RequestContext context, CancellationToken cancellationToken)
    {
        if (context.GetAnalyzableDocument(request.TextDocument.Uri) is not { } document)
        {
            return [];
        }

        var lenses = await analyzer.GetCodeLensesAsync(document, context.CreateAnalysisContext(), cancellationToken).ConfigureAwait(false);
        return
        [
            .. lenses.Select(l => new CodeLens(
                LspConverter.ToRange(document, l.Span, context.Session.Encoding),
                new Command(l.Command.Title, l.Command.Name, l.Command.Arguments.IsDefaultOrEmpty ? null : l.Command.Arguments))),
        ];
    }
}
