namespace GoModLens.Analysis.Reports;

/// <summary>How a mirror did in one probe.</summary>
public enum MirrorHealth
{
    Healthy,
    Slow,
    Failing,
}
