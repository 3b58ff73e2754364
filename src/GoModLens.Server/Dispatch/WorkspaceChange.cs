using System.Collections.Immutable;
using GoModLens.Server.Workspace;

namespace GoModLens.Server.Dispatch;

/// <summary>What the queue tells subscribers after committing a mutation.</summary>
internal sealed record WorkspaceChange(
    WorkspaceSnapshot Before,
    WorkspaceSnapshot After,
    ImmutableArray<string> ChangedDocuments,
    bool ReanalyzeAll);
