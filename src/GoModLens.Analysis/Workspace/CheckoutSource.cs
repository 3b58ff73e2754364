namespace GoModLens.Analysis.Workspace;

/// <summary>Where a local checkout was found (also the tie-break order: earlier is preferred).</summary>
public enum CheckoutSource
{
    /// <summary>A <c>use</c> directive of the go.work that contains the module.</summary>
    GoWorkUse,

    /// <summary>A sibling of the workspace module (<c>../x</c>).</summary>
    Sibling,

    /// <summary><c>$GOPATH/src/&lt;module path&gt;</c>.</summary>
    GoPath,

    /// <summary>Under a configured search root.</summary>
    SearchRoot,
}
