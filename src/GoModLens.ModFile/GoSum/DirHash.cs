using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace GoModLens.ModFile.GoSum;

/// <summary>
/// x/mod/sumdb/dirhash "h1:" hashes: SHA-256 over the sorted lines "&lt;hex sha256(content)&gt;  &lt;name&gt;\n", base64 with padding.
/// </summary>
public static class DirHash
{
    /// <summary>The go.sum prefix of the only hash algorithm go knows.</summary>
    public const string H1Prefix = "h1:";

    /// <summary>dirhash.Hash1 over (name, content) pairs; names are sorted by UTF-8 bytes as go sorts strings.</summary>
    /// <exception cref="ArgumentException">a file name contains a newline (go: "filenames with newlines are not supported").</exception>
    public static string Hash1(IEnumerable<KeyValuePair<string, byte[]>> files)
    {
        var list = files.Select(f => (Name: f.Key, NameBytes: Encoding.UTF8.GetBytes(f.Key), f.Value)).ToList();
        list.Sort((a, b) => a.NameBytes.AsSpan().SequenceCompareTo(b.NameBytes));
        using var summary = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, nameBytes, content) in list)
        {
            if (name.Contains('\n', StringComparison.Ordinal))
            {
                throw new ArgumentException("dirhash: filenames with newlines are not supported", nameof(files));
            }

            summary.AppendData(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(content)) + "  "));
            summary.AppendData(nameBytes);
            summary.AppendData("\n"u8);
        }

        return H1Prefix + Convert.ToBase64String(summary.GetHashAndReset());
    }

    /// <summary>The "/go.mod" go.sum hash: one file named exactly "go.mod" holding the .mod bytes as served.</summary>
    public static string HashGoMod(byte[] goModBytes) => Hash1([new("go.mod", goModBytes)]);

    /// <summary>
    /// dirhash.HashZip: every entry under its name as stored ("&lt;path&gt;@&lt;version&gt;/file"), decompressed content;
    /// order, compression and timestamps do not matter. A repeated name is listed twice with the last entry's bytes, as go's map does.
    /// </summary>
    public static string HashZip(Stream zip)
    {
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: Encoding.UTF8);
        var names = new List<string>();
        var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            names.Add(entry.FullName);
            using var s = entry.Open();
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            contents[entry.FullName] = ms.ToArray();
        }

        return Hash1(names.Select(n => new KeyValuePair<string, byte[]>(n, contents[n])));
    }

    /// <summary>dirhash.HashDir (go mod verify): every regular file under dir, named prefix + "/" + slash path.</summary>
    public static string HashDir(string dir, string prefix)
    {
        var root = Path.GetFullPath(dir);
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => new KeyValuePair<string, byte[]>(
                prefix + "/" + Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'),
                File.ReadAllBytes(f)));
        return Hash1(files);
    }
}
