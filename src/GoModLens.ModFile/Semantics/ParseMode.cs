namespace GoModLens.ModFile.Semantics;

/// <summary>How directives are interpreted: Strict for the main module (modfile.Parse), Lax for dependencies (modfile.ParseLax).</summary>
public enum ParseMode
{
    Strict,
    Lax,
}
