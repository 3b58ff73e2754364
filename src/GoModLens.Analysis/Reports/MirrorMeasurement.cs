using GoModLens.Analysis.Ports;

namespace GoModLens.Analysis.Reports;

/// <summary>
/// One mirror probe: what Infrastructure's MirrorProber measures and what the reports render;
/// <see cref="FromProbe"/> builds one from the engine port's <see cref="MirrorProbe"/> (which has no phase timings).
/// </summary>
/// <param name="Mirror">The mirror base URL (may carry credentials; the reports redact them).</param>
/// <param name="Health">Healthy, slow or failing.</param>
/// <param name="ServesModule">The mirror returned 200 for the probed module@version's <c>.info</c>.</param>
/// <param name="Kind">Transport classification of the failure (<see cref="FailureKind.None"/> when it answered).</param>
/// <param name="GoError">The error go would print for the probe, if it failed.</param>
/// <param name="Timings">DNS/connect/TLS/first-byte phases; null when not measured.</param>
/// <param name="Elapsed">Total wall time of the probe.</param>
/// <param name="CheckedAt">When the probe finished (drives "12 s ago").</param>
/// <param name="Note">GoModLens's own remark (breaker open, our deadline), if any.</param>
public sealed record MirrorMeasurement(
    Uri Mirror,
    MirrorHealth Health,
    bool ServesModule,
    FailureKind Kind,
    string? GoError,
    PhaseTimings? Timings,
    TimeSpan Elapsed,
    DateTimeOffset CheckedAt,
    string? Note = null)
{
    /// <summary>From the engine port's probe: not healthy but no failure kind means it answered, only too slowly.</summary>
    public static MirrorMeasurement FromProbe(MirrorProbe probe, DateTimeOffset checkedAt)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var health = probe.Healthy ? MirrorHealth.Healthy
            : probe.Kind == FailureKind.None ? MirrorHealth.Slow
            : MirrorHealth.Failing;
        return new MirrorMeasurement(probe.Mirror, health, probe.ServesModule, probe.Kind, probe.GoError, null, probe.Elapsed, checkedAt);
    }
}
