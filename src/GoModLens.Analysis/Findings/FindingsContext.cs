namespace GoModLens.Analysis.Findings;

/// <summary>Environment values the fixes build on (existing GOPRIVATE/GONOSUMDB patterns are kept when adding one).</summary>
/// <param name="GoPrivate">Current GOPRIVATE value.</param>
/// <param name="GoNoSumDb">Current GONOSUMDB value.</param>
/// <param name="GoModDirectory">Directory of the go.mod (replace directories are relative to it); null = do not check the file system.</param>
public sealed record FindingsContext(string GoPrivate = "", string GoNoSumDb = "", string? GoModDirectory = null)
{
    public static FindingsContext Empty { get; } = new();
}
