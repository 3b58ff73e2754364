namespace GoModLens.Server.Features;

/// <summary>Folds whole lines: <paramref name="StartOffset"/>'s line through <paramref name="EndOffset"/>'s line.</summary>
public sealed record FoldingItem(int StartOffset, int EndOffset, FoldingKind Kind = FoldingKind.Region);
