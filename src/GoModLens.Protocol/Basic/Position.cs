namespace GoModLens.Protocol;

/// <summary>Zero-based line and character; what "character" counts depends on the negotiated position encoding.</summary>
public sealed record Position(int Line, int Character);
