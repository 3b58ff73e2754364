namespace GoModLens.Analysis.GoSum;

/// <summary>Outcome of checking fetched .mod bytes against go.sum's "/go.mod" lines, as go's checkModSum does.</summary>
public enum GoModVerificationStatus
{
    /// <summary>No .mod bytes were given for this module version.</summary>
    NotChecked,

    /// <summary>go.sum has no usable h1 "/go.mod" line (go would report a missing entry instead).</summary>
    NoEntry,

    /// <summary>A go.sum line holds exactly the downloaded hash.</summary>
    Verified,

    /// <summary>go meets a different h1 hash first: checksum mismatch, SECURITY ERROR.</summary>
    Mismatch,
}
