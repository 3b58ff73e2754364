namespace GoModLens.Analysis.GoSum;

/// <summary>A module path and version (without a "/go.mod" suffix), e.g. the key of a fetched .mod file.</summary>
public sealed record ModuleVersionKey(string Path, string Version)
{
    public override string ToString() => Path + "@" + Version;
}
