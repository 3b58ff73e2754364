using GoModLens.Analysis.Findings;
using GoModLens.ModFile.Text;

namespace GoModLens.Analysis.GoSum;

/// <summary>Delete one go.sum line (a duplicate). The edit's range is in the go.sum, the finding's file.</summary>
public sealed record RemoveGoSumLine(int Line, TextSpan LineRange)
    : SuggestedFix($"Remove duplicate go.sum line {Line}")
{
    public override IReadOnlyList<TextEdit> Edits => [new(LineRange, "")];

    public override string Kind => "removeGoSumLine";
}
