using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;
using GoModLens.Protocol;
using GoModLens.Server.Logging;
using GoModLens.Server.Workspace;

namespace GoModLens.Server.Dispatch;

/// <summary>
/// Orders all work against the workspace, in the spirit of Roslyn CLaSP's RequestExecutionQueue:
/// <list type="bullet">
/// <item>Items enter synchronously in arrival order (JSON-RPC invokes entry points in order up to their first await).</item>
/// <item>A mutation runs alone and produces the next immutable snapshot; later items see it.</item>
/// <item>A read captures the snapshot current when dequeued and runs on the thread pool, concurrently with
/// other reads and later mutations, so a slow hover never delays typing.</item>
/// <item>A read bound to a document fails with ContentModified if that document changes before it finishes:
/// its positions would be wrong for the client's text.</item>
/// </list>
/// A mutation that throws leaves the previous snapshot in place (it is immutable, so nothing is half-applied);
/// the error is logged and returned to the caller.
/// </summary>
internal sealed class RequestQueue : IAsyncDisposable
{
    private readonly Channel<Action> _items = Channel.CreateUnbounded<Action>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private readonly ConcurrentDictionary<long, RunningRead> _runningReads = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ServerLog _log;
    private readonly Task _loop;
    private WorkspaceSnapshot _current;
    private long _nextReadId;

    public RequestQueue(WorkspaceSnapshot initial, ServerLog log)
    {
        _current = initial;
        _log = log;
        _loop = Task.Run(ProcessAsync);
    }

    /// <summary>Raised on the queue's loop after each committed mutation, before the next item runs.</summary>
    public event Action<WorkspaceChange>? Committed;

    public WorkspaceSnapshot Current => Volatile.Read(ref _current);

    public Task<TResult> EnqueueMutation<TResult>(string method, Func<WorkspaceSnapshot, Mutation<TResult>> apply)
    {
        var completion = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_items.Writer.TryWrite(() => RunMutation(method, apply, completion)))
        {
            completion.TrySetException(new LspErrorException(ErrorCodes.ServerCancelled, "server is shutting down"));
        }

        return completion.Task;
    }

    public Task<TResult> EnqueueRead<TResult>(
        string method,
        string? documentUri,
        Func<WorkspaceSnapshot, CancellationToken, Task<TResult>> run,
        CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = cancellationToken.Register(() => completion.TrySetCanceled(cancellationToken));
        _ = completion.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        if (!_items.Writer.TryWrite(() => StartRead(method, documentUri, run, completion, cancellationToken)))
        {
            completion.TrySetException(new LspErrorException(ErrorCodes.ServerCancelled, "server is shutting down"));
        }

        return completion.Task;
    }

    /// <summary>Completes once every item enqueued before this call has been dequeued (reads started, mutations done).</summary>
    public Task WhenDrainedAsync() => EnqueueMutation<bool>("$/drain", s => new Mutation<bool>(s, true, []));

    public async ValueTask DisposeAsync()
    {
        _items.Writer.TryComplete();
        await _shutdown.CancelAsync().ConfigureAwait(false);
        foreach (var read in _runningReads.Values)
        {
            await read.Stale.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected when shutting down with items still queued.
        }

        _shutdown.Dispose();
    }

    private async Task ProcessAsync()
    {
        await foreach (var item in _items.Reader.ReadAllAsync(_shutdown.Token).ConfigureAwait(false))
        {
            item();
        }
    }

    private void RunMutation<TResult>(string method, Func<WorkspaceSnapshot, Mutation<TResult>> apply, TaskCompletionSource<TResult> completion)
    {
        var before = Current;
        Mutation<TResult> mutation;
        try
        {
            mutation = apply(before);
        }
        catch (Exception ex)
        {
            _log.Error($"{method} failed; workspace left at revision {before.Revision}", ex);
            completion.TrySetException(ex);
            return;
        }

        Volatile.Write(ref _current, mutation.Next);
        MarkStaleReads(before, mutation.Next, mutation.ChangedDocuments);
        completion.TrySetResult(mutation.Result);
        if (mutation.ChangedDocuments.IsEmpty && !mutation.ReanalyzeAll && ReferenceEquals(before, mutation.Next))
        {
            return;
        }

        try
        {
            Committed?.Invoke(new WorkspaceChange(before, mutation.Next, mutation.ChangedDocuments, mutation.ReanalyzeAll));
        }
        catch (Exception ex)
        {
            _log.Error($"post-commit work for {method} failed", ex);
        }
    }

    private void StartRead<TResult>(
        string method,
        string? documentUri,
        Func<WorkspaceSnapshot, CancellationToken, Task<TResult>> run,
        TaskCompletionSource<TResult> completion,
        CancellationToken clientToken)
    {
        if (completion.Task.IsCompleted)
        {
            return; // cancelled while waiting in the queue
        }

        var snapshot = Current;
        var version = documentUri is null ? null : snapshot.TryGetDocument(documentUri)?.Version;
        var id = Interlocked.Increment(ref _nextReadId);
        var read = new RunningRead(documentUri, version, new CancellationTokenSource());
        _runningReads[id] = read;
        _ = Task.Run(async () =>
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(clientToken, read.Stale.Token);
            try
            {
                var result = await run(snapshot, linked.Token).ConfigureAwait(false);
                if (read.Stale.IsCancellationRequested || IsStale(read))
                {
                    completion.TrySetException(ContentModified(method));
                }
                else
                {
                    completion.TrySetResult(result);
                }
            }
            catch (OperationCanceledException) when (clientToken.IsCancellationRequested)
            {
                completion.TrySetCanceled(clientToken);
            }
            catch (OperationCanceledException) when (read.Stale.IsCancellationRequested)
            {
                completion.TrySetException(_shutdown.IsCancellationRequested
                    ? new LspErrorException(ErrorCodes.ServerCancelled, "server is shutting down")
                    : ContentModified(method));
            }
            catch (Exception ex)
            {
                if (ex is not LspErrorException)
                {
                    _log.Error($"{method} failed", ex);
                }

                completion.TrySetException(ex);
            }
            finally
            {
                _runningReads.TryRemove(id, out _);
                read.Stale.Dispose();
            }
        }, CancellationToken.None);
    }

    private bool IsStale(RunningRead read) =>
        read.DocumentUri is not null && Current.TryGetDocument(read.DocumentUri)?.Version != read.Version;

    private void MarkStaleReads(WorkspaceSnapshot before, WorkspaceSnapshot after, ImmutableArray<string> changed)
    {
        if (changed.IsEmpty || _runningReads.IsEmpty)
        {
            return;
        }

        foreach (var read in _runningReads.Values)
        {
            if (read.DocumentUri is not null
                && changed.Contains(read.DocumentUri)
                && before.TryGetDocument(read.DocumentUri)?.Version != after.TryGetDocument(read.DocumentUri)?.Version)
            {
                try
                {
                    read.Stale.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The read finished between the check and the cancel.
                }
            }
        }
    }

    private static LspErrorException ContentModified(string method) =>
        new(ErrorCodes.ContentModified, $"{method}: the document changed while the request was running");

    private sealed record RunningRead(string? DocumentUri, int? Version, CancellationTokenSource Stale);
}
