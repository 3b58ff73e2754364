namespace GoModLens.Analysis.ProxyConfig;

/// <summary>What one GOPROXY list entry is.</summary>
public enum ProxyEntryKind
{
    /// <summary>An http, https or file URL speaking the module proxy protocol.</summary>
    Proxy,

    /// <summary>The keyword <c>direct</c>: VCS / go-import meta-tag lookup.</summary>
    Direct,

    /// <summary>The keyword <c>off</c>: every lookup fails with "module lookup disabled by GOPROXY=off".</summary>
    Off,

    /// <summary>The implicit first entry go inserts when GONOPROXY is non-empty: direct lookup for GONOPROXY-matched paths only.</summary>
    NoProxy,
}
