namespace GoModLens.ModFile.GoSum;

/// <summary>One whitespace-separated field of a go.sum line and where it is.</summary>
public readonly record struct GoSumField(string Text, GoSumSpan Span)
{
    public override string ToString() => Text;
}
