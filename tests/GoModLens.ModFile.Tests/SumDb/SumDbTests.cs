using System.Text;
using GoModLens.ModFile.SumDb;
using GoModLens.ModFile.Tests.Editing;
using GoModLens.TestUtilities;

namespace GoModLens.ModFile.Tests.SumDb;

/// <summary>
/// The checksum database's signed notes and transparent log against x/mod/sumdb itself: xmod-oracle (built from the
/// x/mod vendored in go 1.26) writes a signed log and its tiles; we must read, prove and verify them as go's client does.
/// </summary>
public sealed class SumDbTests
{
    [Fact]
    public void Go_s_key_for_sum_golang_org_parses()
    {
        var (verifier, error) = NoteVerifier.Parse("sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8");
        Assert.Null(error);
        Assert.Equal("sum.golang.org", verifier!.Name);
        Assert.Equal(0x033de0aeu, verifier.KeyHash);
    }

    [Theory]
    [InlineData("sum.golang.org", "malformed verifier id")]
    [InlineData("https://goproxy.cn/sumdb/sum.golang.org", "malformed verifier id")]
    [InlineData("sum.golang.org+033de0ae", "malformed verifier id")]
    [InlineData("sum.golang.org+033de0af+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8", "invalid verifier hash")]
    [InlineData("sum.golang.org+33de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8", "malformed verifier id")]
    public void Malformed_keys_get_go_s_errors(string vkey, string expected) => Assert.Equal(expected, NoteVerifier.Parse(vkey).Error);

