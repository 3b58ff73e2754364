using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace GoModLens.ModFile.SumDb;

/// <summary>A SHA-256 hash in the checksum database's transparent log (x/mod/sumdb/tlog.Hash).</summary>
public readonly struct TlogHash : IEquatable<TlogHash>
{
    public const int Size = 32;
    private readonly byte[]? _bytes;

    public TlogHash(ReadOnlySpan<byte> bytes) => _bytes = bytes.Length == Size ? bytes.ToArray() : throw new ArgumentException("a tlog hash is 32 bytes");

    public ReadOnlySpan<byte> Bytes => _bytes ?? new byte[Size];

    /// <summary>The hash of an empty tree: SHA-256 of nothing.</summary>
    public static TlogHash Empty { get; } = new(SHA256.HashData([]));

    public bool Equals(TlogHash other) => Bytes.SequenceEqual(other.Bytes);

    public override bool Equals(object? obj) => obj is TlogHash other && Equals(other);

    public override int GetHashCode() => BitConverter.ToInt32(Bytes);

    public override string ToString() => Convert.ToBase64String(Bytes);

    public static bool operator ==(TlogHash left, TlogHash right) => left.Equals(right);

    public static bool operator !=(TlogHash left, TlogHash right) => !left.Equals(right);
}

/// <summary>A signed tree head's content: the number of records and the tree's hash.</summary>
public readonly record struct TlogTree(long N, TlogHash Hash);

/// <summary>
/// The checksum database's transparent log (golang.org/x/mod/sumdb/tlog): a Merkle tree over records whose hashes are
/// stored in a fixed order (each record's leaf, then every complete subtree it closes), served as tiles.
/// </summary>
public static class Tlog
{
    private static readonly byte[] TreePrefix = Encoding.ASCII.GetBytes("go.sum database tree\n");

    /// <summary>tlog.RecordHash: SHA-256 of 0x00 and the record.</summary>
    public static TlogHash RecordHash(ReadOnlySpan<byte> data)
    {
        var buffer = new byte[1 + data.Length];
        data.CopyTo(buffer.AsSpan(1));
        return new TlogHash(SHA256.HashData(buffer));
    }

    /// <summary>tlog.NodeHash: SHA-256 of 0x01, left, right.</summary>
    public static TlogHash NodeHash(TlogHash left, TlogHash right)
    {
        Span<byte> buffer = stackalloc byte[1 + 2 * TlogHash.Size];
        buffer[0] = 1;
        left.Bytes.CopyTo(buffer[1..]);
        right.Bytes.CopyTo(buffer[(1 + TlogHash.Size)..]);
        return new TlogHash(SHA256.HashData(buffer));
    }

    /// <summary>Where the hash of the level-<paramref name="level"/> subtree number <paramref name="n"/> is stored.</summary>
    public static long StoredHashIndex(int level, long n)
    {
        // The hashes of level L, index n follow all hashes for records below (n+1)<<L (each record's hashes close the
        // subtrees it completes), then L more for the levels below it in its own group.
        for (var l = level; l > 0; l--)
        {
            n = 2 * n + 1;
        }

        long i = 0;
        for (; n > 0; n >>= 1)
        {
            i += n;
        }

        return i + level;
    }

    /// <summary>The inverse of <see cref="StoredHashIndex"/>.</summary>
    public static (int Level, long N) SplitStoredHashIndex(long index)
    {
        var n = index / 2; // a lower bound: each record stores at least one hash, at most about two
        var indexN = StoredHashIndex(0, n);
        while (true)
        {
            var next = indexN + 1 + BitOperations.TrailingZeroCount((ulong)(n + 1));
            if (next > index)
            {
                break;
            }

            n++;
            indexN = next;
        }

        var level = (int)(index - indexN);
        return (level, n >> level);
    }

    /// <summary>The stored-hash indexes of the complete subtrees covering records [lo, hi), largest first.</summary>
    public static List<long> SubTreeIndexes(long lo, long hi, List<long>? into = null)
    {
        into ??= [];
        while (lo < hi)
        {
            var (k, level) = MaxPow2(hi - lo + 1);
            into.Add(StoredHashIndex(level, lo >> level));
            lo += k;
        }

        return into;
    }

    /// <summary>The tree hash of records [0, n) from the hashes of <see cref="SubTreeIndexes"/>, folded right to left.</summary>
    public static TlogHash FoldSubTrees(IReadOnlyList<TlogHash> hashes)
    {
        if (hashes.Count == 0)
        {
            return TlogHash.Empty;
        }

        var h = hashes[^1];
        for (var i = hashes.Count - 2; i >= 0; i--)
        {
            h = NodeHash(hashes[i], h);
        }

        return h;
    }

    /// <summary>tlog.ParseTree: a tree note's text, <c>go.sum database tree\n&lt;N&gt;\n&lt;base64 hash&gt;\n…</c>.</summary>
    public static TlogTree? ParseTree(string text)
    {
        if (!text.StartsWith("go.sum database tree\n", StringComparison.Ordinal) || text.Count(c => c == '\n') < 3 || text.Length > 1_000_000)
        {
            return null;
        }

        var lines = text.Split('\n', 4);
        if (!long.TryParse(lines[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) || n < 0
            || lines[1] != n.ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }

        var hash = NoteVerifier.TryBase64(lines[2]);
        return hash is { Length: TlogHash.Size } ? new TlogTree(n, new TlogHash(hash)) : null;
    }

    /// <summary>The text of a tree note for <paramref name="tree"/> (tlog.FormatTree).</summary>
    public static string FormatTree(TlogTree tree) => $"go.sum database tree\n{tree.N}\n{tree.Hash}\n";

    /// <summary>
    /// tlog.ParseRecord: a lookup answer is the record's id, its text (lines, ending in a newline, no blank line), a
    /// blank line, then the signed tree note it belongs to. Null when malformed (go: <c>malformed record data</c>).
    /// </summary>
    public static (long Id, byte[] Text, byte[] TreeNote)? ParseRecord(ReadOnlySpan<byte> message)
    {
        var newline = message.IndexOf((byte)'\n');
        if (newline < 0 || !long.TryParse(message[..newline], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        message = message[(newline + 1)..];
        var blank = message.IndexOf("\n\n"u8);
        if (blank < 0)
        {
            return null;
        }

        var text = message[..(blank + 1)];
        return IsValidRecordText(text) ? (id, text.ToArray(), message[(blank + 2)..].ToArray()) : null;
    }

    private static bool IsValidRecordText(ReadOnlySpan<byte> text)
    {
        if (!System.Text.Unicode.Utf8.IsValid(text) || text.IsEmpty || text[^1] != (byte)'\n')
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if ((text[i] < 0x20 && text[i] != (byte)'\n') || (i > 0 && text[i] == (byte)'\n' && text[i - 1] == (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The largest power of two below <paramref name="n"/> (n &gt; 1), and its exponent.</summary>
    internal static (long K, int L) MaxPow2(long n)
    {
        var l = 0;
        while (1L << (l + 1) < n)
        {
            l++;
        }

        return (1L << l, l);
    }
}
