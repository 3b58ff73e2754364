namespace GoModLens.Server.Features;

public enum SymbolCategory
{
    Module,
    Directive,
    Block,
    Requirement,
    Replacement,
    Exclusion,
    Retraction,
    Tool,
    Other,
}
