namespace GoModLens.Protocol;

public sealed record HoverParams(TextDocumentIdentifier TextDocument, Position Position);

/// <summary>textDocument/definition: the result is Location[] (empty when there is nothing to go to).</summary>
public sealed record DefinitionParams(TextDocumentIdentifier TextDocument, Position Position);

/// <summary>textDocument/references: the result is Location[].</summary>
public sealed record ReferenceParams(TextDocumentIdentifier TextDocument, Position Position, ReferenceContext? Context = null);

public sealed record ReferenceContext(bool IncludeDeclaration);

public sealed record Hover(MarkupContent Contents, Range? Range = null);
