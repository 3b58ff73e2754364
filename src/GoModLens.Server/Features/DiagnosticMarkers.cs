namespace GoModLens.Server.Features;

[Flags]
public enum DiagnosticMarkers
{
    None = 0,
    Unnecessary = 1,
    Deprecated = 2,
}
