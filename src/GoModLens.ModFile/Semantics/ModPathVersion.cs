namespace GoModLens.ModFile.Semantics;

/// <summary>A module path with an optional version, as written in go.mod (x/mod module.Version as modfile uses it).</summary>
public sealed record ModPathVersion(string Path, string Version);
