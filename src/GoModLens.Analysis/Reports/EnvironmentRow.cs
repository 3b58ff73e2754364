namespace GoModLens.Analysis.Reports;

/// <summary>One variable of the environment report: its effective value (credentials redacted) and provenance text.</summary>
public sealed record EnvironmentRow(string Name, string Value, string Source);
