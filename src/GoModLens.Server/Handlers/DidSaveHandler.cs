using GoModLens.Protocol;
using GoModLens.Server.Dispatch;
using GoModLens.Server.Features;
using GoModLens.Server.Workspace;

namespace GoModLens.Server.Handlers;

/// <summary>
/// Saving go.sum or go.mod changes what a sibling go.mod's checks see on disk (e.g. missing go.sum entries), so a
/// save re-analyses every open go.mod/go.sum; the saved text itself already arrived through didChange.
/// </summary>
internal sealed class DidSaveHandler : IMutationHandler<DidSaveTextDocumentParams, object?>
{
    public const string Method = "textDocument/didSave";

    public Mutation<object?> Apply(DidSaveTextDocumentParams request, WorkspaceSnapshot current) =>
        current.TryGetDocument(request.TextDocument.Uri) is { Kind: not DocumentKind.Other }
            ? new Mutation<object?>(current with { Revision = current.Revision + 1 }, null, [], ReanalyzeAll: true)
            : new Mutation<object?>(current, null, []);
}
