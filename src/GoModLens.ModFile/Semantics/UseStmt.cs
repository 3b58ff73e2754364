using GoModLens.ModFile.Syntax;

namespace GoModLens.ModFile.Semantics;

/// <summary>
/// One use directive of a go.work file (modfile.Use). <see cref="Path"/> is the directory as written, unquoted;
/// <see cref="ModulePath"/> is empty after parsing, as in x/mod (only edits that read the module's go.mod set it).
/// </summary>
public sealed class UseStmt(string path, string modulePath, ModLine syntax)
{
    public string Path { get; set; } = path;

    public string ModulePath { get; set; } = modulePath;

    public ModLine Syntax { get; set; } = syntax;
}
