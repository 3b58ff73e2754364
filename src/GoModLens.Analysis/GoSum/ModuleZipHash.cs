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
    /// <summary>
    /// The hash is the checksum database's verified record (<see cref="Source"/> names the database): the zip every
    /// honest proxy serves for a public module, read without downloading it.
    /// </summary>
    public bool FromChecksumDatabase { get; init; }

    /// <summary>With <see cref="FromChecksumDatabase"/>: the same verified record's <c>/go.mod</c> hash, or null.</summary>
    public string? RecordedGoModHash { get; init; }

    /// <summary>How the zip came to be, for messages: "the zip go creates from …", "the zip go downloads from …".</summary>
    public string Origin => FromChecksumDatabase ? $"the zip the checksum database {Source} records (what every proxy serves)"
        : (FromRepository ? "the zip go creates from " : "the zip go downloads from ") + Source;
}
