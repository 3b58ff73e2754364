namespace GoModLens.Analysis.Workspace;

/// <summary>Limits and extra places for <see cref="LocalCheckoutFinder"/>.</summary>
/// <param name="SearchRoots">Extra directories to search (depth-limited), e.g. <c>~/src</c> from the editor settings.</param>
/// <param name="GoPath">The GOPATH list (OS list separator); null or empty to skip <c>$GOPATH/src</c>.</param>
/// <param name="GoWorkPath">An explicit go.work (GOWORK); null or "auto" = look upward from the module directory; "off" = none.</param>
/// <param name="MaxDepth">How deep to descend below each search root (1 = its direct children).</param>
/// <param name="Budget">Wall-time budget for the whole search; the result says when it ran out.</param>
/// <param name="MaxGoModBytes">Only this much of each go.mod is read (the module line comes first).</param>
/// <param name="MaxDirectories">Stop after visiting this many directories under the search roots.</param>
public sealed record CheckoutSearchOptions(
    IReadOnlyList<string>? SearchRoots = null,
    string? GoPath = null,
    string? GoWorkPath = null,
    int MaxDepth = 3,
    TimeSpan? Budget = null,
    int MaxGoModBytes = 8192,
    int MaxDirectories = 5000)
{
    public static CheckoutSearchOptions Default { get; } = new();

    public TimeSpan EffectiveBudget => Budget ?? TimeSpan.FromSeconds(2);
}
