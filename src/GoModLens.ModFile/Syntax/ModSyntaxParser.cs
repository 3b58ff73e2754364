using System.Globalization;
using GoModLens.ModFile.Text;

namespace GoModLens.ModFile.Syntax;

/// <summary>
/// The go.mod lexer and statement parser (x/mod modfile/read.go behaviour). Unlike modfile it never stops: every
/// lexer/syntax problem becomes a <see cref="ModDiagnostic"/> and scanning resumes, so editors get the whole tree.
/// The first such diagnostic is the one go reports (go panics out of the parser at the first error).
/// </summary>
internal sealed class ModSyntaxParser
{
    private enum Kind
    {
        Eof,
        EolComment,
        Ident,
        String,
        Comment,
        Newline,
        LParen,
        RParen,
        LBrack,
        RBrack,
        LBrace,
        RBrace,
        Comma,
    }

    private readonly record struct Tok(Kind Kind, TextPosition Pos, TextPosition EndPos, string Text);

    private readonly string _fileName;
    private readonly string _text;
    private readonly List<ModDiagnostic> _diagnostics = [];
    private readonly List<ModComment> _suffixComments = [];
    private TextPosition _pos = TextPosition.Start;
    private Tok _token;
    private ModFileSyntax _file = new();

    private ModSyntaxParser(string fileName, string text)
    {
        _fileName = fileName;
        _text = text;
    }

    /// <summary>Parses <paramref name="text"/>; never throws.</summary>
    public static (ModFileSyntax Syntax, List<ModDiagnostic> Diagnostics) Parse(string fileName, string text)
    {
        var p = new ModSyntaxParser(fileName, text);
        p._file.Name = fileName;
        p.ReadToken();
        p.ParseFile();
        p.AssignComments();
        return (p._file, p._diagnostics);
    }

    // ---------------------------------------------------------------- lexer

    private bool Eof => _pos.Utf16Offset >= _text.Length;

    private int PeekRune() => Eof ? 0 : GoUnicode.RuneAt(_text, _pos.Utf16Offset, out _);

    private bool PeekPrefix(string prefix) => string.CompareOrdinal(_text, _pos.Utf16Offset, prefix, 0, prefix.Length) == 0;

    private int ReadRune()
    {
        var r = GoUnicode.RuneAt(_text, _pos.Utf16Offset, out var n);
        var bytes = GoUnicode.Utf8Length(r);
        _pos = r == '\n'
            ? new TextPosition(_pos.Line + 1, 1, _pos.Byte + bytes, _pos.Utf16Offset + n, 0)
            : new TextPosition(_pos.Line, _pos.LineRune + 1, _pos.Byte + bytes, _pos.Utf16Offset + n, _pos.Utf16Column + n);
        return r;
    }

    private void Error(ModDiagnosticStage stage, TextPosition at, TextSpan range, string message) =>
        _diagnostics.Add(new ModDiagnostic(stage, _fileName, at, range, message));

    private Tok Lex()
    {
        var tok = _token;
        ReadToken();
        return tok;
    }

    private static bool IsEol(Kind k) => k is Kind.Eof or Kind.EolComment or Kind.Newline;

    private Tok MakeToken(Kind kind, TextPosition start)
    {
        var text = _text[start.Utf16Offset.._pos.Utf16Offset];
        if (kind is Kind.Comment or Kind.EolComment)
        {
            if (text.EndsWith("\r\n", StringComparison.Ordinal))
            {
                text = text[..^2];
            }
            else if (text.EndsWith('\n'))
            {
                text = text[..^1];
            }
        }

        return new Tok(kind, start, _pos, text);
    }

    private void ReadToken()
    {
        while (true)
        {
            // Skip spaces, tabs and carriage returns; \n is a token.
            while (!Eof)
            {
                var c = PeekRune();
                if (c is ' ' or '\t' or '\r')
                {
                    ReadRune();
                    continue;
                }

                if (PeekPrefix("//"))
                {
                    var start = _pos;
                    var suffix = !OnlySpaceBeforeOnLine(start);
                    ReadRune();
                    ReadRune();
                    while (!Eof && ReadRune() != '\n')
                    {
                    }

                    var tok = MakeToken(suffix ? Kind.EolComment : Kind.Comment, start);
                    _token = tok;
                    if (suffix)
                    {
                        _suffixComments.Add(new ModComment(tok.Pos, tok.Text, true, new TextSpan(tok.Pos, ModPositions.Advance(tok.Pos, tok.Text))));
                    }

                    return;
                }

                if (PeekPrefix("/*"))
                {
                    SkipSlashStar();
                    continue;
                }

                break;
            }

            var tokStart = _pos;
            if (Eof)
            {
                _token = new Tok(Kind.Eof, tokStart, tokStart, "");
                return;
            }

            var ch = PeekRune();
            switch (ch)
            {
                case '\n': ReadRune(); _token = MakeToken(Kind.Newline, tokStart); return;
                case '(': ReadRune(); _token = MakeToken(Kind.LParen, tokStart); return;
                case ')': ReadRune(); _token = MakeToken(Kind.RParen, tokStart); return;
                case '[': ReadRune(); _token = MakeToken(Kind.LBrack, tokStart); return;
                case ']': ReadRune(); _token = MakeToken(Kind.RBrack, tokStart); return;
                case '{': ReadRune(); _token = MakeToken(Kind.LBrace, tokStart); return;
                case '}': ReadRune(); _token = MakeToken(Kind.RBrace, tokStart); return;
                case ',': ReadRune(); _token = MakeToken(Kind.Comma, tokStart); return;
                case '"' or '`':
                    ReadString(ch, tokStart);
                    return;
            }

            if (!IsIdent(ch))
            {
                // go: "unexpected input character"; we skip the character and keep lexing.
                var at = _pos;
                ReadRune();
                Error(ModDiagnosticStage.Lexer, at, new TextSpan(at, _pos),
                    "unexpected input character " + GoQuote.QuoteRune(ch));
                continue;
            }

            while (!Eof && IsIdent(PeekRune()))
            {
                // "//" ends the word; "/*" also ends it and is reported by the next ReadToken at the same position.
                if (PeekPrefix("//") || PeekPrefix("/*"))
                {
                    break;
                }

                ReadRune();
            }

            _token = MakeToken(Kind.Ident, tokStart);
            return;
        }
    }

