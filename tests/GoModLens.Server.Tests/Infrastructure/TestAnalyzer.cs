using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using GoModLens.Server.Features;

namespace GoModLens.Server.Tests.Infrastructure;

/// <summary>
/// A test double for the go.mod features: flags every "BAD" as TEST001, hovers with the version and full text it
/// saw, blocks hovers on documents containing "SLOW" until cancelled, and emits one NET001 network diagnostic
/// after <see cref="NetworkGate"/> opens (when one is set). A document listed in <see cref="Reads"/> also gets
/// TEST002 while the document it reads contains "BAD", as a go.mod gets findings from its go.sum.
/// </summary>
internal sealed class TestAnalyzer : IDocumentAnalyzer
{
    public TaskCompletionSource? NetworkGate { get; set; }

    public TaskCompletionSource HoverStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource HoverCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<int> LocalRunVersions { get; } = new();

    public ConcurrentQueue<string> NetworkRuns { get; } = new();

    public ConcurrentQueue<string> NetworkCancellations { get; } = new();

    /// <summary>Reader URI to the URI of the open document whose text its diagnostics also depend on.</summary>
    public Dictionary<string, string> Reads { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Commands => ["test.echo", "test.edit"];

    public IEnumerable<string> GetDependentDocuments(TextDocumentSnapshot document, GoModLens.Server.Workspace.WorkspaceSnapshot workspace) =>
        Reads.Where(r => r.Value == document.Uri).Select(r => r.Key);

    public ValueTask<ImmutableArray<AnalyzerDiagnostic>> GetLocalDiagnosticsAsync(
        TextDocumentSnapshot document, AnalysisContext context, CancellationToken cancellationToken)
    {
        LocalRunVersions.Enqueue(document.Version);
        var result = ImmutableArray.CreateBuilder<AnalyzerDiagnostic>();
        var line = 0;
        var lineStart = 0;
        var text = document.Text;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '\n')
            {
                var index = text.IndexOf("BAD", lineStart, i - lineStart, StringComparison.Ordinal);
                if (index >= 0)
                {
                    result.Add(new AnalyzerDiagnostic(
                        new SourceSpan(index, 3),
                        DiagnosticLevel.Error,
                        "TEST001",
                        $"BAD on line {line}",
                        HelpUri: "https://example.test/TEST001",
                        Data: JsonSerializer.SerializeToElement(
                            new Dictionary<string, string> { ["line"] = line.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                            LspTestHarness.ClientOptions)));
                }

                line++;
                lineStart = i + 1;
            }
        }

        if (Reads.TryGetValue(document.Uri, out var read) && context.Workspace.TryGetDocument(read) is { } other
            && other.Text.Contains("BAD", StringComparison.Ordinal))
        {
            result.Add(new AnalyzerDiagnostic(new SourceSpan(0, 0), DiagnosticLevel.Warning, "TEST002", $"BAD in {read}"));
        }

        return ValueTask.FromResult(result.ToImmutable());
    }

    public async IAsyncEnumerable<ImmutableArray<AnalyzerDiagnostic>> GetNetworkDiagnosticsAsync(
        TextDocumentSnapshot document, AnalysisContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        NetworkRuns.Enqueue($"{document.Uri}@{document.Version}");
        if (NetworkGate is null)
        {
            yield break;
        }

        context.Progress.Report("resolving", 0);
        try
        {
            await NetworkGate.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            NetworkCancellations.Enqueue($"{document.Uri}@{document.Version}");
            throw;
        }

        yield return [new AnalyzerDiagnostic(new SourceSpan(0, 1), DiagnosticLevel.Warning, "NET001", "network says hi")];
    }

    public async ValueTask<HoverInfo?> GetHoverAsync(
        TextDocumentSnapshot document, int offset, AnalysisContext context, CancellationToken cancellationToken)
    {
        if (document.Text.Contains("SLOW", StringComparison.Ordinal))
        {
            HoverStarted.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                HoverCancelled.TrySetResult();
                throw;
            }
        }

        return new HoverInfo($"v{document.Version}@{offset}:{document.Text}", new SourceSpan(offset, 0));
    }

    public ValueTask<ImmutableArray<InlayHintItem>> GetInlayHintsAsync(
        TextDocumentSnapshot document, SourceSpan span, AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ImmutableArray<InlayHintItem>>([new InlayHintItem(document.Text.Length, "end")]);

    public ValueTask<ImmutableArray<CodeFix>> GetCodeFixesAsync(
        TextDocumentSnapshot document, SourceSpan span, ImmutableArray<AnalyzerDiagnostic> diagnostics,
        AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(diagnostics
            .Where(d => d.Code == "TEST001" && Line(d.Data) is not null)
            .Select(d => new CodeFix(
                $"Replace BAD on line {Line(d.Data)}",
                "quickfix",
                [new DocumentChanges(document.Uri, [new TextChange(d.Span, "GOOD")])],
                [d],
                IsPreferred: true))
            .ToImmutableArray());

    // The data, as published and as sent back by the client with a code-action request: JSON (a type the server can
    // serialize without reflection).
    private static string? Line(object? data) => data switch
    {
        JsonElement { ValueKind: JsonValueKind.Object } json when json.TryGetProperty("line", out var line) => line.GetString(),
        _ => null,
    };

    /// <summary>test.echo answers its first argument; test.edit replaces the first BAD of each document it is given with GOOD.</summary>
    public ValueTask<CommandOutcome> ExecuteCommandAsync(
        string command, IReadOnlyList<JsonElement> arguments, AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(command == "test.edit"
            ? new CommandOutcome([.. arguments.Select(a => a.GetString()!).Select(uri => new DocumentChanges(uri,
                [new TextChange(new SourceSpan(Text(uri, context).IndexOf("BAD", StringComparison.Ordinal), 3), "GOOD")]))])
            : new CommandOutcome([], Result: arguments.Count > 0 ? arguments[0] : null));

    // The open text, else the file's (the command edits files that are not open too).
    private static string Text(string uri, AnalysisContext context) =>
        context.Workspace.TryGetDocument(uri)?.Text ?? File.ReadAllText(new Uri(uri).LocalPath);
}
