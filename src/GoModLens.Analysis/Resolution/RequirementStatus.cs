namespace GoModLens.Analysis.Resolution;

/// <summary>The headline outcome of resolving one requirement.</summary>
public enum RequirementStatus
{
    /// <summary>The version exists (stat of <c>.info</c> and <c>.mod</c> succeeded, from the module cache or a proxy).</summary>
    Resolved,

    /// <summary>Every source said not found (404/410/missing file); go fails with the reported error.</summary>
    NotFound,

    /// <summary>A proxy failed with a hard error (status, DNS, connect, TLS, bad response); go fails with it.</summary>
    Failed,

    /// <summary>Our own per-module deadline expired (go has none and would keep waiting).</summary>
    TimedOut,

    /// <summary>No lookup is possible: GOPROXY=off, or a private path with no direct entry.</summary>
    Disabled,

    /// <summary>go would fetch it directly with VCS (private path, or every proxy said not found before <c>direct</c>); we do not run VCS.</summary>
    Direct,

    /// <summary>Replaced by a local directory: no network; the directory's go.mod is checked.</summary>
    LocalReplacement,

    /// <summary>The required version is excluded by this go.mod; go ignores the requirement.</summary>
    Excluded,

    /// <summary>Local checks failed (malformed path or version); go would not make any request.</summary>
    Invalid,

    /// <summary>Network disabled (<c>--no-network</c>) and the module cache had no answer.</summary>
    NotChecked,

    /// <summary>The GOPROXY value itself is unusable (every lookup fails with the same error).</summary>
    ConfigurationError,
}
