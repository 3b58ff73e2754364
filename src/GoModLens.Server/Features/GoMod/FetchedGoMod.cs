using GoModLens.Analysis.GoSum;

namespace GoModLens.Server.Features.GoMod;

/// <summary>
/// The <c>.mod</c> bytes GoModLens fetched for one module version to check go.sum's "/go.mod" line, kept so hovers can
/// say what was checked, against what, and when. The verdict itself is recomputed against the go.sum text of the
/// hover (<see cref="GoSumChecker.VerifyGoMod"/>), so an edited go.sum never shows a stale verdict.
/// </summary>
/// <param name="Module">The module version (a replacement target when the require is replaced).</param>
/// <param name="Bytes">The .mod bytes; null when nothing served them (or, offline, the module cache misses).</param>
/// <param name="Source">Who answered: "the module cache" or the GOPROXY entry; null when not known at fetch time.</param>
/// <param name="CheckedAt">When the fetch ended.</param>
/// <param name="Offline">Fetched with the network disabled (module cache only).</param>
internal sealed record FetchedGoMod(ModuleVersionKey Module, byte[]? Bytes, string? Source, DateTimeOffset CheckedAt, bool Offline);
