namespace GoModLens.Server.Features;

public sealed record InlayHintItem(int Offset, string Label, string? TooltipMarkdown = null, bool PaddingLeft = true);
