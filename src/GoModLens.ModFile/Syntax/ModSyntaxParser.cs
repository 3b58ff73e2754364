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

    /// <summary>Runs only the lexer (for benchmarks): the number of tokens, including newlines and comments.</summary>
    internal static int CountTokens(string text)
    {
        var p = new ModSyntaxParser("", text);
        var n = 0;
        do
        {
            p.ReadToken();
            n++;
        }
        while (p._token.Kind != Kind.Eof);

        return n;
    }

    // ---------------------------------------------------------------- lexer

    private bool Eof => _pos.Utf16Offset >= _text.Length;

    private int PeekRune()
    {
        if (Eof)
        {
            return 0;
        }

        var c = _text[_pos.Utf16Offset];
        return c < 0x80 ? c : GoUnicode.RuneAt(_text, _pos.Utf16Offset, out _);
    }

    /// <summary>Whether the text continues with the two characters of <paramref name="prefix"/> ("//", "/*" or "*/").</summary>
    private bool PeekPrefix(string prefix)
    {
        var i = _pos.Utf16Offset;
        return i + 1 < _text.Length && _text[i] == prefix[0] && _text[i + 1] == prefix[1];
    }

    private int ReadRune()
    {
        var c = _text[_pos.Utf16Offset];
        if (c < 0x80 && c != '\n')
        {
            AdvanceAscii(1);
            return c;
        }

        var r = GoUnicode.RuneAt(_text, _pos.Utf16Offset, out var n);
        var bytes = GoUnicode.Utf8LengthAt(_text, _pos.Utf16Offset, r);
        _pos = r == '\n'
            ? new TextPosition(_pos.Line + 1, 1, _pos.Byte + bytes, _pos.Utf16Offset + n, 0)
            : new TextPosition(_pos.Line, _pos.LineRune + 1, _pos.Byte + bytes, _pos.Utf16Offset + n, _pos.Utf16Column + n);
        return r;
    }

    /// <summary>Moves over <paramref name="count"/> ASCII characters known not to include a newline (the hot path).</summary>
    private void AdvanceAscii(int count) =>
        _pos = new TextPosition(_pos.Line, _pos.LineRune + count, _pos.Byte + count, _pos.Utf16Offset + count, _pos.Utf16Column + count);

    /// <summary>Whether the text at offset <paramref name="i"/> starts with '/' followed by <paramref name="second"/>.</summary>
    private bool SlashAt(int i, char second) => i + 1 < _text.Length && _text[i] == '/' && _text[i + 1] == second;

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
        var from = start.Utf16Offset;
        var to = _pos.Utf16Offset;
        string text;
        switch (kind)
        {
            case Kind.Comment or Kind.EolComment:
                // The token excludes the line ending; cut before allocating the substring.
                if (to > from && _text[to - 1] == '\n')
                {
                    to--;
                    if (to > from && _text[to - 1] == '\r')
                    {
                        to--;
                    }
                }

                text = TokenStringPool.Get(_text, from, to - from);
                break;
            case Kind.Newline or Kind.LParen or Kind.RParen or Kind.LBrack or Kind.RBrack or Kind.LBrace or Kind.RBrace or Kind.Comma:
                // One-character tokens: share the literal instead of allocating.
                text = _text[from] switch
                {
                    '\n' => "\n",
                    '(' => "(",
                    ')' => ")",
                    '[' => "[",
                    ']' => "]",
                    '{' => "{",
                    '}' => "}",
                    _ => ",",
                };
                break;
            default:
                text = TokenStringPool.Get(_text, from, to - from);
                break;
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
                    var nl = _text.IndexOf('\n', start.Utf16Offset);
                    var bodyEnd = nl < 0 ? _text.Length : nl;
                    if (System.Text.Ascii.IsValid(_text.AsSpan(start.Utf16Offset, bodyEnd - start.Utf16Offset)))
                    {
                        AdvanceAscii(bodyEnd - start.Utf16Offset);
                        if (nl >= 0)
                        {
                            ReadRune();
                        }
                    }
                    else
                    {
                        ReadRune();
                        ReadRune();
                        while (!Eof && ReadRune() != '\n')
                        {
                        }
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

            var i = _pos.Utf16Offset;
            while (i < _text.Length && _text[i] is var a && a < 0x80 && IsAsciiIdent(a) && !(a == '/' && (SlashAt(i, '/') || SlashAt(i, '*'))))
            {
                i++;
            }

            AdvanceAscii(i - _pos.Utf16Offset);
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
    internal static bool IsIdent(int c) => c < 0x80 ? IsAsciiIdent((char)c) : c switch
    {
        ' ' or '(' or ')' or '[' or ']' or '{' or '}' or ',' => false,
        _ => !GoUnicode.IsSpace(c) && GoUnicode.IsPrint(c),
    };

    private static bool IsAsciiIdent(char c) =>
        c is > ' ' and < (char)0x7f and not ('(' or ')' or '[' or ']' or '{' or '}' or ',');

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
                    if (comments.Count > 0)
                    {
                        // Most lines have no comment above them: they keep no list.
                        line.Comments.Before = comments;
                        comments = [];
                    }

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

            if (suffix.Count == 0 || span.End.Byte > suffix[^1].Start.Byte)
            {
                continue;
            }

            // Taken last-first; reversed right away (each node's list is only filled here), without touching
            // the comment lists of nodes that get none.
            var list = x.Comments.Suffix;
            var first = list.Count;
            while (suffix.Count > 0 && span.End.Byte <= suffix[^1].Start.Byte)
            {
                list.Add(suffix[^1]);
                suffix.RemoveAt(suffix.Count - 1);
            }

            list.Reverse(first, list.Count - first);
        }

        _file.Comments.Before.AddRange(suffix);
    }
}
