namespace GoModLens.Server.Features;

/// <summary>A span of UTF-16 code units in <see cref="TextDocumentSnapshot.Text"/>; the server converts to LSP ranges.</summary>
public readonly record struct SourceSpan(int Start, int Length)
{
    public int End => Start + Length;

    public static SourceSpan FromBounds(int start, int end) => new(start, end - start);

    public bool IntersectsWith(SourceSpan other) => Start <= other.End && other.Start <= End;
}