    private void SkipSlashStar()
    {
        var at = _pos;
        ReadRune();
        ReadRune();
        while (!Eof && PeekRune() != '\n' && !PeekPrefix("*/"))
        {
            ReadRune();
        }

        if (PeekPrefix("*/"))
        {
            ReadRune();
            ReadRune();
        }

        Error(ModDiagnosticStage.Lexer, at, new TextSpan(at, _pos), "mod files must use // comments (not /* */ comments)");
    }

    private void ReadString(int quote, TextPosition tokStart)
    {
        ReadRune();
        while (true)
        {
            if (Eof)
            {
                Error(ModDiagnosticStage.Lexer, tokStart, new TextSpan(tokStart, _pos), "unexpected EOF in string");
                break;
            }

            if (PeekRune() == '\n')
            {
                Error(ModDiagnosticStage.Lexer, _pos, new TextSpan(tokStart, _pos), "unexpected newline in string");
                break;
            }

            var c = ReadRune();
            if (c == quote)
            {
                break;
            }

            if (c == '\\' && quote != '`')
            {
                if (Eof)
                {
                    Error(ModDiagnosticStage.Lexer, tokStart, new TextSpan(tokStart, _pos), "unexpected EOF in string");
                    break;
                }

                ReadRune();
            }
        }

        _token = MakeToken(Kind.String, tokStart);
    }

    private bool OnlySpaceBeforeOnLine(TextPosition at)
    {
        var lineStart = at.Utf16Offset - at.Utf16Column;
        for (var i = lineStart; i < at.Utf16Offset;)
        {
            var r = GoUnicode.RuneAt(_text, i, out var n);
            if (!GoUnicode.IsSpace(r))
            {
                return false;
            }

            i += n;
        }

        return true;
    }

    /// <summary>modfile isIdent: printable, non-space runes other than ( ) [ ] { } ,.</summary>
    internal static bool IsIdent(int c) => c switch
    {
        ' ' or '(' or ')' or '[' or ']' or '{' or '}' or ',' => false,
        _ => !GoUnicode.IsSpace(c) && GoUnicode.IsPrint(c),
    };

    // ---------------------------------------------------------------- parser

    private static ModToken ToModToken(Tok t) => new(t.Text,
        t.Kind switch
        {
            Kind.String => ModTokenKind.String,
            Kind.Ident => ModTokenKind.Ident,
            _ => ModTokenKind.Punct,
        },
        new TextSpan(t.Pos, t.EndPos));

    private void ParseFile()
    {
        ModCommentBlock? cb = null;
        while (true)
        {
            switch (_token.Kind)
            {
                case Kind.Newline:
                    Lex();
                    if (cb is not null)
                    {
                        _file.Stmt.Add(cb);
                        cb = null;
                    }

                    break;
                case Kind.Comment:
                {
                    var tok = Lex();
                    cb ??= new ModCommentBlock { Start = tok.Pos };
                    cb.Comments.Before.Add(new ModComment(tok.Pos, tok.Text, false, new TextSpan(tok.Pos, ModPositions.Advance(tok.Pos, tok.Text))));
                    break;
                }

                case Kind.Eof:
                    if (cb is not null)
                    {
                        _file.Stmt.Add(cb);
                    }

                    return;
                default:
                    ParseStmt();
                    if (cb is not null)
                    {
                        _file.Stmt[^1].Comments.Before = cb.Comments.Before;
                        cb = null;
                    }

                    break;
            }
        }
    }

