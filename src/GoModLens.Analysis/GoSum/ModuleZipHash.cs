namespace GoModLens.Analysis.GoSum;

/// <summary>
/// The go.sum module hash (<c>h1:</c> of the module zip) as go would compute it on a machine without the module: the
/// zip go creates from the repository where it goes direct (GOPRIVATE, or past every proxy), or the one a proxy serves
/// (for paths the checksum database does not cover); or go's error for that download.
/// </summary>
/// <param name="Module">The module version hashed.</param>
/// <param name="Hash">go's h1 of the zip it would create; null with <paramref name="GoError"/>.</param>
/// <param name="GoError">What go would print instead (<c>path@version: create zip: …</c>, a git failure), or null.</param>
/// <param name="Source">Where the files came from, redacted: <c>https://host/repo.git at refs/tags/v1.2.3</c>, or the zip's URL.</param>
/// <param name="Files">Files in the zip.</param>
/// <param name="Omitted">Files of the tree go leaves out (nested modules, vendored packages, symlinks).</param>
/// <param name="Elapsed">Time of the fetch (and archive).</param>
/// <param name="FromRepository">go creates this zip from a repository (true) or downloads it from a proxy (false).</param>
public sealed record ModuleZipHash(ModuleVersionKey Module, string? Hash, string? GoError, string Source, int Files, int Omitted, TimeSpan Elapsed, bool FromRepository)
{
    /// <summary>How the zip came to be, for messages: "the zip go creates from …" or "the zip go downloads from …".</summary>
    public string Origin => (FromRepository ? "the zip go creates from " : "the zip go downloads from ") + Source;
}
