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

    /// <summary>A go.sum module version (its lines below it).</summary>
    ModuleVersion,

    /// <summary>A go.sum line: one hash.</summary>
    Checksum,
    Other,
}
