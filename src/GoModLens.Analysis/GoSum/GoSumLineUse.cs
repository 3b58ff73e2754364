namespace GoModLens.Analysis.GoSum;

/// <summary>How the go.mod relates to the module version of a go.sum line.</summary>
public enum GoSumLineUse
{
    /// <summary>No go.mod was given.</summary>
    Unknown,

    /// <summary>The go.mod requires exactly this version (directly or // indirect).</summary>
    Required,

    /// <summary>This version is the replacement of a required module.</summary>
    Replacement,

    /// <summary>The go.mod requires the module at another version.</summary>
    OtherVersionRequired,

    /// <summary>Not in the go.mod: a dependency of a dependency, or left over (go mod tidy decides).</summary>
    NotListed,
}
