using GoModLens.ModFile.Syntax;

namespace GoModLens.ModFile.Semantics;

/// <summary>One godebug key=value setting.</summary>
public sealed class GodebugStmt(string key, string value, ModLine syntax)
{
    public string Key { get; set; } = key;

    public string Value { get; set; } = value;

    public ModLine Syntax { get; set; } = syntax;
}
