using GoModLens.Server.Dispatch;
using GoModLens.Server.Features;
using GoModLens.Server.Logging;
using GoModLens.Server.Workspace;
using Microsoft.Extensions.Time.Testing;

namespace GoModLens.Server.Tests;

public sealed class RequestQueueTests
{
    private static ServerLog NewLog() => new(TextWriter.Null, new FakeTimeProvider());

    private static Mutation<bool> Open(WorkspaceSnapshot current, string uri, int version, string text) =>
        new(current.WithDocument(new TextDocumentSnapshot(uri, "go.mod", DocumentKind.GoMod, version, text)), true, [uri]);

    [Fact]
    public async Task Reads_run_concurrently_and_do_not_hold_up_later_mutations()
    {
        await using var queue = new RequestQueue(WorkspaceSnapshot.Empty, NewLog());
        var secondStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The first read can only finish once the second has started: it deadlocks if reads are serialised.
        var first = queue.EnqueueRead<int>("first", null, async (_, ct) =>
        {
            await secondStarted.Task.WaitAsync(ct);
            return 1;
        }, CancellationToken.None);
        var mutation = queue.EnqueueMutation("open", s => Open(s, "file:///a/go.mod", 1, "x"));
        var second = queue.EnqueueRead<int>("second", null, (_, _) =>
        {
            secondStarted.SetResult();
            return Task.FromResult(2);
        }, CancellationToken.None);

        Assert.True(await mutation.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, await first.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, await second);
    }

    [Fact]
    public async Task A_read_sees_the_snapshot_of_its_turn_in_the_queue()
    {
        await using var queue = new RequestQueue(WorkspaceSnapshot.Empty, NewLog());
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        _ = queue.EnqueueMutation("open", s => Open(s, "file:///a/go.mod", 1, "one"));
        var read = queue.EnqueueRead("read", null, async (snapshot, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return snapshot.TryGetDocument("file:///a/go.mod")!.Text;
        }, CancellationToken.None);
        await queue.EnqueueMutation("change", s => Open(s, "file:///a/go.mod", 2, "two"));
        release.SetResult();

        Assert.Equal("one", await read.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("two", queue.Current.TryGetDocument("file:///a/go.mod")!.Text);
    }

    [Fact]
    public async Task A_throwing_mutation_leaves_the_previous_snapshot_and_the_queue_running()
    {
        await using var queue = new RequestQueue(WorkspaceSnapshot.Empty, NewLog());
        await queue.EnqueueMutation("open", s => Open(s, "file:///a/go.mod", 1, "one"));
        var before = queue.Current;

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => queue.EnqueueMutation<bool>("broken", _ => throw new InvalidOperationException("bug")));

        Assert.Same(before, queue.Current);
        Assert.True(await queue.EnqueueMutation("open", s => Open(s, "file:///b/go.mod", 1, "b")));
        Assert.Equal(2, queue.Current.Documents.Count);
    }

    [Fact]
    public async Task A_read_cancelled_while_queued_never_runs()
    {
        await using var queue = new RequestQueue(WorkspaceSnapshot.Empty, NewLog());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();
        var ran = false;

        // Hold the loop inside a mutation so the read stays queued while it is cancelled.
        var blocker = queue.EnqueueMutation("block", s =>
        {
            gate.Task.Wait();
            return new Mutation<bool>(s, true, []);
        });
        var read = queue.EnqueueRead("read", null, (_, _) =>
        {
            ran = true;
            return Task.FromResult(0);
        }, cancel.Token);
        await cancel.CancelAsync();
        gate.SetResult();
        await blocker;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        await queue.WhenDrainedAsync();
        Assert.False(ran);
    }
}
