namespace GoModLens.ModFile.GoSum;

/// <summary>Stable ids for go.sum diagnostics (GML15xx: go.sum syntax).</summary>
public static class GoSumDiagnosticCodes
{
    public const string WrongNumberOfFields = "GML1501";
    public const string UnknownHashAlgorithm = "GML1502";
    public const string MalformedH1Hash = "GML1503";
    public const string DuplicateLine = "GML1504";
    public const string ConflictingHash = "GML1505";
    public const string EmptyGoModHash = "GML1506";
}