    [SkippableFact]
    public void A_note_signed_by_x_mod_opens_with_its_key_only()
    {
        var log = Log(2, 5);
        var note = File.ReadAllBytes(Path.Combine(log, "5", "note"));
        var verifier = Verifier(log, "vkey");

        var (text, error) = SignedNote.Open(note, verifier);
        Assert.Null(error);
        Assert.Equal(5, Tlog.ParseTree(text!)!.Value.N);

        Assert.Equal("note has no verifiable signatures", SignedNote.Open(note, Verifier(log, "otherkey")).Error);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(note).Replace("\n5\n", "\n6\n", StringComparison.Ordinal));
        Assert.StartsWith("invalid signature for key tlog.test+", SignedNote.Open(tampered, verifier).Error, StringComparison.Ordinal);
        Assert.Equal("malformed note", SignedNote.Open("<html>blocked</html>\n"u8, verifier).Error);
        Assert.Equal("malformed note", SignedNote.Open(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(note).Replace("\n\n", "\n", StringComparison.Ordinal)), verifier).Error);
    }

    [SkippableTheory]
    [InlineData(2, new long[] { 1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 63, 64, 65, 100 })]
    [InlineData(8, new long[] { 1, 255, 256, 257, 600, 65536, 65537, 70000 })]
    public async Task Tiles_prove_every_record_and_every_older_tree_as_x_mod_computes_them(int height, long[] sizes)
    {
        var log = Log(height, sizes);
        var verifier = Verifier(log, "vkey");
        foreach (var n in sizes)
        {
            var tree = Tree(log, n, verifier);
            Assert.Equal(File.ReadAllText(Path.Combine(log, N(n), "hash")), tree.Hash.ToString());
            var reader = new TlogTileHashReader(tree, height, Tiles(log, n));

            // Every record (a sample of big trees), one at a time as go's checkRecord reads them, and some at once.
            var ids = Sample(n).ToList();
            foreach (var id in ids)
            {
                var (hashes, error) = await reader.ReadHashesAsync([Tlog.StoredHashIndex(0, id)], CancellationToken.None);
                Assert.True(error is null, $"n={n} id={id}: {error}");
                Assert.Equal(Tlog.RecordHash(File.ReadAllBytes(Path.Combine(log, "record", N(id)))), hashes![0]);
            }

            // Each smaller tree of the run is a prefix of this one (go's checkTrees).
            foreach (var older in sizes.Where(m => m <= n))
            {
                var (hash, error) = await reader.TreeHashAsync(older, CancellationToken.None);
                Assert.True(error is null, $"n={n} older={older}: {error}");
                Assert.Equal(Tree(log, older, verifier).Hash, hash);
            }
        }
    }

    [SkippableFact]
    public async Task A_tile_that_does_not_hash_to_the_signed_tree_is_refused()
    {
        var log = Log(2, 17);
        var verifier = Verifier(log, "vkey");
        var tree = Tree(log, 17, verifier);
        var tile = Path.Combine(log, "17", "tile", "2", "0", "001");
        var bytes = File.ReadAllBytes(tile);
        bytes[0] ^= 1;
        File.WriteAllBytes(tile, bytes);

        var (hashes, error) = await new TlogTileHashReader(tree, 2, Tiles(log, 17)).ReadHashesAsync([Tlog.StoredHashIndex(0, 5)], CancellationToken.None);
        Assert.Null(hashes);
        Assert.Equal("downloaded inconsistent tile", error);

        // A record the tree does not hold.
        Assert.Equal("indexes not in tree", (await new TlogTileHashReader(tree, 2, Tiles(log, 17)).ReadHashesAsync([Tlog.StoredHashIndex(0, 17)], CancellationToken.None)).Error);
    }

    [Theory]
    [InlineData("5\nexample.com/m v1.0.0 h1:x=\n\ngo.sum database tree\n", 5L)]
    [InlineData("x\nexample.com/m v1.0.0 h1:x=\n\nnote", null)]
    [InlineData("5\nexample.com/m v1.0.0 h1:x=\nno blank line", null)]
    [InlineData("<!DOCTYPE html><html>proxy login</html>", null)]
    public void Lookup_answers_parse_as_x_mod_s_ParseRecord(string answer, long? id) =>
        Assert.Equal(id, Tlog.ParseRecord(Encoding.UTF8.GetBytes(answer))?.Id);

    [Theory]
    [InlineData(0, "tile/8/0/000")]
    [InlineData(1234067, "tile/8/0/x001/x234/067")]
    public void Tile_paths_are_x_mod_s(long n, string path) => Assert.Equal(path, new TlogTile(8, 0, n, 256).Path);

    [Fact]
    public void Partial_tiles_name_their_width() => Assert.Equal("tile/8/1/002.p/5", new TlogTile(8, 1, 2, 5).Path);

    /// <summary>A tree note signed in the test (BouncyCastle, fixed seed), so the properties below need no go.</summary>
    private static readonly Lazy<(byte[] Note, NoteVerifier Verifier, string Text)> s_signed = new(() =>
    {
        var seed = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var publicKey = new byte[32];
        Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.GeneratePublicKey(seed, 0, publicKey, 0);
        var key = new byte[] { 1 }.Concat(publicKey).ToArray();
        var hash = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(
            System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("prop.test\n").Concat(key).ToArray()));
        var verifier = NoteVerifier.Parse($"prop.test+{hash:x8}+{Convert.ToBase64String(key)}").Verifier!;
        var text = Tlog.FormatTree(new TlogTree(42, Tlog.RecordHash("x"u8)));
        var signature = new byte[64];
        var message = Encoding.UTF8.GetBytes(text);
        Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Sign(seed, 0, message, 0, message.Length, signature, 0);
        var keyHash = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(keyHash, hash);
        var note = Encoding.UTF8.GetBytes($"{text}\n— prop.test {Convert.ToBase64String(keyHash.Concat(signature).ToArray())}\n");
        return (note, verifier, text);
    });

    [Fact]
    public void The_test_signed_note_opens() => Assert.Equal(s_signed.Value.Text, SignedNote.Open(s_signed.Value.Note, s_signed.Value.Verifier).Text);

    /// <summary>Whatever a network answers (a flipped, inserted or cut byte), reading it never throws, and only the signed text verifies.</summary>
    [FsCheck.Xunit.Property(MaxTest = 2000)]
    public bool A_damaged_lookup_answer_never_throws_and_never_verifies_other_text(int position, byte value, bool insert, int cut)
    {
        var (note, verifier, text) = s_signed.Value;
        var answer = Encoding.UTF8.GetBytes("7\nexample.com/m v1.0.0 h1:x=\n\n").Concat(note).ToList();
        var at = (int)((uint)position % answer.Count);
        if (insert)
        {
            answer.Insert(at, value);
        }
        else
        {
            answer[at] = value;
        }

        var bytes = answer.Take(answer.Count - (int)((uint)cut % 4 == 0 ? (uint)cut % answer.Count : 0)).ToArray();
        if (Tlog.ParseRecord(bytes) is not { } record)
        {
            return true;
        }

        var (opened, _) = SignedNote.Open(record.TreeNote, verifier);
        _ = Tlog.ParseTree(opened ?? Encoding.UTF8.GetString(record.TreeNote));
        return opened is null || opened == text;
    }

    /// <summary>Whatever tiles a server sends (any bytes, any length) for any tree it signs, reading hashes never throws.</summary>
    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public bool Any_tiles_for_any_tree_never_throw(long treeSize, byte heightSeed, int index, byte[]? seed, bool wrongLength)
    {
        var n = Math.Abs(treeSize % 100_000) + 1;
        var height = heightSeed % 8 + 1;
        var data = seed is { Length: > 0 } ? seed : [0];
        var tree = new TlogTree(n, Tlog.RecordHash(data));
        TileSource tiles = (wanted, _) => Task.FromResult<(IReadOnlyList<byte[]>?, string?)>(
            ([.. wanted.Select(t => Enumerable.Range(0, t.W * TlogHash.Size + (wanted.Count == 1 && wanted[0].W == 1 && wrongLength ? 1 : 0))
                .Select(i => data[i % data.Length]).ToArray())], null));
        var reader = new TlogTileHashReader(tree, height, tiles);
        var record = (long)((uint)index % (uint)Math.Min(n, int.MaxValue));
        var (hashes, error) = reader.ReadHashesAsync([Tlog.StoredHashIndex(0, record)], CancellationToken.None).GetAwaiter().GetResult();
        var (treeHash, treeError) = reader.TreeHashAsync(Math.Max(1, n / 2), CancellationToken.None).GetAwaiter().GetResult();
        return (hashes is null) != (error is null) && (treeHash is null) != (treeError is null);
    }

    private static string Log(int height, params long[] sizes)
    {
        GoOracle.Require();
        var dir = GoOracle.NewScratchDir("tlog");
        XModOracle.WriteTlog(dir, height, sizes);
        return dir;
    }

    private static NoteVerifier Verifier(string log, string file) => NoteVerifier.Parse(File.ReadAllText(Path.Combine(log, file))).Verifier!;

    private static TlogTree Tree(string log, long n, NoteVerifier verifier) =>
        Tlog.ParseTree(SignedNote.Open(File.ReadAllBytes(Path.Combine(log, N(n), "note")), verifier).Text!)!.Value;

    private static TileSource Tiles(string log, long n) => (tiles, _) => Task.FromResult<(IReadOnlyList<byte[]>?, string?)>(
        (tiles.Select(t => File.ReadAllBytes(Path.Combine(log, N(n), t.Path.Replace('/', Path.DirectorySeparatorChar)))).ToList(), null));

    private static IEnumerable<long> Sample(long n) => n <= 300 ? Enumerable.Range(0, (int)n).Select(i => (long)i)
        : new long[] { 0, 1, 255, 256, 257, n / 2, n - 257, n - 256, n - 2, n - 1 }.Where(i => i >= 0 && i < n).Distinct();

    private static string N(long n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
