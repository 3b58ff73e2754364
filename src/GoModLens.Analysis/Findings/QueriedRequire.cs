using GoModLens.ModFile.Text;

namespace GoModLens.Analysis.Findings;

/// <summary>A require whose written version go's fixer turns into a proxy query (<see cref="Resolution.VersionQuery"/>).</summary>
/// <param name="Query">The version as written (quotes removed): <c>master</c>, <c>latest</c>, <c>v1.2</c>, <c>&gt;=v1.1.0</c>.</param>
/// <param name="LineStart">The require line's start, where go places the fixer's error.</param>
public sealed record QueriedRequire(string ModulePath, string Query, TextPosition LineStart, TextSpan VersionRange);
