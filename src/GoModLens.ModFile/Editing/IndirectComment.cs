using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Syntax;
using GoModLens.ModFile.Text;

namespace GoModLens.ModFile.Editing;

/// <summary>
/// The "// indirect" marker on a require line, added and removed the way modfile's setIndirect does: a new comment
/// when there is none, "// indirect; text" in front of existing text, and on removal only the "indirect;" prefix goes.
/// </summary>
public static class IndirectComment
{
    public const string Marker = "// indirect";

    public static bool IsIndirect(ModLine line) => ModFileBinder.IsIndirect(line);

    /// <summary>The comment token a line's first suffix comment becomes when marking it indirect (null: add a new "// indirect").</summary>
    public static string? WithIndirect(string? existingToken)
    {
        if (existingToken is null)
        {
            return null;
        }

        var text = GoUnicode.TrimSpace(TrimSlashes(existingToken));
        return text.Length == 0 ? Marker : "// indirect; " + text;
    }

    /// <summary>The comment token after removing the marker (null: drop the whole comment).</summary>
    public static string? WithoutIndirect(string token)
    {
        if (GoUnicode.TrimSpace(TrimSlashes(token)) == "indirect")
        {
            return null;
        }

        var i = token.IndexOf("indirect;", StringComparison.Ordinal);
        return "//" + token[(i + "indirect;".Length)..];
    }

    /// <summary>Sets or clears the marker on <paramref name="line"/>'s comments; no-op when it already matches.</summary>
    public static void Set(ModLine line, bool indirect)
    {
        if (IsIndirect(line) == indirect)
        {
            return;
        }

        var suffix = line.Comments.Suffix;
        if (indirect)
        {
            if (suffix.Count == 0)
            {
                line.Comments.Suffix = [new ModComment(default, Marker, true, null)];
                return;
            }

            suffix[0] = suffix[0] with { Token = WithIndirect(suffix[0].Token)!, Span = null };
            return;
        }

        var replaced = WithoutIndirect(suffix[0].Token);
        if (replaced is null)
        {
            line.Comments.Suffix = [];
            return;
        }

        suffix[0] = suffix[0] with { Token = replaced, Span = null };
    }

    /// <summary>Sets the marker on a requirement and its line.</summary>
    public static void Set(RequireStmt require, bool indirect)
    {
        require.Indirect = indirect;
        Set(require.Syntax, indirect);
    }

    private static string TrimSlashes(string token) => token.StartsWith("//", StringComparison.Ordinal) ? token[2..] : token;
}
