using System.Security;
using System.Text;

namespace GoModLens.Analysis.Workspace;

/// <summary>The real file system; errors (permissions, races, broken links) read as "not there".</summary>
public sealed class PhysicalCheckoutFileSystem : ICheckoutFileSystem
{
    public static PhysicalCheckoutFileSystem Instance { get; } = new();

    public bool DirectoryExists(string path) => Directory.Exists(path);

    public bool FileExists(string path) => File.Exists(path);

    public IEnumerable<string> EnumerateDirectories(string path)
    {
        try
        {
            // Materialised so enumeration errors surface here, not in the caller's loop.
            return Directory.EnumerateDirectories(path).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException)
        {
            return [];
        }
    }

    public string? ReadPrefix(string path, int maxBytes)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[maxBytes];
            var total = 0;
            int read;
            while (total < maxBytes && (read = stream.Read(buffer, total, maxBytes - total)) > 0)
            {
                total += read;
            }

            return Encoding.UTF8.GetString(buffer, 0, total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException)
        {
            return null;
        }
    }
}
