namespace GoModLens.ModFile.Versions;

/// <summary>
/// Go's order for parsed versions; null stands for an invalid version and sorts first, as in semver.Compare.
/// <see cref="Ordering"/> adds semver.Sort's ordinal tie-break so sorted lists match go's output exactly.
/// </summary>
public sealed class ModuleVersionComparer : IComparer<ModuleVersion?>
{
    private readonly bool _tieBreakByText;

    private ModuleVersionComparer(bool tieBreakByText) => _tieBreakByText = tieBreakByText;

    /// <summary>Semantic comparison (equal to <see cref="Semver.Compare"/>).</summary>
    public static ModuleVersionComparer Instance { get; } = new(false);

    /// <summary>Semantic comparison, then ordinal text (equal to <see cref="ByVersion"/>).</summary>
    public static ModuleVersionComparer Ordering { get; } = new(true);

    public int Compare(ModuleVersion? x, ModuleVersion? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : +1;
        }

        var c = x.CompareTo(y);
        if (c != 0 || !_tieBreakByText)
        {
            return c;
        }

        return Math.Sign(string.CompareOrdinal(x.OriginalText, y.OriginalText));
    }
}
