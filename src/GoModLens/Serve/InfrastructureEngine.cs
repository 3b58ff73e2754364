using GoModLens.Analysis.Findings;
using GoModLens.Analysis.Ports;
using GoModLens.Analysis.ProxyConfig;
using GoModLens.Analysis.Reports;
using GoModLens.Analysis.Resolution;
using GoModLens.Infrastructure.Composition;
using GoModLens.Infrastructure.Mirrors;
using GoModLens.ModFile.Module;
using GoModLens.Server.Features.GoMod;

namespace GoModLens.Host.Serve;

internal sealed class InfrastructureEngine(ResolutionEngine engine, MirrorProber prober, IReadOnlyList<Uri> mirrors) : IGoModEngine
{
    public IRequirementResolver Resolver => engine.Resolver;

    public ResolveOptions Options => engine.Options;

    public FindingsContext Context => engine.Context;

    public IReadOnlyList<Uri> Mirrors { get; } = mirrors;

    public async Task<GoModDownload?> FetchGoModAsync(string modulePath, string version, CancellationToken cancellationToken)
    {
        if (!ModulePath.TryEscapePath(modulePath, out var escapedPath, out _) || !ModulePath.TryEscapeVersion(version, out var escapedVersion, out _))
        {
            return null;
        }

        if (engine.ModuleCache is { } cache
            && await cache.TryReadAsync(escapedPath, escapedVersion, ProxyEndpoint.Mod, cancellationToken).ConfigureAwait(false) is { IsSuccess: true, Body: { } cached })
        {
            return new GoModDownload(cached, GoModDownload.ModuleCacheSource);
        }

        if (engine.Options.Offline || engine.Transport is not { } transport)
        {
            return null;
        }

        var route = ProxyRouting.For(modulePath, engine.Options.Settings);
        foreach (var step in route.Steps)
        {
            // A refused step fails without network access; go moves on past a not-found one (the implicit noproxy
            // entry whenever GONOPROXY/GOPRIVATE is set, GOPROXY=off) or on "|".
            if (step is RefusedStep refused)
            {
                if (refused.IsNotFound || refused.Entry.FallBackOnError)
                {
                    continue;
                }

                return null;
            }

            if (step is DirectStep)
            {
                return await DirectGoModAsync(modulePath, version, cancellationToken).ConfigureAwait(false);
            }

            if (step is not ProxyStep proxy || ProxyUrls.Mod(proxy.BaseUrl, route.LookupPath, version, out _) is not { } url)
            {
                return null;
            }

            var result = await transport.GetAsync(url.ToRequest(ProxyEndpoint.Mod), cancellationToken).ConfigureAwait(false);
            if (result.IsSuccess && result.Body is { } body)
            {
                return new GoModDownload(body, proxy.Entry.Display);
            }

            // go's walk: "," falls through on 404/410 only, "|" on any error.
            if (!result.IsNotFound && !proxy.Entry.FallBackOnError)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The go.mod go reads from the repository where it goes direct (GOPRIVATE, or past every proxy): the resolver's
    /// direct path, whose git listing and fetch are cached, so this repeats no git run of the go.mod's resolution.
    /// </summary>
    private async Task<GoModDownload?> DirectGoModAsync(string modulePath, string version, CancellationToken cancellationToken)
    {
        var report = await engine.Resolver.ResolveAsync(modulePath, version, engine.Options with { CheckLatest = false }, cancellationToken).ConfigureAwait(false);
        return report.Direct?.Vcs is { Outcome: Analysis.Direct.DirectOutcome.Found, GoMod: { } bytes, Repo: { } repo, Commit: { } commit } vcs
            ? new GoModDownload(bytes, $"{repo.RedactedUrl} at {vcs.Ref ?? "commit " + commit[..12]}")
            : null;
    }

    public async Task<IReadOnlyList<MirrorMeasurement>> ProbeMirrorsAsync(string modulePath, string version, CancellationToken cancellationToken)
    {
        if (!ModulePath.TryEscapePath(modulePath, out var path, out _) || !ModulePath.TryEscapeVersion(version, out var escapedVersion, out _))
        {
            return [];
        }

        // Rows keep the configured order (GOPROXY entries, extra mirrors, public mirrors); callers rank when they need to.
        var probed = await prober.ProbeAsync(Mirrors, path, escapedVersion, cancellationToken).ConfigureAwait(false);
        var reports = probed.OrderBy(r => IndexOf(r.Mirror));
        return [.. reports];
    }

    private int IndexOf(Uri mirror)
    {
        for (var i = 0; i < Mirrors.Count; i++)
        {
            if (Mirrors[i] == mirror)
            {
                return i;
            }
        }

        return Mirrors.Count;
    }

    public void Dispose() => engine.Dispose();
}
