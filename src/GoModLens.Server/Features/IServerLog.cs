namespace GoModLens.Server.Features;

/// <summary>Where analyzer messages go: stderr and the client's window/logMessage.</summary>
public interface IServerLog
{
    void Log(LogLevel level, string message);
}
