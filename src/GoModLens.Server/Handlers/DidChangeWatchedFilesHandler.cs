using GoModLens.Protocol;
using GoModLens.Server.Dispatch;
using GoModLens.Server.Workspace;

namespace GoModLens.Server.Handlers;

/// <summary>A go.mod/go.sum/go.work or vendor/modules.txt changed on disk (e.g. `go mod tidy`, `go work use` or `go mod vendor` in a terminal): re-analyse the open documents.</summary>
internal sealed class DidChangeWatchedFilesHandler : IMutationHandler<DidChangeWatchedFilesParams, object?>
{
    public const string Method = "workspace/didChangeWatchedFiles";

    public Mutation<object?> Apply(DidChangeWatchedFilesParams request, WorkspaceSnapshot current) =>
        request.Changes.Count == 0
            ? new Mutation<object?>(current, null, [])
            : new Mutation<object?>(current with { Revision = current.Revision + 1 }, null, [], ReanalyzeAll: true);
}
