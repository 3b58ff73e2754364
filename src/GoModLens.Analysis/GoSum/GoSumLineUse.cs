namespace GoModLens.Analysis.GoSum;

/// <summary>How the go.mod relates to the module version of a go.sum line.</summary>
public enum GoSumLineUse
{
