using System.Collections.Concurrent;

namespace GoModLens.Server.Diagnostics;

/// <summary>
/// Runs tasks on one dedicated background thread. The local diagnostics stage runs here so it never queues behind
/// network-stage continuations (hundreds of them on a 2-core machine) in the shared thread pool.
/// </summary>
internal sealed class DedicatedThreadScheduler : TaskScheduler, IDisposable
{
    private readonly BlockingCollection<Task> _tasks = [];
    private readonly Thread _thread;

    public DedicatedThreadScheduler(string name)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public override int MaximumConcurrencyLevel => 1;

    public void Dispose() => _tasks.CompleteAdding();

    protected override void QueueTask(Task task)
    {
        if (!_tasks.IsAddingCompleted)
        {
            try
            {
                _tasks.Add(task);
                return;
            }
            catch (InvalidOperationException)
            {
                // Disposed between the check and the add.
            }
        }

        // After disposal (shutdown) work still has to run somewhere.
        ThreadPool.UnsafeQueueUserWorkItem(t => TryExecuteTask(t), task, preferLocal: false);
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        Thread.CurrentThread == _thread && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _tasks.ToArray();

    private void Run()
    {
        foreach (var task in _tasks.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }
}
