using GoModLens.Analysis.Ports;
using GoModLens.Analysis.Reports;
using GoModLens.Infrastructure.Mirrors;

namespace GoModLens.Infrastructure.Composition;

/// <summary><see cref="IMirrorProber"/> over <see cref="MirrorProber"/>.</summary>
public sealed class MirrorProberAdapter(MirrorProber prober, IReadOnlyList<Uri> defaultMirrors) : IMirrorProber
{
    public IReadOnlyList<Uri> DefaultMirrors { get; } = defaultMirrors;

    public async Task<IReadOnlyList<MirrorProbe>> ProbeAsync(IEnumerable<Uri> mirrors, string escapedModulePath, string escapedVersion, CancellationToken cancellationToken)
    {
        var reports = await prober.ProbeAsync(mirrors, escapedModulePath, escapedVersion, cancellationToken);
        return reports.Select(r => new MirrorProbe(r.Mirror, r.Health == MirrorHealth.Healthy, r.ServesModule, r.Kind, r.Elapsed, r.GoError)).ToList();
    }
}
