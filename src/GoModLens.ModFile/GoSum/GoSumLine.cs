namespace GoModLens.ModFile.GoSum;

/// <summary>
/// A well-formed go.sum line: "&lt;path&gt; &lt;version&gt;[/go.mod] &lt;hash&gt;". Span covers the first to the last field.
/// </summary>
public sealed record GoSumLine(GoSumField ModulePath, GoSumField Version, GoSumField Hash, GoSumSpan Span)
{
    public int Line => Span.Line;

    /// <summary>The version field ends in "/go.mod": the hash is of that version's go.mod only.</summary>
    public bool IsGoModHash => Version.Text.EndsWith("/go.mod", StringComparison.Ordinal);

    /// <summary>The version without a "/go.mod" suffix.</summary>
    public string ModuleVersion => IsGoModHash ? Version.Text[..^"/go.mod".Length] : Version.Text;

    /// <summary>Hash of an empty go.mod, written by an old go bug: go drops these lines when reading.</summary>
    public bool IsIgnored => Hash.Text == GoSumFile.EmptyGoModHash;

    /// <summary>Go only uses hashes with the "h1:" prefix; others are read but never matched.</summary>
    public bool HasKnownAlgorithm => Hash.Text.StartsWith(DirHash.H1Prefix, StringComparison.Ordinal);
}
