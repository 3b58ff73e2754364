using System.Text.Json;
using GoModLens.Protocol;
using GoModLens.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace GoModLens.Server.Tests;

public sealed class DiagnosticsTests
{
    private const string Uri = "file:///work/project/go.mod";

    [Fact]
    public async Task DidOpen_publishes_diagnostics_stamped_with_the_version()
    {
        await using var lsp = await LspTestHarness.StartAsync();
        await lsp.OpenAsync(Uri, "module a\n\nrequire BAD v1\n", version: 7);

        var published = await lsp.NextDiagnosticsAsync(Uri);

        Assert.Equal(7, published.Version);
        var diagnostic = Assert.Single(published.Diagnostics);
        Assert.Equal("TEST001", diagnostic.Code);
        Assert.Equal("gomodlens", diagnostic.Source);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(new Protocol.Range(new Position(2, 8), new Position(2, 11)), diagnostic.Range);
        Assert.Equal("https://example.test/TEST001", diagnostic.CodeDescription!.Href);
        Assert.Equal("2", ((JsonElement)diagnostic.Data!).GetProperty("line").GetString());
    }

    [Fact]
    public async Task Diagnostic_ranges_follow_the_negotiated_encoding()
    {
        var capabilities = new ClientCapabilities { General = new GeneralClientCapabilities { PositionEncodings = ["utf-8"] } };
        await using var lsp = await LspTestHarness.StartAsync(capabilities: capabilities);
        await lsp.OpenAsync(Uri, "// ü😀 BAD\n");

        var diagnostic = Assert.Single((await lsp.NextDiagnosticsAsync(Uri)).Diagnostics);

        // "// " 3 bytes + ü 2 + 😀 4 + " " 1 = 10.
        Assert.Equal(new Position(0, 10), diagnostic.Range.Start);
        Assert.Equal(new Position(0, 13), diagnostic.Range.End);
    }

    [Fact]
    public async Task Debounce_coalesces_rapid_changes_into_one_publish_of_the_last_version()
    {
        var time = new FakeTimeProvider();
        var analyzer = new TestAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, time: time);
        await lsp.OpenAsync(Uri, "module a\n");
        Assert.Empty((await lsp.NextDiagnosticsAsync(Uri)).Diagnostics); // open: no debounce

        for (var version = 2; version <= 6; version++)
        {
            await lsp.ChangeAsync(Uri, version, new TextDocumentContentChangeEvent($"BAD {version}\n"));
            await lsp.SyncAsync(); // the change is committed and its debounce timer started
            if (version < 6)
            {
                time.Advance(TimeSpan.FromMilliseconds(50)); // typing faster than the 150 ms debounce
            }
        }

        time.Advance(TimeSpan.FromMilliseconds(149));
        Assert.False(lsp.Diagnostics.Reader.TryPeek(out _), "published before the quiet period ended");

        time.Advance(TimeSpan.FromMilliseconds(1));
        var published = await lsp.NextDiagnosticsAsync(Uri);
        await lsp.Server.Diagnostics.WhenIdleAsync();

