namespace GoModLens.LspBenchmarks;

/// <summary>One keystroke as an incremental didChange: replace [Line:Start, Line:End) with Text.</summary>
internal sealed record SingleCharEdit(int Line, int Start, int End, string Text, string Kind);
