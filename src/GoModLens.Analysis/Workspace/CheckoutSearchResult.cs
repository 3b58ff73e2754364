namespace GoModLens.Analysis.Workspace;

/// <summary>The candidates, closest first, and whether a limit cut the search short.</summary>
/// <param name="Candidates">Distinct directories, sorted by distance, then source, then path.</param>
/// <param name="Truncated">The time budget or directory cap ended the search-root walk early.</param>
/// <param name="DirectoriesVisited">Directories looked at (for diagnostics).</param>
public sealed record CheckoutSearchResult(IReadOnlyList<CheckoutCandidate> Candidates, bool Truncated, int DirectoriesVisited);
