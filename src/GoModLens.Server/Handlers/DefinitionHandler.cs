using GoModLens.Protocol;
using GoModLens.Server.Dispatch;
using GoModLens.Server.Features;

namespace GoModLens.Server.Handlers;

/// <summary>textDocument/definition: whole files (another module's go.mod), so every location is the file's start.</summary>
internal sealed class DefinitionHandler(IDocumentAnalyzer analyzer) : IReadHandler<DefinitionParams, IReadOnlyList<Location>>
{
    public const string Method = "textDocument/definition";

    private static readonly Protocol.Range s_fileStart = new(new Position(0, 0), new Position(0, 0));

    public string? GetDocumentUri(DefinitionParams request) => request.TextDocument.Uri;

    public async Task<IReadOnlyList<Location>> HandleAsync(DefinitionParams request, RequestContext context, CancellationToken cancellationToken)
    {
        if (context.GetAnalyzableDocument(request.TextDocument.Uri) is not { } document)
        {
            return [];
        }

        var offset = document.Lines.GetOffset(request.Position, context.Session.Encoding);
        var targets = await analyzer.GetDefinitionAsync(document, offset, context.CreateAnalysisContext(), cancellationToken).ConfigureAwait(false);
        return [.. targets.Select(uri => new Location(uri, s_fileStart))];
    }
}
