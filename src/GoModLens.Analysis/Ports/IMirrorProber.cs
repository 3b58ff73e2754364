namespace GoModLens.Analysis.Ports;

/// <summary>Probes module mirrors for one module@version (Infrastructure's MirrorProber behind a port).</summary>
public interface IMirrorProber
{
    /// <summary>The mirrors probed when the caller adds none (built-in list; loopback fakes in tests).</summary>
    IReadOnlyList<Uri> DefaultMirrors { get; }

    /// <returns>One result per mirror, best first (healthy, then slow, then failing; fastest first within a class).</returns>
    Task<IReadOnlyList<MirrorProbe>> ProbeAsync(IEnumerable<Uri> mirrors, string escapedModulePath, string escapedVersion, CancellationToken cancellationToken);
}

/// <summary>One mirror's answer for one module@version.</summary>
/// <param name="Healthy">Answered (any status that is not a transport/5xx failure) within the slow threshold.</param>
/// <param name="ServesModule">Returned the <c>.info</c> with 200.</param>
public sealed record MirrorProbe(Uri Mirror, bool Healthy, bool ServesModule, FailureKind Kind, TimeSpan Elapsed, string? GoError);
