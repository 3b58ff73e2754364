namespace GoModLens.ModFile.Semantics;

/// <summary>
/// modfile.VersionFixer: the version to use for <paramref name="path"/> at <paramref name="version"/> as written (the go
/// command answers a query such as <c>latest</c> or <c>v1.2</c> through GOPROXY); null leaves the version to the
/// strict rules (canonical, or rejected with go's message).
/// </summary>
public delegate string? VersionFixer(string path, string version);
