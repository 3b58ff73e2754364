using System.Collections.Immutable;
using GoModLens.Protocol;
using GoModLens.Server.Configuration;
using GoModLens.Server.Features;
using GoModLens.Server.Text;

namespace GoModLens.Server.Workspace;

/// <summary>
/// The whole server state that requests read, as one immutable value. Notifications produce a new snapshot
/// (serially, in arrival order); requests capture the snapshot current when they are dequeued and never observe
/// later edits. <see cref="Revision"/> increases with every change.
/// </summary>
public sealed record WorkspaceSnapshot(
    ImmutableDictionary<string, TextDocumentSnapshot> Documents,
    ImmutableArray<WorkspaceFolder> Folders,
    ServerSettings Settings,
    PositionEncoding Encoding,
    long Revision)
{
    public static WorkspaceSnapshot Empty { get; } =
        new(ImmutableDictionary<string, TextDocumentSnapshot>.Empty, [], ServerSettings.Default, PositionEncoding.Utf16, 0);

    public TextDocumentSnapshot? TryGetDocument(string uri) => Documents.GetValueOrDefault(uri);

    public WorkspaceSnapshot WithDocument(TextDocumentSnapshot document) =>
        this with { Documents = Documents.SetItem(document.Uri, document), Revision = Revision + 1 };

    public WorkspaceSnapshot WithoutDocument(string uri) =>
        this with { Documents = Documents.Remove(uri), Revision = Revision + 1 };
}
