using GoModLens.Analysis.Ports;

namespace GoModLens.Infrastructure.Mirrors;

public enum MirrorHealth
{
    Healthy,
    Slow,
    Failing,
}

/// <summary>One probe of one mirror: whether it served module@version's .info, how fast each phase was, and when.</summary>
public sealed record MirrorReport(
    Uri Mirror,
    MirrorHealth Health,
    bool ServesModule,
    FailureKind Kind,
    string? GoError,
    PhaseTimings? Timings,
    TimeSpan Elapsed,
    DateTimeOffset CheckedAt,
    string? Note);
