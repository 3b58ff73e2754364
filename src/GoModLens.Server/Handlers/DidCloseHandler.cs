using GoModLens.Protocol;
using GoModLens.Server.Dispatch;
using GoModLens.Server.Workspace;

namespace GoModLens.Server.Handlers;

internal sealed class DidCloseHandler : IMutationHandler<DidCloseTextDocumentParams, object?>
{
    public const string Method = "textDocument/didClose";

    public Mutation<object?> Apply(DidCloseTextDocumentParams request, WorkspaceSnapshot current) =>
        current.Documents.ContainsKey(request.TextDocument.Uri)
            ? new Mutation<object?>(current.WithoutDocument(request.TextDocument.Uri), null, [request.TextDocument.Uri])
            : new Mutation<object?>(current, null, []);
}
