using Microsoft.Win32.SafeHandles;

namespace GoModLens.Infrastructure.Caching;

/// <summary>
/// One pack as this process knows it: a read handle (positional reads are thread-safe, and on Unix the handle keeps
/// reading a pack another process compacted away), and how far its records have been indexed.
/// </summary>
internal sealed class PackFile(string path, SafeFileHandle handle) : IDisposable
{
    public string Path { get; } = path;

    public SafeFileHandle Handle { get; } = handle;

    /// <summary>Offset of the first record not indexed yet (0 = the file header was not read yet).</summary>
    public long ScannedLength { get; set; }

    /// <summary>A malformed record or header: nothing after it is trusted, and the file is never merged.</summary>
    public bool Broken { get; set; }

    public bool HasValidHeader => ScannedLength > 0;

    public void Dispose() => Handle.Dispose();
}
