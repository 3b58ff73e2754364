namespace GoModLens.Analysis.Reports;

/// <summary>Health values of the <c>gomodlens/status</c> notification.</summary>
public enum StatusHealth
{
    Unknown,
    Ok,
    Slow,
    Failing,
}
