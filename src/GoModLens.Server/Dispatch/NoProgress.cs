using GoModLens.Server.Features;

namespace GoModLens.Server.Dispatch;

internal sealed class NoProgress : IAnalysisProgress
{
    public static NoProgress Instance { get; } = new();

    public void Report(string message, int? percentage = null)
    {
        // Nothing to show: the client has no work-done progress or the work is not worth a progress bar.
    }
}
