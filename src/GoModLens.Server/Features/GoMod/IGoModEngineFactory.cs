using GoModLens.Analysis.Environment;
using GoModLens.Server.Configuration;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// Builds resolution engines for the go.mod features. The Server layer knows no transport: the host wires
/// Infrastructure's ResolutionEngineFactory and MirrorProber behind this port (tests use the same wiring with
/// loopback or file:// mirrors only).
/// </summary>
public interface IGoModEngineFactory
{
    /// <param name="environment">The effective go environment (editor overrides already applied).</param>
    IGoModEngine Create(GoEnvironment environment, ServerSettings settings);

    /// <summary>Deletes GoModLens's own persistent response cache (never the Go module cache).</summary>
    void ClearPersistentCache();
}
