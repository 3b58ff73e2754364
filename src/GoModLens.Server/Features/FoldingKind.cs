namespace GoModLens.Server.Features;

public enum FoldingKind
{
    Region,
    Comment,
    Imports,
}
