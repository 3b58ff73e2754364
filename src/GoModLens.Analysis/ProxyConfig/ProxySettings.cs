namespace GoModLens.Analysis.ProxyConfig;

/// <summary>The effective go env values that decide how a module path is looked up (already defaulted: GONOPROXY
/// and GONOSUMDB carry GOPRIVATE when unset). Build from <c>GoEnvironment.ToProxySettings()</c> or directly in tests.</summary>
/// <param name="BuildMod">The -mod value from GOFLAGS if any, else null. Workspace mode refuses some values. It disables no
/// lookup here: go mod download, go get and go mod tidy take no -mod and ignore it, and builds with -mod=vendor look
/// nothing up (<see cref="Vendoring.BuildMode"/>).</param>
public sealed record ProxySettings(
    string GoProxy,
    string GoNoProxy = "",
    string GoNoSumDb = "",
    string GoSumDb = "sum.golang.org",
    string GoInsecure = "",
    string? BuildMod = null,
    bool WindowsPaths = false)
{
    public static ProxySettings Defaults { get; } = new("https://proxy.golang.org,direct");

    /// <summary>GOPRIVATE: which paths GOVCS calls "private" (GONOPROXY decides routing).</summary>
    public string GoPrivate { get; init; } = "";

    /// <summary>GOVCS: the version control tools go may run for a path when it goes direct.</summary>
    public string GoVcs { get; init; } = "";

    /// <summary>GOMODCACHE, where go keeps its VCS repositories (named in go's git errors); null when unknown.</summary>
    public string? GoModCache { get; init; }
}
