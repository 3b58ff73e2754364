using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using GoModLens.Protocol;
using GoModLens.Server.Conversion;
using GoModLens.Server.Dispatch;
using GoModLens.Server.Features;
using GoModLens.Server.Lifecycle;
using GoModLens.Server.Logging;
using GoModLens.Server.Workspace;

namespace GoModLens.Server.Diagnostics;

/// <summary>
/// Computes diagnostics per document in the background, after every committed change:
/// <list type="number">
/// <item>debounce (opened documents skip it) so a burst of keystrokes costs one analysis;</item>
/// <item>a newer change cancels the run in flight;</item>
/// <item>stage 1, local diagnostics, is published at once, with the last network diagnostics moved across the edit
/// (<see cref="NetworkCarryOver"/>); stage 2, network diagnostics, is published as each batch arrives, always together
/// with stage 1, the carried ones standing in for lines the batch has not reported on yet;</item>
/// <item>publishes carry the analysed version and are skipped when identical to the last one sent.</item>
/// </list>
/// When the client pulls diagnostics nothing is pushed: network batches are cached for the pull handler and the
/// client is asked to re-pull (workspace/diagnostic/refresh) when a pull would now answer differently.
/// A change to one document also re-analyses the open documents whose diagnostics read it
/// (<see cref="IDocumentAnalyzer.GetDependentDocuments"/>: a go.mod when its go.sum is edited).
/// </summary>
internal sealed class DiagnosticsScheduler : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, DocumentState> _documents = new(StringComparer.Ordinal);
    private readonly IDocumentAnalyzer _analyzer;
    private readonly Func<WorkspaceSnapshot> _currentSnapshot;
    private readonly Func<ClientSession> _session;
    private readonly ILanguageClient _client;
    private readonly ServerLog _log;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _debounce;
    private readonly DedicatedThreadScheduler _localStage = new("gomodlens local diagnostics");
    private readonly IdleTimeCollector _idleCollector = new(IdleTimeCollector.DefaultThresholdBytes);
    private volatile bool _disposed;

    // Network stages of different documents run a few at a time: opening 50 go.mod files at once would otherwise
    // resolve every requirement of every file concurrently (CPU-bound with a warm cache), which multiplies the peak
    // heap and competes with the local stage, while the shared caches make a later document cheaper anyway.
    private readonly SemaphoreSlim _networkSlots = new(2, 2);
    private int _networkRunning;
    private long _networkEpoch;

    /// <summary>
    /// After an edit, the network stage waits this long (wall clock) for the next keystroke before it starts: while
    /// the user types, resolution of every requirement per keystroke would only compete with the local stage for
    /// the CPU and then be cancelled. Opens and settings changes do not wait.
    /// </summary>
    internal static readonly TimeSpan NetworkQuietPeriod = TimeSpan.FromMilliseconds(400);

    public DiagnosticsScheduler(
        IDocumentAnalyzer analyzer,
        Func<WorkspaceSnapshot> currentSnapshot,
        Func<ClientSession> session,
        ILanguageClient client,
        ServerLog log,
        TimeProvider timeProvider,
        TimeSpan debounce)
    {
        _analyzer = analyzer;
        _currentSnapshot = currentSnapshot;
        _session = session;
        _client = client;
        _log = log;
        _timeProvider = timeProvider;
        _debounce = debounce;
    }

    /// <summary>Number of publishDiagnostics notifications sent; tests use it to see skipped duplicates.</summary>
    public int PublishCount => Volatile.Read(ref _publishCount);

    private int _publishCount;

    /// <summary>Called by the queue after each commit, serially.</summary>
    public void OnCommitted(WorkspaceChange change)
    {
        if (_disposed)
        {
            return;
        }

        var targets = change.ReanalyzeAll || change.Before.Settings != change.After.Settings
            ? change.After.Documents.Keys.Union(change.ChangedDocuments)
            : change.ChangedDocuments;
        var scheduled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var uri in targets)
        {
            var before = change.Before.TryGetDocument(uri);
            var after = change.After.TryGetDocument(uri);
            if (after is null)
            {
                Close(uri);
            }
            else if (after.Kind != DocumentKind.Other)
            {
                var edited = before is not null && !ReferenceEquals(before, after);
                Schedule(uri, before is null ? TimeSpan.Zero : _debounce, edited ? NetworkQuietPeriod : TimeSpan.Zero, dependent: false);
                scheduled.Add(uri);
            }
        }

        // The documents that read a changed one, with the changed one's timing: after an edit they wait out the
        // debounce and the quiet period like the edited document, after an open or a close they run at once.
        foreach (var uri in change.ChangedDocuments)
        {
            var before = change.Before.TryGetDocument(uri);
            var after = change.After.TryGetDocument(uri);
            if ((after ?? before) is not { Kind: not DocumentKind.Other } changed)
            {
                continue;
            }

            var edited = before is not null && after is not null;
            foreach (var dependent in _analyzer.GetDependentDocuments(changed, change.After))
            {
                if (dependent != uri && change.After.TryGetDocument(dependent) is { Kind: not DocumentKind.Other } && scheduled.Add(dependent))
                {
                    Schedule(dependent, edited ? _debounce : TimeSpan.Zero, edited ? NetworkQuietPeriod : TimeSpan.Zero, dependent: true);
                }
            }
        }
    }

    /// <summary>
    /// What the pull handler answered for a document: a refresh is asked for only when a pull would now answer
    /// something else.
    /// </summary>
    public void RecordPulled(string uri, string resultId)
    {
        if (_documents.TryGetValue(uri, out var state))
        {
            state.PulledResultId = resultId;
        }
    }

    /// <summary>
    /// The network diagnostics for this version of the document (pull mode merges them in): those computed for it, or,
    /// until its own network stage reports, the last ones moved across the edits since, as a push would show them.
    /// </summary>
    public ImmutableArray<AnalyzerDiagnostic> GetNetworkDiagnostics(TextDocumentSnapshot document)
    {
        if (!_documents.TryGetValue(document.Uri, out var state) || state.Network is not { } last)
        {
            return [];
        }

        return last.Document.Version == document.Version ? last.Diagnostics
            : last.Document.Version < document.Version ? NetworkCarryOver.Move(last.Document, document, last.Diagnostics)
            : [];
    }

    /// <summary>Waits for every run scheduled so far (tests and orderly shutdown).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_documents.Values.SelectMany(s => s.InFlight()));

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var state in _documents.Values)
        {
            state.Cancel();
        }

        try
        {
            // An analyzer that ignores cancellation must not keep the process from exiting.
            await WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _log.Warn("diagnostics still running at shutdown; abandoned");
        }

        _localStage.Dispose();
    }

    /// <param name="dependent">The document's text did not change, one it reads did: a pull client does not know it must pull it again.</param>
    private void Schedule(string uri, TimeSpan delay, TimeSpan networkDelay, bool dependent)
    {
        var state = _documents.GetOrAdd(uri, _ => new DocumentState());
        var (cancellation, sequence) = state.Restart();

        // The timer starts here, on the queue's thread, so it counts from the commit and not from whenever the
        // thread pool gets to the run (and a fake clock sees it as soon as the change is processed).
        var debounce = delay > TimeSpan.Zero
            ? Task.Delay(delay, _timeProvider, cancellation.Token)
            : Task.CompletedTask;

        // Runs are not chained: the local stage of a new version must not wait for the network stage of the
        // superseded one to unwind. Only the publish step is serialized (see PublishAsync).
        state.Track(Task.Factory.StartNew(
                () => RunAsync(uri, state, sequence, debounce, networkDelay, dependent, cancellation.Token),
                CancellationToken.None,
                TaskCreationOptions.DenyChildAttach,
                _localStage)
            .Unwrap());
    }

    private void Close(string uri)
    {
        if (!_documents.TryGetValue(uri, out var state))
        {
            return;
        }

        var sequence = state.CancelForClose();

        // Takes its place in the publish queue now, so a quick reopen publishes only after the clearing publish.
        state.Track(ClearAsync(uri, state, sequence, state.PublishGate.WaitAsync()));
    }

    private async Task ClearAsync(string uri, DocumentState state, long sequence, Task gateEntered)
    {
        await gateEntered.ConfigureAwait(false);
        try
        {
            state.SetNetwork(null);
            if (_session().UsesPullDiagnostics || state.LastFingerprint is null || !state.TryClaimPublish(sequence))
            {
                return;
            }

            // Diagnostics of a closed file would otherwise linger in the editor.
            await _client.NotifyAsync("textDocument/publishDiagnostics", new PublishDiagnosticsParams(uri, [])).ConfigureAwait(false);
            state.LastFingerprint = null;
            Interlocked.Increment(ref _publishCount);
        }
        catch (Exception ex)
        {
            _log.Debug($"clearing diagnostics for {uri} failed: {ex.Message}");
        }
        finally
        {
            state.PublishGate.Release();
        }
    }

    /// <summary>
    /// Starts on the dedicated local-stage thread and keeps its continuations there (no ConfigureAwait(false))
    /// until the local publish; the network stage then moves to the thread pool.
    /// </summary>
    private async Task RunAsync(string uri, DocumentState state, long sequence, Task debounce, TimeSpan networkDelay, bool dependent,
        CancellationToken cancellationToken)
    {
        try
        {
            await debounce;
            cancellationToken.ThrowIfCancellationRequested();

            var snapshot = _currentSnapshot();
            if (snapshot.TryGetDocument(uri) is not { Kind: not DocumentKind.Other } document)
            {
                return;
            }

            var session = _session();
            var local = await _analyzer.GetLocalDiagnosticsAsync(document, new AnalysisContext(snapshot, snapshot.Settings, NoProgress.Instance, _log), cancellationToken);
            var carried = state.Network is { } last ? NetworkCarryOver.Move(last.Document, document, last.Diagnostics) : [];
            state.SetNetwork(new NetworkResult(document, carried));
            await PublishAsync(state, sequence, document, snapshot, session, local, carried, dependent ? PullRefresh.WhenPulledBefore : PullRefresh.None, cancellationToken);
            _idleCollector.CollectIfDue();

            // Network off still runs the network stage, offline: the engine answers from $GOMODCACHE/cache/download
            // only and makes no request. It still waits out the quiet period after an edit: reading the module cache
            // for 2 000 requires per keystroke would compete with the next keystroke's local stage.
            await Task.Run(() => RunNetworkAsync(state, sequence, document, snapshot, session, local, carried, networkDelay, cancellationToken), CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Superseded by a newer version or the document closed.
        }
        catch (Exception ex) when (ex is StreamJsonRpc.ConnectionLostException or ObjectDisposedException)
        {
            _log.Debug($"diagnostics for {uri} not delivered: the connection is closed");
        }
        catch (Exception ex)
        {
            _log.Error($"diagnostics for {uri} failed", ex);
        }
    }

    private async Task RunNetworkAsync(
        DocumentState state,
        long sequence,
        TextDocumentSnapshot document,
        WorkspaceSnapshot snapshot,
        ClientSession session,
        ImmutableArray<AnalyzerDiagnostic> local,
        ImmutableArray<AnalyzerDiagnostic> carried,
        TimeSpan networkDelay,
        CancellationToken cancellationToken)
    {
        if (networkDelay > TimeSpan.Zero)
        {
            await Task.Delay(networkDelay, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }

        await _networkSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _networkRunning);
        var batches = 0;
        try
        {
            await using var progress = new WorkDoneProgressReporter(_client, session, _log, "GoModLens: checking modules");
            var context = new AnalysisContext(snapshot, snapshot.Settings, progress, _log);
            ImmutableArray<AnalyzerDiagnostic> last = [];
            await foreach (var batch in _analyzer.GetNetworkDiagnosticsAsync(document, context, cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                batches++;
                last = batch;
                var shown = NetworkCarryOver.Merge(batch, carried, document);
                state.SetNetwork(new NetworkResult(document, shown));
                await PublishAsync(state, sequence, document, snapshot, session, local, shown, PullRefresh.WhenChanged, cancellationToken).ConfigureAwait(false);
            }

            // The stage is complete: what it did not report on is no longer so.
            cancellationToken.ThrowIfCancellationRequested();
            if (!carried.IsEmpty)
            {
                state.SetNetwork(new NetworkResult(document, last));
                await PublishAsync(state, sequence, document, snapshot, session, local, last, PullRefresh.WhenChanged, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _networkSlots.Release();
            if (Interlocked.Decrement(ref _networkRunning) == 0)
            {
                CompactWhenQuiet();
            }
        }

        if (batches > 0 && session.SupportsInlayHintRefresh)
        {
            // Inlay hints (latest versions) come from the same network facts; ask the client to re-request them.
            await _client.RequestAsync<object>("workspace/inlayHint/refresh", null, cancellationToken).ConfigureAwait(false);
        }

        if (batches > 0 && session.SupportsCodeLensRefresh)
        {
            // So do the upgrade lenses ("Upgrade 3 direct requirements").
            await _client.RequestAsync<object>("workspace/codeLens/refresh", null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// When every network stage has ended (and none started within a short grace period), one compacting GC returns
    /// the resolution's transient heap (tens of MB for thousands of requirements) to the OS, which the GC would
    /// otherwise keep committed in a long-running, mostly idle process. Done right after the work the user waited
    /// for rather than at their next request; a small workspace's heap compacts in a few milliseconds.
    /// </summary>
    private void CompactWhenQuiet()
    {
        var epoch = Interlocked.Increment(ref _networkEpoch);
        _ = Task.Delay(TimeSpan.FromMilliseconds(250)).ContinueWith(
            _ =>
            {
                if (_disposed || Volatile.Read(ref _networkRunning) != 0 || Interlocked.Read(ref _networkEpoch) != epoch)
                {
                    return;
                }

                GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);
    }

    private async Task PublishAsync(
        DocumentState state,
        long sequence,
        TextDocumentSnapshot document,
        WorkspaceSnapshot snapshot,
        ClientSession session,
        ImmutableArray<AnalyzerDiagnostic> local,
        ImmutableArray<AnalyzerDiagnostic> network,
        PullRefresh refresh,
        CancellationToken cancellationToken)
    {
        if (session.UsesPullDiagnostics)
        {
            if (refresh == PullRefresh.None || !session.SupportsDiagnosticRefresh)
            {
                return;
            }

            // The client pulls by itself a document it edited, and the others only when asked to. A pull would answer
            // local + network, as combined here (the pull handler combines the same two layers); a document never
            // pulled is asked for on new network results, as before, but not for a change in a document it reads.
            var pulled = state.PulledResultId;
            if (pulled is null
                    ? refresh == PullRefresh.WhenChanged
                    : pulled != DiagnosticsFingerprint.ResultId(ToDiagnostics(document, snapshot, session, local, network)))
            {
                await _client.RequestAsync<object>("workspace/diagnostic/refresh", null, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        // Converted outside the publish gate: it is the costly part and depends on nothing shared.
        var diagnostics = ToDiagnostics(document, snapshot, session, local, network);
        var fingerprint = DiagnosticsFingerprint.Of(diagnostics);
        cancellationToken.ThrowIfCancellationRequested();

        // One publish at a time per document, and never one older than a publish already sent: runs overlap now,
        // so a superseded run that gets here late must not overwrite newer diagnostics in the editor.
        await state.PublishGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (fingerprint == state.LastFingerprint || !state.TryClaimPublish(sequence))
            {
                return;
            }

            await _client.NotifyAsync(
                "textDocument/publishDiagnostics",
                new PublishDiagnosticsParams(document.Uri, diagnostics, document.Version)).ConfigureAwait(false);
            state.LastFingerprint = fingerprint;
            Interlocked.Increment(ref _publishCount);
        }
        finally
        {
            state.PublishGate.Release();
        }
    }

    private static IReadOnlyList<Diagnostic> ToDiagnostics(TextDocumentSnapshot document, WorkspaceSnapshot snapshot, ClientSession session,
        ImmutableArray<AnalyzerDiagnostic> local, ImmutableArray<AnalyzerDiagnostic> network) =>
        [.. DiagnosticLayers.Combine(local, network).Select(d => LspConverter.ToDiagnostic(d, document, snapshot, session.Encoding))];

    /// <summary>When a pull client is asked to pull again after a publish that it does not see.</summary>
    private enum PullRefresh
    {
        /// <summary>The document's own edit: the client pulls it anyway.</summary>
        None,

        /// <summary>New network results: unless the client already pulled exactly these.</summary>
        WhenChanged,

        /// <summary>A document it reads changed: if the client has pulled it and would now get something else.</summary>
        WhenPulledBefore,
    }

    // Cancelled sources are left to the GC rather than disposed: a superseded run may still be registering on
    // its token, and a CancellationTokenSource without a timer holds no unmanaged resources.
#pragma warning disable CA1001
    private sealed class DocumentState
#pragma warning restore CA1001
    {
        private readonly Lock _gate = new();
        private readonly HashSet<Task> _inFlight = [];
        private CancellationTokenSource? _cancellation;
        private long _nextSequence;
        private long _publishedSequence;

        /// <summary>Serializes publishes (and the clearing publish of a close) of this document.</summary>
        public SemaphoreSlim PublishGate { get; } = new(1, 1);

        /// <summary>Read and written only inside <see cref="PublishGate"/>.</summary>
        public UInt128? LastFingerprint { get; set; }

        /// <summary>The result id of the client's last pull of this document (pull mode); null before its first, and after a close.</summary>
        public string? PulledResultId
        {
            get => Volatile.Read(ref _pulledResultId);
            set => Volatile.Write(ref _pulledResultId, value);
        }

        private string? _pulledResultId;

        /// <summary>The network diagnostics last published (or carried), with the version of the text they are on.</summary>
        public NetworkResult? Network { get; private set; }

        /// <summary>Cancels the run in flight and numbers the next one (the number orders publishes).</summary>
        public (CancellationTokenSource Cancellation, long Sequence) Restart()
        {
            lock (_gate)
            {
                _cancellation?.Cancel();
                _cancellation = new CancellationTokenSource();
                return (_cancellation, ++_nextSequence);
            }
        }

        public void Cancel()
        {
            lock (_gate)
            {
                _cancellation?.Cancel();
            }
        }

        public long CancelForClose()
        {
            PulledResultId = null;
            lock (_gate)
            {
                _cancellation?.Cancel();
                return ++_nextSequence;
            }
        }

        /// <summary>Inside <see cref="PublishGate"/>: true when no later run has published yet.</summary>
        public bool TryClaimPublish(long sequence)
        {
            if (sequence < _publishedSequence)
            {
                return false;
            }

            _publishedSequence = sequence;
            return true;
        }

        public void Track(Task task)
        {
            lock (_gate)
            {
                _inFlight.Add(task);
            }

            _ = task.ContinueWith(
                t =>
                {
                    lock (_gate)
                    {
                        _inFlight.Remove(t);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        public Task[] InFlight()
        {
            lock (_gate)
            {
                return [.. _inFlight];
            }
        }

        public void SetNetwork(NetworkResult? network)
        {
            lock (_gate)
            {
                Network = network;
            }
        }
    }

    private sealed record NetworkResult(TextDocumentSnapshot Document, ImmutableArray<AnalyzerDiagnostic> Diagnostics);
}
