using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Syntax;
using GoModLens.ModFile.Text;

namespace GoModLens.Analysis.Workspace;

/// <summary>
/// The <c>use</c> directives of a go.work, parsed like x/mod ParseWork; bad lines are skipped (this never throws).
/// </summary>
public static class GoWorkFile
{
    public static IReadOnlyList<GoWorkUse> ParseUses(string path, string text) =>
        [.. ModFileParser.ParseWork(path ?? "go.work", text ?? "").Model.Use.Where(u => u.Path.Length > 0).Select(u => new GoWorkUse(u.Path, UseToken(u).Span))];

    /// <summary>The go.work go would use for a module directory: the nearest one in it or an ancestor.</summary>
    public static string? Locate(ICheckoutFileSystem files, string moduleDirectory)
    {
        ArgumentNullException.ThrowIfNull(files);
        for (var dir = moduleDirectory; !string.IsNullOrEmpty(dir); dir = System.IO.Path.GetDirectoryName(dir))
        {
            var candidate = System.IO.Path.Combine(dir, "go.work");
            if (files.FileExists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    // The directory token: the line's last (use ./x, or ./x inside a use block).
    private static ModToken UseToken(UseStmt use) => use.Syntax.Tokens[^1];
}
