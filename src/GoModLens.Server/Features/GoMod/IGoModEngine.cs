using GoModLens.Analysis.Reports;
using GoModLens.Analysis.Findings;
using GoModLens.Analysis.Resolution;

namespace GoModLens.Server.Features.GoMod;

/// <summary>One wired resolver for one environment + settings combination.</summary>
public interface IGoModEngine : IDisposable
{
    IRequirementResolver Resolver { get; }

    ResolveOptions Options { get; }

    FindingsContext Context { get; }

    /// <summary>The mirrors the latency table and "fastest mirror" probe: the GOPROXY entries in force, the extra mirrors, then the public ones (unless mirrors.public is false).</summary>
    IReadOnlyList<Uri> Mirrors { get; }

    /// <summary>
    /// The raw <c>.mod</c> bytes go would download for module@version (module cache first, then the GOPROXY walk; the
    /// resolver's cached fetch when it already made it; where go goes direct, the go.mod git reads at the version),
    /// with who served them; null when nothing serves it or the network is off and the module cache misses.
    /// </summary>
    Task<GoModDownload?> FetchGoModAsync(string modulePath, string version, CancellationToken cancellationToken);

    /// <summary>Probes every mirror for module@version on fresh connections; rows in <see cref="Mirrors"/> order.</summary>
    Task<IReadOnlyList<MirrorMeasurement>> ProbeMirrorsAsync(string modulePath, string version, CancellationToken cancellationToken);
}

/// <summary>
/// A version's <c>.mod</c> and where it came from: <see cref="GoModDownload.ModuleCacheSource"/>, or the display form
/// of the GOPROXY entry whose URL answered. The walk for the <c>.mod</c> can end at a different entry than the walk
/// for the <c>.info</c> (a "," list falls through on 404), so the source is the one of this fetch.
/// </summary>
public sealed record GoModDownload(byte[] Bytes, string Source)
{
    public const string ModuleCacheSource = "the module cache";
}
