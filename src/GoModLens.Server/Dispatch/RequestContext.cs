using GoModLens.Server.Configuration;
using GoModLens.Server.Features;
using GoModLens.Server.Lifecycle;
using GoModLens.Server.Workspace;

namespace GoModLens.Server.Dispatch;

/// <summary>Built by the queue for each read request: handlers take document state only from here.</summary>
internal sealed record RequestContext(WorkspaceSnapshot Snapshot, ClientSession Session, IServerLog Log)
{
    public ServerSettings Settings => Snapshot.Settings;

    public AnalysisContext CreateAnalysisContext(IAnalysisProgress? progress = null) =>
        new(Snapshot, Snapshot.Settings, progress ?? NoProgress.Instance, Log);

    /// <summary>The document if it is open and one of ours; null otherwise (handlers then return an empty result).</summary>
    public TextDocumentSnapshot? GetAnalyzableDocument(string uri) =>
        Snapshot.TryGetDocument(uri) is { Kind: not DocumentKind.Other } document ? document : null;
}
