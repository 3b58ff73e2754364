using System.Collections.Immutable;
using System.Text.Json;
using GoModLens.Protocol;
using GoModLens.Server.Features;
using GoModLens.Server.Lifecycle;
using GoModLens.Server.Text;
using GoModLens.Server.Workspace;

namespace GoModLens.Server.Conversion;

/// <summary>Feature results (UTF-16 offsets, plain strings) to LSP records and back. The only place that does it.</summary>
internal static class LspConverter
{
    public const string DiagnosticSource = "gomodlens";

    public static Protocol.Range ToRange(TextDocumentSnapshot document, SourceSpan span, PositionEncoding encoding) =>
        document.Lines.GetRange(span.Start, span.End, encoding);

    public static SourceSpan ToSpan(TextDocumentSnapshot document, Protocol.Range range, PositionEncoding encoding)
    {
        var start = document.Lines.GetOffset(range.Start, encoding);
        var end = document.Lines.GetOffset(range.End, encoding);
        return end < start ? SourceSpan.FromBounds(end, start) : SourceSpan.FromBounds(start, end);
    }

    public static Diagnostic ToDiagnostic(
        AnalyzerDiagnostic diagnostic, TextDocumentSnapshot document, WorkspaceSnapshot workspace, PositionEncoding encoding) => new()
    {
        Range = ToRange(document, diagnostic.Span, encoding),
        Severity = diagnostic.Level switch
        {
            DiagnosticLevel.Error => DiagnosticSeverity.Error,
            DiagnosticLevel.Warning => DiagnosticSeverity.Warning,
            DiagnosticLevel.Information => DiagnosticSeverity.Information,
            _ => DiagnosticSeverity.Hint,
        },
        Code = diagnostic.Code,
        CodeDescription = diagnostic.HelpUri is null ? null : new CodeDescription(diagnostic.HelpUri),
        Source = DiagnosticSource,
        Message = diagnostic.Message,
        Tags = ToTags(diagnostic.Markers),
        RelatedInformation = diagnostic.Related.IsEmpty
            ? null
            : [.. diagnostic.Related.Select(r => ToRelated(r, document, workspace, encoding))],
        Data = diagnostic.Data,
    };

    /// <summary>Back from a code-action request. Foreign diagnostics keep their code and message; data stays JSON.</summary>
    public static AnalyzerDiagnostic FromDiagnostic(Diagnostic diagnostic, TextDocumentSnapshot document, PositionEncoding encoding)
    {
        // Kept as JSON for the analyzer to read: clients need not send the source back (Neovim 0.7 does not), so
        // whether the data is ours is the analyzer's call.
        var data = diagnostic.Data is JsonElement { ValueKind: JsonValueKind.Object } json ? (object?)json : null;

        return new AnalyzerDiagnostic(
            ToSpan(document, diagnostic.Range, encoding),
            diagnostic.Severity switch
            {
                DiagnosticSeverity.Error => DiagnosticLevel.Error,
                DiagnosticSeverity.Warning => DiagnosticLevel.Warning,
                DiagnosticSeverity.Information => DiagnosticLevel.Information,
                _ => DiagnosticLevel.Hint,
            },
            diagnostic.Source == DiagnosticSource ? diagnostic.Code ?? string.Empty : $"{diagnostic.Source}:{diagnostic.Code}",
            diagnostic.Message,
            diagnostic.CodeDescription?.Href,
            Data: data);
    }

    public static IReadOnlyList<TextEdit> ToTextEdits(TextDocumentSnapshot document, IEnumerable<TextChange> changes, PositionEncoding encoding) =>
        [.. changes.Select(c => new TextEdit(ToRange(document, c.Span, encoding), c.NewText))];

    /// <summary>
    /// Edits for open documents convert against the open text; others against the file on disk, since that is what
    /// the client will edit. A document that is neither open nor readable is skipped (reported to the caller).
    /// The one place that picks the form: a client that takes <c>documentChanges</c> gets each document's edits with
    /// the version they were computed against (null for a file that is not open), so it refuses them once the
    /// document has changed; the others get the <c>changes</c> map.
    /// </summary>
    public static WorkspaceEdit ToWorkspaceEdit(
        IEnumerable<DocumentChanges> edits, WorkspaceSnapshot workspace, ClientSession session, ICollection<string> skipped)
    {
        var documentEdits = new Dictionary<string, TextDocumentEdit>(StringComparer.Ordinal); // in order; a second entry for a URI replaces the first
        foreach (var edit in edits)
        {
            var open = workspace.TryGetDocument(edit.Uri);
            var document = open ?? ReadFromDisk(edit.Uri);
            if (document is null)
            {
                skipped.Add(edit.Uri);
                continue;
            }

            documentEdits[edit.Uri] = new TextDocumentEdit(
                new OptionalVersionedTextDocumentIdentifier(edit.Uri, open?.Version), ToTextEdits(document, edit.Changes, session.Encoding));
        }

        return session.SupportsDocumentChanges
            ? new WorkspaceEdit(DocumentChanges: [.. documentEdits.Values])
            : new WorkspaceEdit(Changes: documentEdits.ToDictionary(e => e.Key, e => e.Value.Edits, StringComparer.Ordinal));
    }

