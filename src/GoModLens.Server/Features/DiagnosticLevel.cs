namespace GoModLens.Server.Features;

public enum DiagnosticLevel
{
    Error,
    Warning,
    Information,
    Hint,
}
