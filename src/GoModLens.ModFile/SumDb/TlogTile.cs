using System.Globalization;
using System.Text;

namespace GoModLens.ModFile.SumDb;

/// <summary>
/// A tile of the log (tlog.Tile): the stored hashes of <see cref="W"/> consecutive subtrees at level
/// <c>L·H</c>, so a client reads a proof as a few fixed URLs a proxy or CDN can cache. Height H (8 for
/// sum.golang.org), level L, number N within the level, width W (2^H when complete, else a partial tile of a tree that
/// is still growing).
/// </summary>
public readonly record struct TlogTile(int H, int L, long N, int W)
{
    public bool IsComplete => W == 1 << H;

    /// <summary>tlog.Tile.Path: <c>tile/H/L/x123/456[.p/W]</c>, N in groups of three digits.</summary>
    public string Path
    {
        get
        {
            var n = N;
            var digits = (n % 1000).ToString("000", CultureInfo.InvariantCulture);
            while (n >= 1000)
            {
                n /= 1000;
                digits = "x" + (n % 1000).ToString("000", CultureInfo.InvariantCulture) + "/" + digits;
            }

            var level = L == -1 ? "data" : L.ToString(CultureInfo.InvariantCulture);
            return $"tile/{H}/{level}/{digits}" + (IsComplete ? "" : ".p/" + W.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The tile holding stored hash <paramref name="index"/>, and the byte range of the hashes it folds from.</summary>
    internal static (TlogTile Tile, int Start, int End) ForIndex(int height, long index)
    {
        var (level, n) = Tlog.SplitStoredHashIndex(index);
        var tileLevel = level / height;
        level -= tileLevel * height; // level within the tile
        var tileN = n << level >> height;
        n -= tileN << height >> level; // n within the tile, at that level
        var width = (int)((n + 1) << level);
        return (new TlogTile(height, tileLevel, tileN, width), (int)(n << level) * TlogHash.Size, (int)((n + 1) << level) * TlogHash.Size);
    }

    /// <summary>The tile <paramref name="k"/> levels up covering this one in a tree of <paramref name="treeSize"/> records (none: default).</summary>
    internal TlogTile Parent(int k, long treeSize)
    {
        var level = L + k;
        var number = N >> (k * H);
        var width = 1 << H;
        var max = treeSize >> (level * H);
        if ((number << H) + width >= max)
        {
            if (number << H >= max)
            {
                return default;
            }

            width = (int)(max - (number << H));
        }

        return new TlogTile(H, level, number, width);
    }

    /// <summary>tlog.HashFromTile: the stored hash <paramref name="index"/> from this tile's data (null with an error).</summary>
    internal (TlogHash Hash, string? Error) HashOf(byte[] data, long index)
    {
        if (H is < 1 or > 30 || L is < 0 or >= 64 || W < 1 || W > 1 << H)
        {
            return (default, $"invalid tile {Path}");
        }

        if (data.Length < W * TlogHash.Size)
        {
            return (default, $"data len {data.Length} too short for tile {Path}");
        }

        var (owner, start, end) = ForIndex(H, index);
        return L != owner.L || N != owner.N || W < owner.W
            ? (default, $"index {index} is in {owner.Path} not {Path}")
            : (Fold(data.AsSpan(start, end - start)), null);
    }

    /// <summary>The hash of the subtree whose level-0-of-the-tile hashes are <paramref name="data"/>.</summary>
    internal static TlogHash Fold(ReadOnlySpan<byte> data)
    {
        if (data.Length == TlogHash.Size)
        {
            return new TlogHash(data);
        }

        var half = data.Length / 2;
        return Tlog.NodeHash(Fold(data[..half]), Fold(data[half..]));
    }

    public override string ToString() => Path;
}

/// <summary>Reads tiles (cache, then network); the data of each, in order, or an error text.</summary>
public delegate Task<(IReadOnlyList<byte[]>? Data, string? Error)> TileSource(IReadOnlyList<TlogTile> tiles, CancellationToken cancellationToken);

/// <summary>
/// tlog.TileHashReader: stored hashes of a tree read from its tiles, every tile authenticated first: the tiles holding
/// the tree's complete subtrees must fold to the signed tree hash, and each lower tile must hash to the entry its
/// parent tile holds for it ("downloaded inconsistent tile" otherwise).
/// </summary>
public sealed class TlogTileHashReader(TlogTree tree, int height, TileSource source)
{
    /// <summary>
    /// 2^50 records (sum.golang.org holds under 2^27): the index arithmetic stays far from overflow for any tree a
    /// server could sign, where go's int64 math would wrap.
    /// </summary>
    public const long MaxTreeSize = 1L << 50;

    public async Task<(IReadOnlyList<TlogHash>? Hashes, string? Error)> ReadHashesAsync(IReadOnlyList<long> indexes, CancellationToken cancellationToken)
    {
        if (tree.N > MaxTreeSize || height is < 1 or > 30)
        {
            return (null, $"tree of {tree.N} records is too large to check");
        }

        var order = new Dictionary<TlogTile, int>();
        var tiles = new List<TlogTile>();
        int Add(TlogTile tile)
        {
            if (!order.TryGetValue(tile, out var i))
            {
                order[tile] = i = tiles.Count;
                tiles.Add(tile);
            }

            return i;
        }

        // First the tiles of the tree's own subtrees, which the signed hash authenticates.
        var subTrees = Tlog.SubTreeIndexes(0, tree.N);
        var subTreeTile = subTrees.Select(x => Add(TlogTile.ForIndex(height, x).Tile.Parent(0, tree.N))).ToArray();

        // Then, for each wanted hash, its tile and the chain of parents up to a tile already in the list.
        var indexTile = new int[indexes.Count];
        for (var i = 0; i < indexes.Count; i++)
        {
            if (indexes[i] >= Tlog.StoredHashIndex(0, tree.N))
            {
                return (null, "indexes not in tree");
            }

            var tile = TlogTile.ForIndex(height, indexes[i]).Tile;
            var k = 0;
            while (!order.ContainsKey(tile.Parent(k, tree.N)))
            {
                if (++k > 64)
                {
                    return (null, $"bad math in tileHashReader: {tree.N} {indexes[i]}: no parent tile");
                }
            }

            if (k == 0)
            {
                indexTile[i] = order[tile.Parent(0, tree.N)];
            }

            for (k--; k >= 0; k--)
            {
                var parent = tile.Parent(k, tree.N);
                if (!parent.IsComplete)
                {
                    return (null, $"bad math in tileHashReader: {tree.N} {indexes[i]} {parent}");
                }

                var j = Add(parent);
                if (k == 0)
                {
                    indexTile[i] = j;
                }
            }
        }

        var (data, error) = await source(tiles, cancellationToken).ConfigureAwait(false);
        if (data is null)
        {
            return (null, error);
        }

        for (var i = 0; i < tiles.Count; i++)
        {
            if (data[i].Length != tiles[i].W * TlogHash.Size)
            {
                return (null, $"TileReader returned bad result slice ({tiles[i].Path} len={data[i].Length}, want {tiles[i].W * TlogHash.Size})");
            }
        }

        // The subtree tiles must reproduce the signed tree hash.
        var subTreeHashes = new TlogHash[subTrees.Count];
        for (var i = 0; i < subTrees.Count; i++)
        {
            var (hash, err) = tiles[subTreeTile[i]].HashOf(data[subTreeTile[i]], subTrees[i]);
            if (err is not null)
            {
                return (null, err);
            }

            subTreeHashes[i] = hash;
        }

        if (Tlog.FoldSubTrees(subTreeHashes) != tree.Hash)
        {
            return (null, "downloaded inconsistent tile");
        }

        // Every other tile must match the entry its parent holds for it (parents come earlier in the list).
        for (var i = subTreeTile[^1] + 1; i < tiles.Count; i++)
        {
            var parent = tiles[i].Parent(1, tree.N);
            if (!order.TryGetValue(parent, out var j))
            {
                return (null, $"bad math in tileHashReader {tree.N}: lost parent of {tiles[i]}");
            }

            var (hash, err) = parent.HashOf(data[j], Tlog.StoredHashIndex(parent.L * parent.H, tiles[i].N));
            if (err is not null)
            {
                return (null, $"bad math in tileHashReader {tree.N}: lost hash of {tiles[i]}: {err}");
            }

            if (hash != TlogTile.Fold(data[i]))
            {
                return (null, "downloaded inconsistent tile");
            }
        }

        var hashes = new TlogHash[indexes.Count];
        for (var i = 0; i < indexes.Count; i++)
        {
            var (hash, err) = tiles[indexTile[i]].HashOf(data[indexTile[i]], indexes[i]);
            if (err is not null)
            {
                return (null, err);
            }

            hashes[i] = hash;
        }

        return (hashes, null);
    }

    /// <summary>tlog.TreeHash of the first <paramref name="n"/> records, read through this tree's tiles.</summary>
    public async Task<(TlogHash? Hash, string? Error)> TreeHashAsync(long n, CancellationToken cancellationToken)
    {
        if (n == 0)
        {
            return (TlogHash.Empty, null);
        }

        var (hashes, error) = await ReadHashesAsync(Tlog.SubTreeIndexes(0, n), cancellationToken).ConfigureAwait(false);
        return hashes is null ? (null, error) : (Tlog.FoldSubTrees(hashes), null);
    }
}
