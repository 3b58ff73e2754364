namespace GoModLens.Analysis.GoSum;

/// <summary>
/// The go.sum module hash (<c>h1:</c> of the module zip) of a version go builds the zip for itself, from the repository
/// where it goes direct (GOPRIVATE, or past every proxy); or go's error for that download.
/// </summary>
/// <param name="Module">The module version hashed.</param>
/// <param name="Hash">go's h1 of the zip it would create; null with <paramref name="GoError"/>.</param>
/// <param name="GoError">What go would print instead (<c>path@version: create zip: …</c>, a git failure), or null.</param>
/// <param name="Source">Where the files came from, redacted: <c>https://host/repo.git at refs/tags/v1.2.3</c>.</param>
/// <param name="Files">Files in the zip.</param>
/// <param name="Omitted">Files of the tree go leaves out (nested modules, vendored packages, symlinks).</param>
/// <param name="Elapsed">Time of the fetch and archive.</param>
public sealed record ModuleZipHash(ModuleVersionKey Module, string? Hash, string? GoError, string Source, int Files, int Omitted, TimeSpan Elapsed);
