namespace GoModLens.Analysis.Reports;

/// <summary>How a mirror did in one probe (mirrors Infrastructure's MirrorHealth, which Analysis cannot reference).</summary>
public enum MirrorHealth
{
    Healthy,
    Slow,
    Failing,
}
