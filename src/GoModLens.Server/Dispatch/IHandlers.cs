using System.Collections.Immutable;
using GoModLens.Server.Workspace;

namespace GoModLens.Server.Dispatch;

/// <summary>A non-mutating request: runs concurrently on the snapshot current when it was dequeued.</summary>
internal interface IReadHandler<TParams, TResult>
{
    /// <summary>The document the result is positioned in; its newer version makes the result stale (ContentModified).</summary>
    string? GetDocumentUri(TParams request);

    Task<TResult> HandleAsync(TParams request, RequestContext context, CancellationToken cancellationToken);
}

/// <summary>A state change: a pure function from one snapshot to the next, applied serially in arrival order.</summary>
internal interface IMutationHandler<TParams, TResult>
{
    Mutation<TResult> Apply(TParams request, WorkspaceSnapshot current);
}

/// <summary>A notification handled outside the queue, e.g. one that first has to ask the client something.</summary>
internal interface INotificationHandler<TParams>
{
    Task HandleAsync(TParams request, CancellationToken cancellationToken);
}

/// <param name="ChangedDocuments">Documents whose text/version changed, opened or closed.</param>
/// <param name="ReanalyzeAll">Something outside the documents changed (settings, files on disk).</param>
internal sealed record Mutation<TResult>(
    WorkspaceSnapshot Next,
    TResult Result,
    ImmutableArray<string> ChangedDocuments,
    bool ReanalyzeAll = false);

/// <summary>What the queue tells subscribers after committing a mutation.</summary>
internal sealed record WorkspaceChange(
    WorkspaceSnapshot Before,
    WorkspaceSnapshot After,
    ImmutableArray<string> ChangedDocuments,
    bool ReanalyzeAll);
