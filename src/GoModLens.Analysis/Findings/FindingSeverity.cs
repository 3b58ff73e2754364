namespace GoModLens.Analysis.Findings;

/// <summary>Severity of a finding. Values match LSP DiagnosticSeverity (1 = Error … 4 = Hint).</summary>
public enum FindingSeverity
{
    Error = 1,
    Warning = 2,
    Information = 3,
    Hint = 4,
}
