using GoModLens.ModFile.Text;

namespace GoModLens.Analysis.Workspace;

/// <summary>One <c>use</c> directory of a go.work, as written (relative to the go.work's directory unless absolute).</summary>
public sealed record GoWorkUse(string Path, TextSpan? Range);
