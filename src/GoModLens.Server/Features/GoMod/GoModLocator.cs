using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Syntax;

namespace GoModLens.Server.Features.GoMod;

/// <summary>Which directive a cursor is on.</summary>
internal static class GoModLocator
{
    public static bool On(ModLine line, int offset) => offset >= line.Start.Utf16Offset && offset <= line.End.Utf16Offset;

    public static RequireStmt? Require(GoModFile model, int offset) => model.Require.FirstOrDefault(r => On(r.Syntax, offset));

    public static ReplaceStmt? Replace(GoModFile model, int offset) => model.Replace.FirstOrDefault(r => On(r.Syntax, offset));

    public static ExcludeStmt? Exclude(GoModFile model, int offset) => model.Exclude.FirstOrDefault(r => On(r.Syntax, offset));

    public static UseStmt? Use(GoModFile model, int offset) => model.Use.FirstOrDefault(u => On(u.Syntax, offset));

    public static ToolStmt? Tool(GoModFile model, int offset) => model.Tool.FirstOrDefault(t => On(t.Syntax, offset));

    public static RetractStmt? Retract(GoModFile model, int offset) => model.Retract.FirstOrDefault(r => On(r.Syntax, offset));

    /// <summary>The path/version tokens of a directive line (skipping the keyword when the line is not inside a block).</summary>
    public static IReadOnlyList<ModToken> Arguments(ModLine line) => line.InBlock ? line.Tokens : line.Tokens.Skip(1).ToList();

    public static SourceSpan SpanOf(ModLine line) => SourceSpan.FromBounds(line.Start.Utf16Offset, line.End.Utf16Offset);

    public static SourceSpan? SpanOf(ModToken? token) =>
        token?.Span is { } s ? new SourceSpan(s.Start.Utf16Offset, s.Utf16Length) : null;
}
