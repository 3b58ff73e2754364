namespace GoModLens.Protocol;

public sealed record MarkupContent(string Kind, string Value);

public static class MarkupKind
{
    public const string PlainText = "plaintext";
    public const string Markdown = "markdown";
}
