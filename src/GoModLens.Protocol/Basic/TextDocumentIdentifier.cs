namespace GoModLens.Protocol;

/// <summary>Document URIs stay strings: System.Uri re-escapes and would not round-trip what the client sent.</summary>
public sealed record TextDocumentIdentifier(string Uri);

public sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

public sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);

public sealed record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);
