using GoModLens.ModFile.Text;

namespace GoModLens.ModFile.Syntax;

/// <summary>
/// A whole go.mod file as a lossless syntax tree (modfile.FileSyntax): statements in order, each a
/// <see cref="ModLine"/>, <see cref="ModLineBlock"/> or <see cref="ModCommentBlock"/>. The tree is mutable so editing
/// operations can insert, rewrite and remove lines and then call <see cref="Cleanup"/>; the printer works from it.
/// </summary>
public sealed class ModFileSyntax : ModExpr
{
    public string Name { get; set; } = "";

    public List<ModExpr> Stmt { get; set; } = [];

    public override TextSpan Span => Stmt.Count == 0 ? default : new(Stmt[0].Span.Start, Stmt[^1].Span.End);

    /// <summary>
    /// Drops lines marked removed, drops blocks left empty and collapses a block with one remaining line (and no
    /// comments before its ")") into a single line, keeping the same <see cref="ModLine"/> object (modfile Cleanup).
    /// </summary>
    public void Cleanup()
    {
        var kept = new List<ModExpr>(Stmt.Count);
        foreach (var stmt in Stmt)
        {
            switch (stmt)
            {
                case ModLine line when line.IsRemoved:
                    continue;
                case ModLineBlock block:
                {
                    block.Lines = block.Lines.FindAll(l => !l.IsRemoved);
                    if (block.Lines.Count == 0)
                    {
                        continue;
                    }

                    if (block.Lines.Count == 1 && block.RParen.Comments.Before.Count == 0)
                    {
                        var only = block.Lines[0];
                        only.Comments = new ModComments
                        {
                            Before = [.. block.Comments.Before, .. only.Comments.Before],
                            Suffix = [.. only.Comments.Suffix, .. block.Comments.Suffix],
                            After = [.. only.Comments.After, .. block.Comments.After],
                        };
                        only.Tokens = [.. block.Tokens, .. only.Tokens];
                        only.InBlock = false;
                        kept.Add(only);
                        continue;
                    }

                    break;
                }
            }

            kept.Add(stmt);
        }

        Stmt = kept;
    }

    /// <summary>Every node in preorder (file, statements, and inside blocks the parens and lines).</summary>
    public IEnumerable<ModExpr> Descendants()
    {
        yield return this;
        foreach (var stmt in Stmt)
        {
            yield return stmt;
            if (stmt is ModLineBlock block)
            {
                yield return block.LParen;
                foreach (var l in block.Lines)
                {
                    yield return l;
                }

                yield return block.RParen;
            }
        }
    }
}
