namespace GoModLens.Server.Dispatch;

/// <summary>A notification handled outside the queue, e.g. one that first has to ask the client something.</summary>
internal interface INotificationHandler<TParams>
{
    Task HandleAsync(TParams request, CancellationToken cancellationToken);
}
