namespace GoModLens.ModFile.Editing;

/// <summary>A closed retraction interval [Low, High]; a single version has Low == High (modfile.VersionInterval).</summary>
public sealed record VersionInterval(string Low, string High)
{
    public static VersionInterval Single(string version) => new(version, version);
}
