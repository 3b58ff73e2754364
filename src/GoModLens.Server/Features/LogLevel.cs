namespace GoModLens.Server.Features;

public enum LogLevel
{
    Trace,
    Debug,
    Information,
    Warning,
    Error,
}
