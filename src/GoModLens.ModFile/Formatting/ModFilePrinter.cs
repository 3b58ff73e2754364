using System.Text;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Syntax;
using GoModLens.ModFile.Text;

namespace GoModLens.ModFile.Formatting;

/// <summary>Prints a syntax tree in go's standard style (x/mod modfile Format): the text `go mod edit` writes.</summary>
public static class ModFilePrinter
{
    /// <summary>Formats the tree as it is (no sorting or cleanup).</summary>
    public static string Format(ModFileSyntax file)
    {
        var p = new Printer();
        p.File(file);
        var s = p.ToString();
        var n = s.Length;
        while (n > 0 && s[n - 1] == '\n' && (n == 1 || s[n - 2] == '\n'))
        {
            n--;
        }

        return s[..n];
    }

    /// <summary>
    /// What `go mod edit -fmt` writes: sorts blocks, removes duplicates, cleans up, then formats. The model is
    /// modified in place; the caller must have checked <see cref="ParseResult.IsAcceptedByGo"/>.
    /// For a go.work parsed with <see cref="ModFileParser.ParseWork(string, string)"/> this is also what
    /// `go work edit -fmt` writes: WorkFile.SortBlocks de-duplicates only replace lines, and an accepted go.work has
    /// no exclude, tool or ignore lines nor exclude/retract blocks, so File.SortBlocks does the same there.
    /// </summary>
    public static string FormatLikeGoModEdit(ParseResult result)
    {
        result.Model.SortBlocks();
        result.Model.Cleanup();
        return Format(result.Syntax);
    }

    private sealed class Printer
    {
        private readonly StringBuilder _b = new();
        private readonly List<ModComment> _comment = [];
        private int _margin;

        public override string ToString() => _b.ToString();

        private int Indent()
        {
            var n = 0;
            while (n < _b.Length && _b[_b.Length - 1 - n] != '\n')
            {
                n++;
            }

            return n;
        }

        private void Newline()
        {
            if (_comment.Count > 0)
            {
                _b.Append(' ');
                for (var i = 0; i < _comment.Count; i++)
                {
                    if (i > 0)
                    {
                        Trim();
                        _b.Append('\n');
                        _b.Append('\t', _margin);
                    }

                    _b.Append(GoUnicode.TrimSpace(_comment[i].Token));
                }

                _comment.Clear();
            }

            Trim();
            var len = _b.Length;
            if (!(len == 0 || (len >= 2 && _b[len - 1] == '\n' && _b[len - 2] == '\n')))
            {
                _b.Append('\n');
            }

            _b.Append('\t', _margin);
        }

        private void Trim()
        {
            var n = _b.Length;
            while (n > 0 && (_b[n - 1] == '\t' || _b[n - 1] == ' '))
            {
                n--;
            }

            _b.Length = n;
        }

        public void File(ModFileSyntax f)
        {
            foreach (var com in f.Comments.BeforeOrEmpty)
            {
                _b.Append(GoUnicode.TrimSpace(com.Token));
                Newline();
            }

            for (var i = 0; i < f.Stmt.Count; i++)
            {
                var stmt = f.Stmt[i];
                Expr(stmt);
                if (stmt is not ModCommentBlock)
                {
                    Newline();
                }

                foreach (var com in stmt.Comments.AfterOrEmpty)
                {
                    _b.Append(GoUnicode.TrimSpace(com.Token));
                    Newline();
                }

                if (i + 1 < f.Stmt.Count)
                {
                    Newline();
                }
            }
        }

        private void Expr(ModExpr x)
        {
            var before = x.Comments.BeforeOrEmpty;
            if (before.Count > 0)
            {
                Trim();
                if (Indent() > 0)
                {
                    _b.Append('\n');
                }

                _b.Append('\t', _margin);
                foreach (var com in before)
                {
                    _b.Append(GoUnicode.TrimSpace(com.Token));
                    Newline();
                }
            }

            switch (x)
            {
                case ModLParen:
                    _b.Append('(');
                    break;
                case ModRParen:
                    _b.Append(')');
                    break;
                case ModLine line:
                    Tokens(line.Tokens);
                    break;
                case ModLineBlock block:
                    Tokens(block.Tokens);
                    _b.Append(' ');
                    Expr(block.LParen);
                    _margin++;
                    foreach (var l in block.Lines)
                    {
                        Newline();
                        Expr(l);
                    }

                    _margin--;
                    Newline();
                    Expr(block.RParen);
                    break;
            }

            _comment.AddRange(x.Comments.SuffixOrEmpty);
        }

        private void Tokens(List<ModToken> tokens)
        {
            var sep = "";
            foreach (var tok in tokens)
            {
                var t = tok.Text;
                if (t is "," or ")" or "]" or "}")
                {
                    sep = "";
                }

                _b.Append(sep).Append(t);
                sep = " ";
                if (t is "(" or "[" or "{")
                {
                    sep = "";
                }
            }
        }
    }
}