    /// <summary>Locations in open documents convert against the open text, others against the file on disk; unreadable ones are dropped.</summary>
    public static IReadOnlyList<Location> ToLocations(IEnumerable<SourceLocation> locations, WorkspaceSnapshot workspace, PositionEncoding encoding)
    {
        var result = new List<Location>();
        foreach (var group in locations.GroupBy(l => l.Uri, StringComparer.Ordinal))
        {
            if ((workspace.TryGetDocument(group.Key) ?? ReadFromDisk(group.Key)) is { } document)
            {
                result.AddRange(group.Where(l => l.Span.End <= document.Text.Length).Select(l => new Location(group.Key, ToRange(document, l.Span, encoding))));
            }
        }

        return result;
    }

    public static MarkupContent ToMarkup(string markdown, string format) =>
        format == MarkupKind.Markdown ? new MarkupContent(MarkupKind.Markdown, markdown) : new MarkupContent(MarkupKind.PlainText, markdown);

    public static CompletionItemKind ToCompletionKind(CompletionKind kind) => kind switch
    {
        CompletionKind.Keyword => CompletionItemKind.Keyword,
        CompletionKind.Module => CompletionItemKind.Module,
        CompletionKind.Version => CompletionItemKind.Constant,
        _ => CompletionItemKind.Value,
    };

    public static SymbolKind ToSymbolKind(SymbolCategory category) => category switch
    {
        SymbolCategory.Module => SymbolKind.Module,
        SymbolCategory.Directive => SymbolKind.Property,
        SymbolCategory.Block => SymbolKind.Namespace,
        SymbolCategory.Requirement => SymbolKind.Package,
        SymbolCategory.Replacement => SymbolKind.Key,
        SymbolCategory.Exclusion => SymbolKind.Null,
        SymbolCategory.Retraction => SymbolKind.Event,
        SymbolCategory.Tool => SymbolKind.Function,
        SymbolCategory.ModuleVersion => SymbolKind.Package,
        SymbolCategory.Checksum => SymbolKind.Key,
        _ => SymbolKind.Object,
    };

    public static DocumentSymbol ToDocumentSymbol(SymbolItem symbol, TextDocumentSnapshot document, PositionEncoding encoding) => new()
    {
        Name = symbol.Name.Length == 0 ? "(empty)" : symbol.Name, // clients reject empty names
        Detail = symbol.Detail,
        Kind = ToSymbolKind(symbol.Category),
        Range = ToRange(document, symbol.Span, encoding),
        SelectionRange = ToRange(document, symbol.NameSpan, encoding),
        Children = symbol.Children.IsDefaultOrEmpty ? null : [.. symbol.Children.Select(c => ToDocumentSymbol(c, document, encoding))],
    };

    /// <summary>A symbol tree flattened in document order (a parent before its children), each child naming its parent.</summary>
    public static IEnumerable<SymbolInformation> ToSymbolInformation(IEnumerable<SymbolItem> symbols, TextDocumentSnapshot document, PositionEncoding encoding,
        string? container = null)
    {
        foreach (var symbol in symbols)
        {
            var name = symbol.Name.Length == 0 ? "(empty)" : symbol.Name;
            yield return new SymbolInformation
            {
                Name = name,
                Kind = ToSymbolKind(symbol.Category),
                Location = new Location(document.Uri, ToRange(document, symbol.Span, encoding)),
                ContainerName = container,
            };

            if (!symbol.Children.IsDefaultOrEmpty)
            {
                foreach (var child in ToSymbolInformation(symbol.Children, document, encoding, name))
                {
                    yield return child;
                }
            }
        }
    }

    public static string ToFoldingKind(FoldingKind kind) => kind switch
    {
        FoldingKind.Comment => FoldingRangeKind.Comment,
        FoldingKind.Imports => FoldingRangeKind.Imports,
        _ => FoldingRangeKind.Region,
    };

    private static List<DiagnosticTag>? ToTags(DiagnosticMarkers markers)
    {
        if (markers == DiagnosticMarkers.None)
        {
            return null;
        }

        var tags = new List<DiagnosticTag>(2);
        if (markers.HasFlag(DiagnosticMarkers.Unnecessary))
        {
            tags.Add(DiagnosticTag.Unnecessary);
        }

        if (markers.HasFlag(DiagnosticMarkers.Deprecated))
        {
            tags.Add(DiagnosticTag.Deprecated);
        }

        return tags;
    }

    private static DiagnosticRelatedInformation ToRelated(
        RelatedSpan related, TextDocumentSnapshot document, WorkspaceSnapshot workspace, PositionEncoding encoding)
    {
        var uri = related.Uri ?? document.Uri;
        var target = workspace.TryGetDocument(uri) ?? (related.Uri is null ? document : ReadFromDisk(uri));
        var range = target is null
            ? new Protocol.Range(new Position(0, 0), new Position(0, 0))
            : ToRange(target, related.Span, encoding);
        return new DiagnosticRelatedInformation(new Location(uri, range), related.Message);
    }

    private static TextDocumentSnapshot? ReadFromDisk(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile || !File.Exists(parsed.LocalPath))
        {
            return null;
        }

        try
        {
            return new TextDocumentSnapshot(uri, string.Empty, DocumentClassifier.Classify(uri, null), 0, File.ReadAllText(parsed.LocalPath));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
