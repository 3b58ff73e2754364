namespace GoModLens.Protocol;

/// <summary>End-exclusive range between two positions.</summary>
public sealed record Range(Position Start, Position End);
