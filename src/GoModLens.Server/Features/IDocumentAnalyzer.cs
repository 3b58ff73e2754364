using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace GoModLens.Server.Features;

/// <summary>
/// The seam between the LSP runtime and the go.mod/go.sum features. The server calls it only for documents of
/// kind <see cref="DocumentKind.GoMod"/> or <see cref="DocumentKind.GoSum"/>, always on an immutable snapshot,
/// possibly concurrently, with offsets in UTF-16 code units. Every member has a default that offers nothing, so
/// an implementation overrides only what it supports. Implementations must be thread-safe, must not throw for
/// bad input (return diagnostics instead), and should honour the cancellation token: the server cancels work for
/// superseded document versions.
/// </summary>
public interface IDocumentAnalyzer
{
    /// <summary>Command identifiers handled by <see cref="ExecuteCommandAsync"/>, advertised in capabilities.</summary>
    IReadOnlyList<string> Commands => [];

    /// <summary>Stage 1: syntax and semantic diagnostics, no I/O. Published as soon as the debounce ends.</summary>
    ValueTask<ImmutableArray<AnalyzerDiagnostic>> GetLocalDiagnosticsAsync(
        TextDocumentSnapshot document, AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ImmutableArray<AnalyzerDiagnostic>.Empty);

    /// <summary>
    /// Stage 2: network-backed diagnostics. Each yielded array is the complete network set so far (it replaces
    /// the previous one); the server publishes local + latest network set after every item. Also called when
    /// <see cref="Configuration.ServerSettings.NetworkEnabled"/> is false: the analyzer must then work offline (no
    /// request of any kind; local caches such as the go module cache only).
    /// </summary>
    IAsyncEnumerable<ImmutableArray<AnalyzerDiagnostic>> GetNetworkDiagnosticsAsync(
        TextDocumentSnapshot document, AnalysisContext context, CancellationToken cancellationToken) =>
        NoBatchesAsync(cancellationToken);

    /// <summary>
    /// The documents whose diagnostics also read <paramref name="document"/> (a go.mod reads the go.sum beside it):
    /// when it is opened, edited or closed they are analysed again, though their own text is unchanged. Called on
    /// the queue's thread after each such change, so it must be cheap (no I/O).
    /// </summary>
    IEnumerable<string> GetDependentDocuments(TextDocumentSnapshot document, Workspace.WorkspaceSnapshot workspace) => [];

    ValueTask<HoverInfo?> GetHoverAsync(
        TextDocumentSnapshot document, int offset, AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<HoverInfo?>(null);

    /// <summary>The files (URIs) that define what is under the cursor; empty for none.</summary>
    ValueTask<ImmutableArray<string>> GetDefinitionAsync(
        TextDocumentSnapshot document, int offset, AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ImmutableArray<string>.Empty);

    /// <summary>Every place that names what is under the cursor (a module path), in this and related files.</summary>
    ValueTask<ImmutableArray<SourceLocation>> GetReferencesAsync(
        TextDocumentSnapshot document, int offset, AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ImmutableArray<SourceLocation>.Empty);

    /// <param name="diagnostics">The diagnostics the client sent with the request (ours carry their Data back).</param>
    ValueTask<ImmutableArray<CodeFix>> GetCodeFixesAsync(
        TextDocumentSnapshot document, SourceSpan span, ImmutableArray<AnalyzerDiagnostic> diagnostics,
        AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ImmutableArray<CodeFix>.Empty);

    /// <summary>Commands shown above lines of the document (code lenses); each a command without edits.</summary>
    ValueTask<ImmutableArray<CodeLensItem>> GetCodeLensesAsync(
        TextDocumentSnapshot document, AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ImmutableArray<CodeLensItem>.Empty);

    ValueTask<ImmutableArray<InlayHintItem>> GetInlayHintsAsync(
        TextDocumentSnapshot document, SourceSpan span, AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ImmutableArray<InlayHintItem>.Empty);

    ValueTask<ImmutableArray<DocumentLinkItem>> GetDocumentLinksAsync(
        TextDocumentSnapshot document, AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ImmutableArray<DocumentLinkItem>.Empty);

    ValueTask<CompletionInfo> GetCompletionsAsync(
        TextDocumentSnapshot document, int offset, AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(CompletionInfo.Empty);

    /// <summary>Edits that format the whole document; empty when it is already formatted or cannot be parsed.</summary>
    ValueTask<ImmutableArray<TextChange>> FormatAsync(
        TextDocumentSnapshot document, AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ImmutableArray<TextChange>.Empty);

    ValueTask<ImmutableArray<FoldingItem>> GetFoldingRangesAsync(
        TextDocumentSnapshot document, AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ImmutableArray<FoldingItem>.Empty);

    ValueTask<ImmutableArray<SymbolItem>> GetDocumentSymbolsAsync(
        TextDocumentSnapshot document, AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ImmutableArray<SymbolItem>.Empty);

    ValueTask<CommandOutcome> ExecuteCommandAsync(
        string command, IReadOnlyList<JsonElement> arguments, AnalysisContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(CommandOutcome.None);

    private static async IAsyncEnumerable<ImmutableArray<AnalyzerDiagnostic>> NoBatchesAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        cancellationToken.ThrowIfCancellationRequested();
        yield break;
    }
}
