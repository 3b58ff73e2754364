using System.Collections.Immutable;
using GoModLens.Server.Workspace;

namespace GoModLens.Server.Dispatch;

/// <param name="ChangedDocuments">Documents whose text/version changed, opened or closed.</param>
/// <param name="ReanalyzeAll">Something outside the documents changed (settings, files on disk).</param>
internal sealed record Mutation<TResult>(
    WorkspaceSnapshot Next,
    TResult Result,
    ImmutableArray<string> ChangedDocuments,
    bool ReanalyzeAll = false);
