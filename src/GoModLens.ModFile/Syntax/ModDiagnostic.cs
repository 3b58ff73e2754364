using System.Globalization;
using GoModLens.ModFile.Text;

namespace GoModLens.ModFile.Syntax;

/// <summary>Which phase found a problem. go itself stops at the first Lexer/Syntax problem but reports every Directive problem.</summary>
public enum ModDiagnosticStage
{
    Lexer,
    Syntax,
    Directive,
}

/// <summary>
/// One problem in a go.mod file. <see cref="Position"/> is the position go prints (modfile.Error.Pos);
/// <see cref="Range"/> is the text an editor should underline. <see cref="Message"/> is everything go prints after
/// the "file:line:col: " prefix (including any "verb path: " part).
/// </summary>
public sealed record ModDiagnostic(ModDiagnosticStage Stage, string FileName, TextPosition Position, TextSpan Range, string Message)
{
    /// <summary>The line exactly as go prints it: "file:line:col: msg" (col only when &gt; 1).</summary>
    public string ToGoString()
    {
        string prefix;
        if (Position.LineRune > 1)
        {
            prefix = string.Create(CultureInfo.InvariantCulture, $"{FileName}:{Position.Line}:{Position.LineRune}: ");
        }
        else if (Position.Line > 0)
        {
            prefix = string.Create(CultureInfo.InvariantCulture, $"{FileName}:{Position.Line}: ");
        }
        else
        {
            prefix = FileName.Length > 0 ? FileName + ": " : "";
        }

        return prefix + Message;
    }

    public override string ToString() => ToGoString();
}
