namespace GoModLens.ModFile.Syntax;

/// <summary>Comments attached to a node: whole-line comments before it, end-of-line comments after it, and (top level) whole-line comments after it.</summary>
public sealed class ModComments
{
    // Most nodes have no comments: the lists are created on first use (a large share of parse allocations otherwise).
    private List<ModComment>? _before;
    private List<ModComment>? _suffix;
    private List<ModComment>? _after;

    public List<ModComment> Before
    {
        get => _before ??= [];
        set => _before = value;
    }

    public List<ModComment> Suffix
    {
        get => _suffix ??= [];
        set => _suffix = value;
    }

    public List<ModComment> After
    {
        get => _after ??= [];
        set => _after = value;
    }

    // Readers use these: reading Suffix to test for "// indirect" created an empty list on every require line, and
    // a 50-file workspace kept ~17 000 of them alive.

    /// <summary>The comments before the node, without creating the list.</summary>
    public IReadOnlyList<ModComment> BeforeOrEmpty => _before ?? (IReadOnlyList<ModComment>)[];

    /// <summary>The end-of-line comments, without creating the list.</summary>
    public IReadOnlyList<ModComment> SuffixOrEmpty => _suffix ?? (IReadOnlyList<ModComment>)[];

    /// <summary>The comments after the node, without creating the list.</summary>
    public IReadOnlyList<ModComment> AfterOrEmpty => _after ?? (IReadOnlyList<ModComment>)[];

    /// <summary>Whether there is at least one comment in any of the lists (without creating them).</summary>
    public bool IsEmpty => (_before is null || _before.Count == 0) && (_suffix is null || _suffix.Count == 0) && (_after is null || _after.Count == 0);
}
