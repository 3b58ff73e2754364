using GoModLens.Protocol;
using GoModLens.Server.Conversion;
using GoModLens.Server.Dispatch;
using GoModLens.Server.Features;

namespace GoModLens.Server.Handlers;

internal sealed class CompletionHandler(IDocumentAnalyzer analyzer) : IReadHandler<CompletionParams, CompletionList>
{
    public const string Method = "textDocument/completion";

    public string? GetDocumentUri(CompletionParams request) => request.TextDocument.Uri;

    public async Task<CompletionList> HandleAsync(CompletionParams request, RequestContext context, CancellationToken cancellationToken)
    {
        if (context.GetAnalyzableDocument(request.TextDocument.Uri) is not { } document)
        {
            return new CompletionList(false, []);
        }

        var encoding = context.Session.Encoding;
        var offset = document.Lines.GetOffset(request.Position, encoding);
        var completions = await analyzer.GetCompletionsAsync(document, offset, context.CreateAnalysisContext(), cancellationToken).ConfigureAwait(false);

        // An obsolete item (a retracted version) is struck through where the client can: the tag (LSP 3.15), else the
        // older property; its detail says why in any case.
        var tags = context.Session.SupportsDeprecatedCompletionTag;
        var property = !tags && context.Session.SupportsDeprecatedCompletionProperty;
        return new CompletionList(
            completions.IsIncomplete,
            [
                .. completions.Items.Select(item => new CompletionItem
                {
                    Label = item.Label,
                    Kind = LspConverter.ToCompletionKind(item.Kind),
                    Detail = item.Detail,
                    Documentation = item.DocumentationMarkdown is null ? null : new MarkupContent(MarkupKind.Markdown, item.DocumentationMarkdown),
                    SortText = item.SortText,
                    TextEdit = new TextEdit(LspConverter.ToRange(document, item.ReplaceSpan, encoding), item.InsertText),
                    Tags = item.Deprecated && tags ? [CompletionItemTag.Deprecated] : null,
                    Deprecated = item.Deprecated && property ? true : null,
                }),
            ]);
    }
}
