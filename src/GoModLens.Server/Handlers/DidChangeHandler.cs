using GoModLens.Protocol;
using GoModLens.Server.Dispatch;
using GoModLens.Server.Logging;
using GoModLens.Server.Workspace;

namespace GoModLens.Server.Handlers;

/// <summary>Incremental sync: edits apply in order, in the negotiated position encoding.</summary>
internal sealed class DidChangeHandler(ServerLog log) : IMutationHandler<DidChangeTextDocumentParams, object?>
{
    public const string Method = "textDocument/didChange";

    public Mutation<object?> Apply(DidChangeTextDocumentParams request, WorkspaceSnapshot current)
    {
        var uri = request.TextDocument.Uri;
        if (current.TryGetDocument(uri) is not { } document)
        {
            log.Warn($"didChange for {uri}, which is not open; ignored");
            return new Mutation<object?>(current, null, []);
        }

        if (request.TextDocument.Version <= document.Version)
        {
            // Applied anyway: the edits are relative to the client's text, which is what we must mirror.
            log.Warn($"didChange for {uri} has version {request.TextDocument.Version}, not above {document.Version}");
        }

        // The previous version's line index is reused and updated per edit instead of rebuilt for the new text.
        var lines = TextChangeApplier.Apply(document.Lines, request.ContentChanges, current.Encoding);
        return new Mutation<object?>(current.WithDocument(document.WithText(request.TextDocument.Version, lines)), null, [uri]);
    }
}
