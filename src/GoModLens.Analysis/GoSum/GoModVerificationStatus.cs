namespace GoModLens.Analysis.GoSum;

/// <summary>Outcome of checking fetched .mod bytes against go.sum's "/go.mod" lines, as go's checkModSum does.</summary>
public enum GoModVerificationStatus
{
