namespace GoModLens.ModFile.Editing;

/// <summary>A wanted requirement for <see cref="ModFileEditor.SetRequire"/> and friends (modfile.Require without syntax).</summary>
public sealed record RequireSpec(string Path, string Version, bool Indirect = false);
