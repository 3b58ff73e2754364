namespace GoModLens.Analysis.Reports;

/// <summary>A ready status-bar text and the health to send with it.</summary>
public sealed record StatusLine(string Text, StatusHealth Health)
{
    /// <summary>The contract string for <see cref="Health"/>.</summary>
    public string HealthValue => StatusText.ContractValue(Health);
}
