using GoModLens.Analysis.Findings;

namespace GoModLens.Analysis.GoSum;

/// <summary>A fix that is a go command to run in the module directory (e.g. <c>go mod download example.com/m</c>).</summary>
public sealed record RunGoCommand(string Title, string GoCommand) : SuggestedFix(Title)
{
    public override string Command => GoCommand;

    public override string Kind => "runGoCommand";
}
