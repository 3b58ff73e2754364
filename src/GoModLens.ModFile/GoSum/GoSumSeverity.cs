namespace GoModLens.ModFile.GoSum;

public enum GoSumSeverity
{
    /// <summary>go refuses the whole file ("malformed go.sum").</summary>
    Error,

    /// <summary>go reads the file, but the line will not do what it seems to (conflicting or unusable hashes).</summary>
    Warning,

    /// <summary>Harmless: go ignores or tolerates it (duplicates, the old empty-go.mod hash).</summary>
    Information,
}
