namespace GoModLens.Server.Features;

public enum CompletionKind
{
    Keyword,
    Module,
    Version,
    Value,
}
