using System.Text;
using GoModLens.ModFile.Editing;
using GoModLens.ModFile.Formatting;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Syntax;
using GoModLens.ModFile.Text;

namespace GoModLens.ModFile.Tests;

/// <summary>
/// What must hold for any input: parsing (strict and lax) returns a model; every diagnostic, token and comment
/// position lies inside the text with start ≤ end, and its line, rune column, UTF-8 byte offset and UTF-16 column
/// agree with its UTF-16 offset. Accepted inputs also format, re-parse cleanly and survive a few edits.
/// </summary>
internal static class FuzzInvariants
{
    public static List<string> Check(string text)
    {
        var problems = new List<string>();
        var map = new PositionMap(text);
        foreach (var mode in new[] { ParseMode.Strict, ParseMode.Lax })
        {
            var r = ModFileParser.Parse("go.mod", text, mode);
            if (r.Model is null || r.Syntax is null)
            {
                problems.Add($"{mode}: no model");
                continue;
            }

            foreach (var d in r.Diagnostics)
            {
                map.CheckSpan(d.Range, $"{mode} diagnostic '{d.Message}' range", problems);
                map.CheckPosition(d.Position, $"{mode} diagnostic '{d.Message}' position", problems);
                _ = d.ToGoString();
            }

            foreach (var node in r.Syntax.Descendants())
            {
                var tokens = node switch
                {
                    ModLine l => l.Tokens,
                    ModLineBlock b => b.Tokens,
                    _ => [],
                };
                foreach (var t in tokens)
                {
                    if (t.Span is { } s)
                    {
                        map.CheckSpan(s, $"{mode} token '{t.Text}'", problems);
                        if (s.Start.Utf16Offset <= s.End.Utf16Offset && s.End.Utf16Offset <= text.Length && t.Kind != ModTokenKind.String
                            && text[s.Start.Utf16Offset..s.End.Utf16Offset] != t.Text && r.Diagnostics.IsEmpty)
                        {
                            // Binder rewrites (canonical versions, re-quoting) only happen to valid tokens; the raw text must still be a token.
                            if (text[s.Start.Utf16Offset..s.End.Utf16Offset].Length == 0)
                            {
                                problems.Add($"{mode} token '{t.Text}' has an empty span");
                            }
                        }
                    }
                }

                foreach (var c in node.Comments.Before.Concat(node.Comments.Suffix).Concat(node.Comments.After))
                {
                    if (c.Span is { } s)
                    {
                        map.CheckSpan(s, $"{mode} comment '{c.Token}'", problems);
                    }
                }
            }

            _ = ModFilePrinter.Format(r.Syntax);
            if (mode == ParseMode.Strict && r.IsAcceptedByGo)
            {
                _ = ModJson.Write(r);

                // go writes quoted retract versions back unquoted (modfile's dontFixRetract), so such files may not
                // survive a round trip in go either; "go mod edit -fmt" is also not idempotent (blank lines move
                // with sorted lines), so only the re-parse is checked, and only without quoted retract versions.
                var exempt = r.Model.Retract.Any(rt => rt.Syntax.Tokens.Any(t => t.Kind == ModTokenKind.String));
                var formatted = ModFilePrinter.FormatLikeGoModEdit(ModFileParser.Parse("go.mod", text));
                var again = ModFileParser.Parse("go.mod", formatted);
                if (!again.Diagnostics.IsEmpty && !exempt)
                {
                    problems.Add($"formatted output does not re-parse: {again.Diagnostics[0]}\n--- formatted\n{formatted}");
                }

                Edit(text, exempt, problems);
            }
        }

        return problems;
    }

    private static void Edit(string text, bool exempt, List<string> problems)
    {
        var editor = ModFileEditor.Open("go.mod", text);
        try
        {
            editor.AddRequire("example.com/fuzz", "v1.0.0");
            editor.AddGoStmt("1.22");
            editor.AddReplace("example.com/fuzz", "", "../fuzz", "");
            if (editor.Model.Require.Count > 0)
            {
                ModFileEditor.SetIndirect(editor.Model.Require[0], !editor.Model.Require[0].Indirect);
                editor.DropRequire(editor.Model.Require[^1].Mod.Path);
            }

            editor.UpdateRequirements([.. editor.Model.Require.Where(r => r.Mod.Path.Length > 0).Select(r => new RequireSpec(r.Mod.Path, r.Mod.Version, r.Indirect)).DistinctBy(r => r.Path)]);
        }
        catch (ModEditException)
        {
            return;
        }

        var edited = editor.FormatLikeGoModEdit();
        var reparsed = ModFileParser.Parse("go.mod", edited);
        if (!reparsed.Diagnostics.IsEmpty && !exempt)
        {
            problems.Add($"edited output does not re-parse: {reparsed.Diagnostics[0]}\n--- edited\n{edited}");
        }

        if (TextEdits.Apply(text, TextEdits.Diff(text, edited)) != edited)
        {
            problems.Add("TextEdits.Diff does not reproduce the edit");
        }
    }

    /// <summary>For every UTF-16 offset: 1-based line, 1-based rune column, UTF-8 byte offset, UTF-16 column.</summary>
    private sealed class PositionMap
    {
        private readonly string _text;
        private readonly int[] _line;
        private readonly int[] _rune;
        private readonly int[] _byte;
        private readonly int[] _col;
        private readonly bool[] _midPair;

        public PositionMap(string text)
        {
            _text = text;
            var n = text.Length + 1;
            _line = new int[n];
            _rune = new int[n];
            _byte = new int[n];
            _col = new int[n];
            _midPair = new bool[n];
            int line = 1, rune = 1, b = 0, col = 0;
            for (var i = 0; i <= text.Length;)
            {
                _line[i] = line;
                _rune[i] = rune;
                _byte[i] = b;
                _col[i] = col;
                if (i == text.Length)
                {
                    break;
                }

                var r = GoUnicode.RuneAt(text, i, out var len);
                if (len == 2)
                {
                    _midPair[i + 1] = true;
                    _line[i + 1] = -1;
                }

                b += r == 0xFFFD && char.IsSurrogate(text[i]) ? 3 : Encoding.UTF8.GetByteCount(char.ConvertFromUtf32(r));
                if (r == '\n')
                {
                    line++;
                    rune = 1;
                    col = 0;
                }
                else
                {
                    rune++;
                    col += len;
                }

                i += len;
            }
        }

        public void CheckSpan(TextSpan span, string what, List<string> problems)
        {
            if (span.Start.Utf16Offset > span.End.Utf16Offset)
            {
                problems.Add($"{what}: start {span.Start} after end {span.End}");
            }

            CheckPosition(span.Start, what + " start", problems);
            CheckPosition(span.End, what + " end", problems);
        }

        public void CheckPosition(TextPosition p, string what, List<string> problems)
        {
            var o = p.Utf16Offset;
            if (o < 0 || o > _text.Length)
            {
                problems.Add($"{what}: offset {o} outside text of length {_text.Length}");
                return;
            }

            if (_midPair[o])
            {
                problems.Add($"{what}: offset {o} splits a surrogate pair");
                return;
            }

            if (p.Line != _line[o] || p.LineRune != _rune[o] || p.Byte != _byte[o] || p.Utf16Column != _col[o])
            {
                problems.Add($"{what}: {p} inconsistent with offset {o} (want line {_line[o]}, rune {_rune[o]}, byte {_byte[o]}, col {_col[o]})");
            }
        }
    }
}
