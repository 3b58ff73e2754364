using GoModLens.Analysis.Findings;
using GoModLens.Analysis.Resolution;

namespace GoModLens.Host.Output;

/// <summary>Everything a check run produced, for the output writers.</summary>
/// <param name="FileName">The go.mod path as given on the command line.</param>
/// <param name="GoProxy">Effective GOPROXY.</param>
/// <param name="GoProxySource">Where it came from (command line, environment, GOENV file, default).</param>
/// <param name="Findings">Sorted findings.</param>
/// <param name="Reports">One report per require, in file order.</param>
/// <param name="Elapsed">Wall time of the run.</param>
/// <param name="Requests">Distinct URLs requested.</param>
/// <param name="Offline">--no-network was given.</param>
internal sealed record CheckResult(
    string FileName,
    string GoProxy,
    string GoProxySource,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<RequirementReport> Reports,
    TimeSpan Elapsed,
    int Requests,
    bool Offline)
{
    /// <summary>The module zips hashed for go.sum's module lines (GONOSUMDB paths), one per module version.</summary>
    public IReadOnlyList<Analysis.GoSum.ModuleZipHash> ZipHashes { get; init; } = [];

    /// <summary>GOPROXY comes from the process environment, so go env -w would not change it.</summary>
    public bool GoProxyFromProcessEnvironment { get; init; }

    public int Count(FindingSeverity severity) => Findings.Count(f => f.Severity == severity);
}
