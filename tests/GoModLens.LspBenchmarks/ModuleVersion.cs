namespace GoModLens.LspBenchmarks;

/// <summary>A module path at one version, as a go.mod requires it.</summary>
internal sealed record ModuleVersion(string Path, string Version);
