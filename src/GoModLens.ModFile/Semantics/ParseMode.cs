namespace GoModLens.ModFile.Semantics;

/// <summary>
/// How directives are interpreted: Strict for the main module (modfile.Parse), Lax for dependencies
/// (modfile.ParseLax), Work for a go.work file (modfile.ParseWork).
/// </summary>
public enum ParseMode
{
    Strict,
    Lax,
    Work,
}