    private void ParseStmt()
    {
        var first = Lex();
        var start = first.Pos;
        var end = first.EndPos;
        var tokens = new List<ModToken> { ToModToken(first) };
        while (true)
        {
            var tok = Lex();
            if (IsEol(tok.Kind))
            {
                _file.Stmt.Add(new ModLine { Start = start, Tokens = tokens, End = end });
                return;
            }

            if (tok.Kind == Kind.LParen)
            {
                var next = _token.Kind;
                if (IsEol(next))
                {
                    _file.Stmt.Add(ParseLineBlock(start, tokens, tok));
                    return;
                }

                if (next == Kind.RParen)
                {
                    var rparen = Lex();
                    if (IsEol(_token.Kind))
                    {
                        Lex();
                        _file.Stmt.Add(new ModLineBlock
                        {
                            Start = start,
                            Tokens = tokens,
                            LParen = new ModLParen { Pos = tok.Pos },
                            RParen = new ModRParen { Pos = rparen.Pos },
                        });
                        return;
                    }

                    // "( )" in the middle of a line is not a block. (modfile does not move End here.)
                    tokens.Add(ToModToken(tok));
                    tokens.Add(ToModToken(rparen));
                }
                else
                {
                    tokens.Add(ToModToken(tok));
                }

                continue;
            }

            tokens.Add(ToModToken(tok));
            end = tok.EndPos;
        }
    }

    private ModLineBlock ParseLineBlock(TextPosition start, List<ModToken> tokens, Tok lparen)
    {
        var block = new ModLineBlock
        {
            Start = start,
            Tokens = tokens,
            LParen = new ModLParen { Pos = lparen.Pos },
        };
        var comments = new List<ModComment>();
        while (true)
        {
            switch (_token.Kind)
            {
                case Kind.EolComment:
                    Lex();
                    break;
                case Kind.Newline:
                    Lex();
                    if ((comments.Count == 0 && block.Lines.Count > 0) || (comments.Count > 0 && comments[^1].Token.Length != 0))
                    {
                        comments.Add(ModComment.BlankLine);
                    }

                    break;
                case Kind.Comment:
                {
                    var tok = Lex();
                    comments.Add(new ModComment(tok.Pos, tok.Text, false, new TextSpan(tok.Pos, ModPositions.Advance(tok.Pos, tok.Text))));
                    break;
                }

                case Kind.Eof:
                {
                    var header = new TextSpan(start, new ModLParen { Pos = lparen.Pos }.Span.End);
                    Error(ModDiagnosticStage.Syntax, _pos, header, string.Create(CultureInfo.InvariantCulture,
                        $"syntax error (unterminated block started at {_fileName}:{start.Line}:{start.LineRune})"));
                    block.RParen = new ModRParen { Pos = _pos, IsMissing = true, Comments = { Before = comments } };
                    return block;
                }

                case Kind.RParen:
                {
                    var rparen = Lex();
                    if (comments.Count == 1 && comments[0].IsBlankLine)
                    {
                        comments = [];
                    }

                    block.RParen = new ModRParen { Pos = rparen.Pos, Comments = { Before = comments } };
                    if (!IsEol(_token.Kind))
                    {
                        var junkStart = _token.Pos;
                        var at = _pos;
                        var junkEnd = _token.EndPos;
                        while (!IsEol(_token.Kind))
                        {
                            junkEnd = Lex().EndPos;
                        }

                        Error(ModDiagnosticStage.Syntax, at, new TextSpan(junkStart, junkEnd), "syntax error (expected newline after closing paren)");
                    }

                    Lex();
                    return block;
                }

                default:
                {
                    var line = ParseLine();
                    block.Lines.Add(line);
                    line.Comments.Before = comments;
                    comments = [];
                    break;
                }
            }
        }
    }

    private ModLine ParseLine()
    {
        var first = Lex();
        var start = first.Pos;
        var end = first.EndPos;
        var tokens = new List<ModToken> { ToModToken(first) };
        while (true)
        {
            var tok = Lex();
            if (IsEol(tok.Kind))
            {
                return new ModLine { Start = start, Tokens = tokens, End = end, InBlock = true };
            }

            tokens.Add(ToModToken(tok));
            end = tok.EndPos;
        }
    }

    // ---------------------------------------------------------------- comment assignment

    /// <summary>
    /// Attaches each end-of-line comment to the node ending just before it on the same line (modfile assignComments;
    /// whole-line comments were already attached by the parser). Leftovers go to the file's Before list.
    /// </summary>
    private void AssignComments()
    {
        var post = new List<ModExpr>();
        foreach (var stmt in _file.Stmt)
        {
            if (stmt is ModLineBlock block)
            {
                post.Add(block.LParen);
                post.AddRange(block.Lines);
                post.Add(block.RParen);
            }

            post.Add(stmt);
        }

        var suffix = new List<ModComment>(_suffixComments);
        for (var i = post.Count - 1; i >= 0; i--)
        {
            var x = post[i];
            var span = x.Span;
            if (span.Start.Line != span.End.Line)
            {
                continue;
            }

            while (suffix.Count > 0 && span.End.Byte <= suffix[^1].Start.Byte)
            {
                x.Comments.Suffix.Add(suffix[^1]);
                suffix.RemoveAt(suffix.Count - 1);
            }
        }

        foreach (var x in post)
        {
            x.Comments.Suffix.Reverse();
        }

        _file.Comments.Before.AddRange(suffix);
    }
}
