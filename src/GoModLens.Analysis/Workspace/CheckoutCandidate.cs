namespace GoModLens.Analysis.Workspace;

/// <summary>A directory whose go.mod declares the wanted module.</summary>
/// <param name="Directory">Full path of the checkout.</param>
/// <param name="ReplacePath">What to write after <c>=&gt;</c>: <c>../x</c> or <c>./x</c> relative to the go.mod (slashes), absolute when no relative path exists.</param>
/// <param name="Source">How it was found.</param>
/// <param name="Distance">Path steps between the module directory and the checkout (closeness; smaller is closer).</param>
public sealed record CheckoutCandidate(string Directory, string ReplacePath, CheckoutSource Source, int Distance);
