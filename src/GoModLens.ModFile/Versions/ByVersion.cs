namespace GoModLens.ModFile.Versions;

/// <summary>semver.ByVersion: <see cref="Semver.Compare"/>, then ordinal (Go byte order) as the tie-breaker.</summary>
public sealed class ByVersion : IComparer<string>
{
    public static ByVersion Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        var c = Semver.Compare(x, y);
        if (c != 0)
        {
            return c;
        }

        // Versions are ASCII when valid; for anything else ordinal UTF-16 order is the closest stable order.
        return Math.Sign(string.CompareOrdinal(x, y));
    }
}
