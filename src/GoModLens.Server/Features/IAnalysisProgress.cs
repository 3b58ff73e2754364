namespace GoModLens.Server.Features;

/// <summary>Reports progress of slow (network) work to the editor; a no-op when the client can't show it.</summary>
public interface IAnalysisProgress
{
    void Report(string message, int? percentage = null);
}
