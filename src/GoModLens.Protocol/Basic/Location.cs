namespace GoModLens.Protocol;

public sealed record Location(string Uri, Range Range);
