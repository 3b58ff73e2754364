namespace GoModLens.Server.Dispatch;

/// <summary>A non-mutating request: runs concurrently on the snapshot current when it was dequeued.</summary>
internal interface IReadHandler<TParams, TResult>
{
    /// <summary>The document the result is positioned in; its newer version makes the result stale (ContentModified).</summary>
    string? GetDocumentUri(TParams request);

    Task<TResult> HandleAsync(TParams request, RequestContext context, CancellationToken cancellationToken);
}
