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

    /// <summary>The mirrors the latency table and "fastest mirror" probe (built-in list plus the user's extra mirrors).</summary>
    IReadOnlyList<Uri> Mirrors { get; }

    /// <summary>Probes every mirror for module@version on fresh connections; best first.</summary>
    Task<IReadOnlyList<MirrorMeasurement>> ProbeMirrorsAsync(string modulePath, string version, CancellationToken cancellationToken);
}
