namespace GoModLens.Protocol;

public sealed record DocumentFormattingParams(TextDocumentIdentifier TextDocument, FormattingOptions Options);

public sealed record FormattingOptions(int TabSize, bool InsertSpaces);
