namespace GoModLens.LspBenchmarks;

/// <summary>Where a require entry sits in the generated text (0-based line, UTF-16 columns).</summary>
internal sealed record RequireLine(int Line, int PathStart, int VersionStart, int VersionEnd, int CommentStart);
