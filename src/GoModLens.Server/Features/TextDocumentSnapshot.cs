using GoModLens.Server.Text;

namespace GoModLens.Server.Features;

/// <summary>
/// One version of one open document. Immutable; the <see cref="Lines"/> index is built on first use and shared by
/// every request that sees this version.
/// </summary>
public sealed class TextDocumentSnapshot
{
    private readonly Lazy<LineIndex> _lines;

    public TextDocumentSnapshot(string uri, string languageId, DocumentKind kind, int version, string text)
    {
        Uri = uri;
        LanguageId = languageId;
        Kind = kind;
        Version = version;
        Text = text;
        _lines = new Lazy<LineIndex>(() => new LineIndex(text), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Uri { get; }
    public string LanguageId { get; }
    public DocumentKind Kind { get; }
    public int Version { get; }
    public string Text { get; }
    public LineIndex Lines => _lines.Value;

    /// <summary>The local file path for <c>file:</c> URIs (go.sum next to go.mod, GOENV lookups), else null.</summary>
    public string? FilePath =>
        System.Uri.TryCreate(Uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? parsed.LocalPath : null;

    public TextDocumentSnapshot WithText(int version, string text) => new(Uri, LanguageId, Kind, version, text);

    /// <summary>The next version from an already built line index (didChange updates the index incrementally).</summary>
    internal TextDocumentSnapshot WithText(int version, LineIndex lines) => new(Uri, LanguageId, Kind, version, lines);

    private TextDocumentSnapshot(string uri, string languageId, DocumentKind kind, int version, LineIndex lines)
    {
        Uri = uri;
        LanguageId = languageId;
        Kind = kind;
        Version = version;
        Text = lines.Text;
        _lines = new Lazy<LineIndex>(lines);
    }
}
