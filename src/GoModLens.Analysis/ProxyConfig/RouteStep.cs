namespace GoModLens.Analysis.ProxyConfig;

/// <summary>
/// What go does with one GOPROXY entry for one module path (modfetch lookup). Only <see cref="ProxyRouting"/> can
/// create steps, and it creates a <see cref="ProxyStep"/> only for paths that do not match GONOPROXY, so a private
/// path can never be sent to a proxy by anything that consumes a route.
/// </summary>
public abstract record RouteStep
{
    private protected RouteStep(ProxyEntry entry) => Entry = entry;

    /// <summary>The GOPROXY entry this step comes from.</summary>
    public ProxyEntry Entry { get; }
}

/// <summary>Ask this proxy with the proxy protocol.</summary>
public sealed record ProxyStep : RouteStep
{
    internal ProxyStep(ProxyEntry entry, string modulePath)
        : base(entry)
    {
        ModulePath = modulePath;
    }

    public string ModulePath { get; }

    public string BaseUrl => Entry.Text;
}

/// <summary>Direct VCS / go-import lookup (entries <c>direct</c>, or <c>noproxy</c> for a GONOPROXY-matched path).</summary>
/// <param name="Insecure">GOINSECURE matched: go allows plain http and unverified TLS for this direct fetch only.</param>
public sealed record DirectStep : RouteStep
{
    internal DirectStep(ProxyEntry entry, bool insecure)
        : base(entry)
    {
        Insecure = insecure;
    }

    public bool Insecure { get; }
}

/// <summary>go fails this entry without any network access, with <see cref="Message"/>.</summary>
/// <param name="IsNotFound">Whether go treats the error like fs.ErrNotExist (the walk may continue on ',').</param>
public sealed record RefusedStep : RouteStep
{
    internal RefusedStep(ProxyEntry entry, string message, bool isNotFound, RefusalReason reason)
        : base(entry)
    {
        Message = message;
        IsNotFound = isNotFound;
        Reason = reason;
    }

    public string Message { get; }

    public bool IsNotFound { get; }

    public RefusalReason Reason { get; }
}

/// <summary>Why a step was refused.</summary>
public enum RefusalReason
{
    /// <summary>GOPROXY=off.</summary>
    ProxyOff,

    /// <summary>A proxy entry for a GONOPROXY/GOPRIVATE-matched path.</summary>
    PrivatePath,

    /// <summary>The implicit noproxy entry for a path that does not match GONOPROXY (a no-op; go moves on).</summary>
    NotPrivate,
}
