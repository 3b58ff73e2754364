using GoModLens.ModFile.Syntax;

namespace GoModLens.ModFile.Semantics;

/// <summary>One retracted closed interval [Low, High] (Low == High for a single version) and its rationale comment.</summary>
public sealed class RetractStmt(string low, string high, string rationale, ModLine syntax)
{
    public string Low { get; set; } = low;

    public string High { get; set; } = high;

    public string Rationale { get; set; } = rationale;

    public ModLine Syntax { get; set; } = syntax;
}
