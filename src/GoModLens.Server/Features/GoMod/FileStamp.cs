namespace GoModLens.Server.Features.GoMod;

/// <summary>When a file the analysis reads was last written, to parse it again only then.</summary>
internal static class FileStamp
{
    /// <summary>
    /// Write time and length (coarse file-system clocks can give two quick writes one time stamp, rarely one length
    /// too); default when the file does not exist or cannot be read.
    /// </summary>
    public static (DateTime, long) Of(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? (info.LastWriteTimeUtc, info.Length) : default;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return default;
        }
    }
}
