using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Syntax;
using GoModLens.ModFile.Text;

namespace GoModLens.Analysis.Workspace;

/// <summary>
/// The <c>use</c> directives of a go.work. go.work shares go.mod's syntax, so the go.mod parser's syntax tree is read
/// directly; other directives are ignored and bad lines are skipped (this never throws).
/// </summary>
public static class GoWorkFile
{
    public static IReadOnlyList<GoWorkUse> ParseUses(string path, string text)
    {
        var syntax = ModFileParser.Parse(path ?? "go.work", text ?? "", ParseMode.Lax).Syntax;
        var uses = new List<GoWorkUse>();
        foreach (var stmt in syntax.Stmt)
        {
            switch (stmt)
            {
                case ModLine line when line.Tokens.Count == 2 && line.Tokens[0].Text == "use":
                    Add(uses, line.Tokens[1]);
                    break;
                case ModLineBlock block when block.Tokens.Count == 1 && block.Tokens[0].Text == "use":
                    foreach (var inner in block.Lines.Where(l => l.Tokens.Count == 1))
                    {
                        Add(uses, inner.Tokens[0]);
                    }

                    break;
            }
        }

        return uses;
    }

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

    private static void Add(List<GoWorkUse> uses, ModToken token)
    {
        var text = token.Text;
        if (token.Kind == ModTokenKind.String)
        {
            if (!GoQuote.TryUnquote(text, out var unquoted))
            {
                return;
            }

            text = unquoted;
        }

        if (text.Length > 0)
        {
            uses.Add(new GoWorkUse(text, token.Span));
        }
    }
}