        Assert.Equal(6, published.Version);
        Assert.Equal("BAD on line 0", Assert.Single(published.Diagnostics).Message);
        Assert.False(lsp.Diagnostics.Reader.TryPeek(out _), "more than one publish for the burst");
        Assert.Equal([1, 6], analyzer.LocalRunVersions);
    }

    [Fact]
    public async Task Unchanged_diagnostics_are_not_published_again()
    {
        var time = new FakeTimeProvider();
        await using var lsp = await LspTestHarness.StartAsync(time: time);
        await lsp.OpenAsync(Uri, "BAD\n");
        await lsp.NextDiagnosticsAsync(Uri);
        var before = lsp.Server.Diagnostics.PublishCount;

        await lsp.ChangeAsync(Uri, 2, new TextDocumentContentChangeEvent("BAD\n\n"));
        await lsp.SyncAsync();
        time.Advance(TimeSpan.FromMilliseconds(200));
        await lsp.Server.Diagnostics.WhenIdleAsync();

        Assert.Equal(before, lsp.Server.Diagnostics.PublishCount);
        Assert.False(lsp.Diagnostics.Reader.TryPeek(out _));
    }

    [Fact]
    public async Task Network_diagnostics_arrive_in_a_second_publish_with_the_local_ones()
    {
        var analyzer = new TestAnalyzer { NetworkGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var lsp = await LspTestHarness.StartAsync(analyzer);
        await lsp.OpenAsync(Uri, "module BAD\n", version: 3);

        var first = await lsp.NextDiagnosticsAsync(Uri);
        Assert.Equal(["TEST001"], first.Diagnostics.Select(d => d.Code));

        analyzer.NetworkGate.SetResult();
        var second = await lsp.NextDiagnosticsAsync(Uri);
        Assert.Equal(3, second.Version);
        Assert.Equal(["TEST001", "NET001"], second.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public async Task Network_results_ask_clients_that_support_it_to_refresh_inlay_hints()
    {
        var analyzer = new TestAnalyzer { NetworkGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var capabilities = new ClientCapabilities { Workspace = new WorkspaceClientCapabilities { InlayHint = new RefreshCapability(true) } };
        await using var lsp = await LspTestHarness.StartAsync(analyzer, capabilities);
        await lsp.OpenAsync(Uri, "module a\n");
        await lsp.NextDiagnosticsAsync(Uri);
        Assert.DoesNotContain("workspace/inlayHint/refresh", lsp.ServerRequests);

        analyzer.NetworkGate.SetResult();
        await LifecycleTests.WaitUntilAsync(() => lsp.ServerRequests.Contains("workspace/inlayHint/refresh"));
    }

    [Fact]
    public async Task A_change_cancels_the_network_stage_of_the_superseded_version()
    {
        var analyzer = new TestAnalyzer { NetworkGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var lsp = await LspTestHarness.StartAsync(analyzer, debounce: TimeSpan.Zero);
        await lsp.OpenAsync(Uri, "module a\n");
        await LifecycleTests.WaitUntilAsync(() => analyzer.NetworkRuns.Contains(Uri + "@1"));

        await lsp.ChangeAsync(Uri, 2, new TextDocumentContentChangeEvent("module b\n"));
        await LifecycleTests.WaitUntilAsync(() => analyzer.NetworkRuns.Contains(Uri + "@2"));

        Assert.Equal([Uri + "@1"], analyzer.NetworkCancellations);
        analyzer.NetworkGate.SetResult();
        var published = await lsp.NextDiagnosticsAsync(Uri);
        while (published.Diagnostics.Count == 0)
        {
            published = await lsp.NextDiagnosticsAsync(Uri);
        }

        Assert.Equal(2, published.Version);
        Assert.Equal("NET001", Assert.Single(published.Diagnostics).Code);
    }

    [Fact]
    public async Task Watched_file_changes_reanalyze_open_documents()
    {
        var analyzer = new TestAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, debounce: TimeSpan.Zero);
        await lsp.OpenAsync(Uri, "module a\n");
        await lsp.NextDiagnosticsAsync(Uri);
        await lsp.Server.Diagnostics.WhenIdleAsync();

        await lsp.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = "file:///work/project/go.sum", type = 2 } } });
        await LifecycleTests.WaitUntilAsync(() => analyzer.LocalRunVersions.Count == 2);
    }

    [Fact]
    public async Task Many_rapid_single_character_edits_arrive_in_order()
    {
        await using var lsp = await LspTestHarness.StartAsync();
        await lsp.OpenAsync(Uri, string.Empty);
        var expected = new System.Text.StringBuilder();
        var sends = new List<Task>();
        for (var i = 0; i < 300; i++)
        {
            var c = (char)('a' + (i % 26));
            expected.Append(c);
            sends.Add(lsp.ChangeAsync(Uri, i + 2, new TextDocumentContentChangeEvent(c.ToString(), new Protocol.Range(new Position(0, i), new Position(0, i)))));
        }

        await Task.WhenAll(sends);
        var hover = await lsp.HoverAsync(Uri, 0, 0);

        Assert.Equal($"v301@0:{expected}", hover!.Contents.Value);
    }

    [Fact]
    public async Task Network_stage_reports_work_done_progress_when_the_client_supports_it()
    {
        var analyzer = new TestAnalyzer { NetworkGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var capabilities = new ClientCapabilities { Window = new WindowClientCapabilities(WorkDoneProgress: true) };
        await using var lsp = await LspTestHarness.StartAsync(analyzer, capabilities);
        await lsp.OpenAsync(Uri, "module a\n");
        await lsp.NextDiagnosticsAsync(Uri);
        analyzer.NetworkGate.SetResult();
        await lsp.NextDiagnosticsAsync(Uri);
        await lsp.Server.Diagnostics.WhenIdleAsync();
        await LifecycleTests.WaitUntilAsync(() => lsp.Progress.Count >= 2);

        Assert.Contains("window/workDoneProgress/create", lsp.ServerRequests);
        var kinds = lsp.Progress.Select(p => p.GetProperty("value").GetProperty("kind").GetString()).ToArray();
        Assert.Equal(new string?[] { "begin", "end" }, kinds);
        Assert.Single(lsp.Progress.Select(p => p.GetProperty("token").GetString()).Distinct());
    }

    [Fact]
    public async Task Network_off_in_initialization_options_still_runs_the_network_stage_which_then_works_offline()
    {
        // The analyzer sees NetworkEnabled=false and answers from local caches only (go.mod: the module cache).
        var analyzer = new TestAnalyzer();
        await using var lsp = await LspTestHarness.StartAsync(analyzer, initializationOptions: new { gomodlens = new { network = false } });
        await lsp.OpenAsync(Uri, "module a\n");
        await lsp.NextDiagnosticsAsync(Uri);
        await lsp.Server.Diagnostics.WhenIdleAsync();

        Assert.False(lsp.Server.Queue.Current.Settings.NetworkEnabled);
        Assert.Equal([Uri + "@1"], analyzer.NetworkRuns);
    }

    [Fact]
    public async Task Closing_a_document_clears_its_diagnostics()
    {
        await using var lsp = await LspTestHarness.StartAsync();
        await lsp.OpenAsync(Uri, "BAD\n");
        Assert.Single((await lsp.NextDiagnosticsAsync(Uri)).Diagnostics);

        await lsp.NotifyAsync("textDocument/didClose", new DidCloseTextDocumentParams(new TextDocumentIdentifier(Uri)));
        var cleared = await lsp.NextDiagnosticsAsync(Uri);

        Assert.Empty(cleared.Diagnostics);
        Assert.Null(cleared.Version);
    }

    [Fact]
    public async Task Reopening_right_after_closing_publishes_the_clear_before_the_new_diagnostics()
    {
        await using var lsp = await LspTestHarness.StartAsync();
        for (var round = 1; round <= 5; round++)
        {
            await lsp.OpenAsync(Uri, "BAD\n", version: round);
            await lsp.NotifyAsync("textDocument/didClose", new DidCloseTextDocumentParams(new TextDocumentIdentifier(Uri)));
        }

        await lsp.OpenAsync(Uri, "BAD\n", version: 99);
        PublishDiagnosticsParams current;
        do
        {
            current = await lsp.NextDiagnosticsAsync(Uri);
        }
        while (current.Version != 99);

        Assert.Single(current.Diagnostics);

        // Nothing after it: no clear of a closed version arrives late. (The client dispatches notifications on the
        // thread pool, so the queue is read only once version 99 is in, not as soon as a request returns.)
        await lsp.SyncAsync();
        await lsp.Server.Diagnostics.WhenIdleAsync();
        await lsp.SyncAsync();
        Assert.False(lsp.Diagnostics.Reader.TryRead(out var late), $"published after version 99: version {late?.Version}, {late?.Diagnostics.Count} diagnostics");
    }

    [Fact]
    public async Task Pull_diagnostics_report_full_then_unchanged_and_nothing_is_pushed()
    {
        var capabilities = new ClientCapabilities
        {
            TextDocument = new TextDocumentClientCapabilities { Diagnostic = new DiagnosticClientCapabilities() },
        };
        await using var lsp = await LspTestHarness.StartAsync(capabilities: capabilities);
        Assert.NotNull(lsp.InitializeResult!.Capabilities.DiagnosticProvider);
        await lsp.OpenAsync(Uri, "module a\nBAD\n");

        var full = await lsp.RequestAsync<DocumentDiagnosticReport>(
            "textDocument/diagnostic", new DocumentDiagnosticParams(new TextDocumentIdentifier(Uri)));
        Assert.Equal("full", full.Kind);
        Assert.Equal(new Position(1, 0), Assert.Single(full.Items!).Range.Start);

        var unchanged = await lsp.RequestAsync<JsonElement>(
            "textDocument/diagnostic", new DocumentDiagnosticParams(new TextDocumentIdentifier(Uri), PreviousResultId: full.ResultId));
        Assert.Equal("unchanged", unchanged.GetProperty("kind").GetString());
        Assert.Equal(full.ResultId, unchanged.GetProperty("resultId").GetString());
        Assert.False(unchanged.TryGetProperty("items", out _));

        await lsp.ChangeAsync(Uri, 2, new TextDocumentContentChangeEvent("fine\n"));
        var changed = await lsp.RequestAsync<DocumentDiagnosticReport>(
            "textDocument/diagnostic", new DocumentDiagnosticParams(new TextDocumentIdentifier(Uri), PreviousResultId: full.ResultId));
        Assert.Equal("full", changed.Kind);
        Assert.Empty(changed.Items!);

        await lsp.Server.Diagnostics.WhenIdleAsync();
        Assert.False(lsp.Diagnostics.Reader.TryPeek(out _), "pull mode must not push");
    }

    [Fact]
    public async Task Pull_mode_asks_for_a_refresh_when_network_diagnostics_arrive()
    {
        var analyzer = new TestAnalyzer { NetworkGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var capabilities = new ClientCapabilities
        {
            TextDocument = new TextDocumentClientCapabilities { Diagnostic = new DiagnosticClientCapabilities() },
            Workspace = new WorkspaceClientCapabilities { Diagnostics = new RefreshCapability(RefreshSupport: true) },
        };
        await using var lsp = await LspTestHarness.StartAsync(analyzer, capabilities);
        await lsp.OpenAsync(Uri, "module a\n");
        await LifecycleTests.WaitUntilAsync(() => !analyzer.NetworkRuns.IsEmpty);
        analyzer.NetworkGate.SetResult();
        await LifecycleTests.WaitUntilAsync(() => lsp.ServerRequests.Contains("workspace/diagnostic/refresh"));

        var report = await lsp.RequestAsync<DocumentDiagnosticReport>(
            "textDocument/diagnostic", new DocumentDiagnosticParams(new TextDocumentIdentifier(Uri)));
        Assert.Equal(["NET001"], report.Items!.Select(d => d.Code));
    }

    private const string SumUri = "file:///work/project/go.sum";

    /// <summary>A push client: the reader's diagnostics are published again, for its unchanged version.</summary>
    [Fact]
    public async Task Editing_a_document_another_one_reads_publishes_the_reader_again()
    {
        var analyzer = new TestAnalyzer();
        analyzer.Reads[Uri] = SumUri;
        await using var lsp = await LspTestHarness.StartAsync(analyzer);
        await lsp.OpenAsync(Uri, "module a\n");
        await lsp.OpenAsync(SumUri, "fine\n", languageId: "go.sum");
        Assert.Empty((await lsp.NextDiagnosticsAsync(Uri)).Diagnostics);

        await lsp.ChangeAsync(SumUri, 2, new TextDocumentContentChangeEvent("BAD\n"));

        PublishDiagnosticsParams reader;
        do
        {
            reader = await lsp.NextDiagnosticsAsync(Uri);
        }
        while (reader.Diagnostics.Count == 0);

        Assert.Equal(1, reader.Version);
        Assert.Equal($"BAD in {SumUri}", Assert.Single(reader.Diagnostics).Message);
    }

    /// <summary>
    /// A pull client asks again only for the document it edited: for the one that reads it, the server asks for a
    /// refresh, and the next pull answers with a new result id. The network stages report nothing here, so the refresh
    /// can only come from the dependency.
    /// </summary>
    [Fact]
    public async Task A_pull_client_is_asked_to_refresh_when_a_document_another_one_reads_changes()
    {
        var analyzer = new TestAnalyzer();
        analyzer.Reads[Uri] = SumUri;
        var capabilities = new ClientCapabilities
        {
            TextDocument = new TextDocumentClientCapabilities { Diagnostic = new DiagnosticClientCapabilities() },
            Workspace = new WorkspaceClientCapabilities { Diagnostics = new RefreshCapability(RefreshSupport: true) },
        };
        await using var lsp = await LspTestHarness.StartAsync(analyzer, capabilities);
        await lsp.OpenAsync(Uri, "module a\n");
        await lsp.OpenAsync(SumUri, "fine\n", languageId: "go.sum");
        var before = await lsp.RequestAsync<DocumentDiagnosticReport>(
            "textDocument/diagnostic", new DocumentDiagnosticParams(new TextDocumentIdentifier(Uri)));
        Assert.Empty(before.Items!);

        await lsp.ChangeAsync(SumUri, 2, new TextDocumentContentChangeEvent("BAD\n"));
        await LifecycleTests.WaitUntilAsync(() => lsp.ServerRequests.Contains("workspace/diagnostic/refresh"));

        var after = await lsp.RequestAsync<DocumentDiagnosticReport>(
            "textDocument/diagnostic", new DocumentDiagnosticParams(new TextDocumentIdentifier(Uri), PreviousResultId: before.ResultId));
        Assert.Equal("full", after.Kind);
        Assert.NotEqual(before.ResultId, after.ResultId);
        Assert.Equal(["TEST002"], after.Items!.Select(d => d.Code));
    }

    /// <summary>Unchanged diagnostics of the reader are no reason to make the client pull every open document again.</summary>
    [Fact]
    public async Task No_refresh_is_asked_for_when_the_reader_s_diagnostics_stay_the_same()
    {
        var analyzer = new TestAnalyzer();
        analyzer.Reads[Uri] = SumUri;
        var capabilities = new ClientCapabilities
        {
            TextDocument = new TextDocumentClientCapabilities { Diagnostic = new DiagnosticClientCapabilities() },
            Workspace = new WorkspaceClientCapabilities { Diagnostics = new RefreshCapability(RefreshSupport: true) },
        };
        await using var lsp = await LspTestHarness.StartAsync(analyzer, capabilities);
        await lsp.OpenAsync(Uri, "module a\n");
        await lsp.OpenAsync(SumUri, "fine\n", languageId: "go.sum");
        await lsp.RequestAsync<DocumentDiagnosticReport>("textDocument/diagnostic", new DocumentDiagnosticParams(new TextDocumentIdentifier(Uri)));

        await lsp.ChangeAsync(SumUri, 2, new TextDocumentContentChangeEvent("still fine\n"));
        await lsp.SyncAsync();
        await lsp.Server.Diagnostics.WhenIdleAsync(); // the reader's run for the edit included

        Assert.DoesNotContain("workspace/diagnostic/refresh", lsp.ServerRequests);
    }
}
