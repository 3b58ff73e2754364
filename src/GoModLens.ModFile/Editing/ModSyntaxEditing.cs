using GoModLens.ModFile.Syntax;

namespace GoModLens.ModFile.Editing;

/// <summary>Tree surgery on a <see cref="ModFileSyntax"/> (modfile's FileSyntax.addLine and updateLine).</summary>
internal static class ModSyntaxEditing
{
    public static List<ModToken> Tokens(IEnumerable<string> texts) => [.. texts.Select(ModToken.Synthetic)];

    /// <summary>
    /// Adds a line with <paramref name="tokens"/> (verb first) after <paramref name="hint"/>, or, without a hint, after
    /// the last statement with the same verb: appended to its block, or turning a single line into a block. With no
    /// statement of that verb the line goes at the end of the file.
    /// </summary>
    public static ModLine AddLine(ModFileSyntax file, ModExpr? hint, params string[] tokens) => AddLine(file, hint, true, tokens);

    /// <summary>
    /// <see cref="AddLine(ModFileSyntax, ModExpr?, string[])"/>, but with <paramref name="searchWithoutHint"/> false a
    /// missing hint means "append a new top-level line at the end of the file". modfile's AddExclude and AddReplace
    /// behave so: they pass a nil *Line, which as a non-nil Expr interface skips the search.
    /// </summary>
    public static ModLine AddLine(ModFileSyntax file, ModExpr? hint, bool searchWithoutHint, params string[] tokens)
    {
        var verb = tokens[0];
        if (hint is null && searchWithoutHint)
        {
            for (var i = file.Stmt.Count - 1; i >= 0 && hint is null; i--)
            {
                hint = file.Stmt[i] switch
                {
                    ModLine l when l.Tokens.Count > 0 && l.Tokens[0].Text == verb => l,
                    ModLineBlock b when b.Tokens.Count > 0 && b.Tokens[0].Text == verb => b,
                    _ => null,
                };
            }
        }

        if (hint is not null)
        {
            for (var i = 0; i < file.Stmt.Count; i++)
            {
                switch (file.Stmt[i])
                {
                    case ModLine line when ReferenceEquals(line, hint):
                    {
                        if (line.Tokens.Count == 0 || line.Tokens[0].Text != verb)
                        {
                            return NewLineAfter(file, i, tokens);
                        }

                        // Turn the single line into a block holding it and the new line.
                        var block = new ModLineBlock { Start = line.Start, Tokens = [line.Tokens[0]], Lines = [line] };
                        line.Tokens = line.Tokens[1..];
                        line.InBlock = true;
                        file.Stmt[i] = block;
                        var added = new ModLine { Tokens = Tokens(tokens.Skip(1)), InBlock = true };
                        block.Lines.Add(added);
                        return added;
                    }

                    case ModLineBlock block:
                    {
                        if (ReferenceEquals(block, hint))
                        {
                            if (block.Tokens.Count == 0 || block.Tokens[0].Text != verb)
                            {
                                return NewLineAfter(file, i, tokens);
                            }

                            var added = new ModLine { Tokens = Tokens(tokens.Skip(1)), InBlock = true };
                            block.Lines.Add(added);
                            return added;
                        }

                        var j = block.Lines.FindIndex(l => ReferenceEquals(l, hint));
                        if (j >= 0)
                        {
                            if (block.Tokens.Count == 0 || block.Tokens[0].Text != verb)
                            {
                                return NewLineAfter(file, i, tokens);
                            }

                            var added = new ModLine { Tokens = Tokens(tokens.Skip(1)), InBlock = true };
                            block.Lines.Insert(j + 1, added);
                            return added;
                        }

                        break;
                    }
                }
            }
        }

        var appended = new ModLine { Tokens = Tokens(tokens) };
        file.Stmt.Add(appended);
        return appended;
    }

    private static ModLine NewLineAfter(ModFileSyntax file, int i, string[] tokens)
    {
        var line = new ModLine { Tokens = Tokens(tokens) };
        file.Stmt.Insert(i + 1, line);
        return line;
    }

    /// <summary>Replaces a line's tokens (verb first; the verb is dropped for a line inside a block).</summary>
    public static void UpdateLine(ModLine line, params string[] tokens) =>
        line.Tokens = Tokens(line.InBlock ? tokens.Skip(1) : tokens);
}
