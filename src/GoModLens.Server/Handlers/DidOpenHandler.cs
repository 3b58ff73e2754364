using GoModLens.Protocol;
using GoModLens.Server.Dispatch;
using GoModLens.Server.Features;
using GoModLens.Server.Workspace;

namespace GoModLens.Server.Handlers;

internal sealed class DidOpenHandler : IMutationHandler<DidOpenTextDocumentParams, object?>
{
    public const string Method = "textDocument/didOpen";

    public Mutation<object?> Apply(DidOpenTextDocumentParams request, WorkspaceSnapshot current)
    {
        var item = request.TextDocument;
        var kind = DocumentClassifier.Classify(item.Uri, item.LanguageId);
        var document = new TextDocumentSnapshot(item.Uri, item.LanguageId, kind, item.Version, item.Text);
        return new Mutation<object?>(current.WithDocument(document), null, [item.Uri]);
    }
}
