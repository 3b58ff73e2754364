namespace GoModLens.ModFile.GoSum;

/// <summary>
/// A single-line range of a go.sum text. Line is 1-based (as go prints "go.sum:12"); columns are 0-based UTF-16
/// code units within the line (LSP "character"); Start/End are 0-based UTF-16 offsets into the whole text, End exclusive.
/// </summary>
public readonly record struct GoSumSpan(int Line, int StartColumn, int EndColumn, int Start, int End)
{
    public int Length => End - Start;

    public override string ToString() => $"{Line}:{StartColumn}-{EndColumn}";
}
