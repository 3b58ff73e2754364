using GoModLens.Protocol;
using GoModLens.Server.Dispatch;
using GoModLens.Server.Workspace;

namespace GoModLens.Server.Handlers;

internal sealed record DidChangeWorkspaceFoldersParams(WorkspaceFoldersChangeEvent Event);

internal sealed record WorkspaceFoldersChangeEvent(IReadOnlyList<WorkspaceFolder> Added, IReadOnlyList<WorkspaceFolder> Removed);

internal sealed class DidChangeWorkspaceFoldersHandler : IMutationHandler<DidChangeWorkspaceFoldersParams, object?>
{
    public const string Method = "workspace/didChangeWorkspaceFolders";

    public Mutation<object?> Apply(DidChangeWorkspaceFoldersParams request, WorkspaceSnapshot current)
    {
        var removed = request.Event.Removed.Select(f => f.Uri).ToHashSet(StringComparer.Ordinal);
        var folders = current.Folders.Where(f => !removed.Contains(f.Uri))
            .Concat(request.Event.Added.Where(a => current.Folders.All(f => f.Uri != a.Uri)))
            .ToArray();
        return new Mutation<object?>(current with { Folders = [.. folders], Revision = current.Revision + 1 }, null, [], ReanalyzeAll: true);
    }
}
