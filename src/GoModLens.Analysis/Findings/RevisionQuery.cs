using GoModLens.ModFile.Text;

namespace GoModLens.Analysis.Findings;

/// <summary>A require whose version go's strict parser rejected (a branch, tag or hash): go's fixer would stat it on the proxy.</summary>
public sealed record RevisionQuery(string ModulePath, string Revision, TextSpan VersionRange);
