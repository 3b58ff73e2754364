using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace GoModLens.Infrastructure.Caching;

/// <summary>
/// The disk side of <see cref="CachingTransport"/>: append-only pack files under &lt;dir&gt;/packs. One file per entry
/// made a cold kubernetes run create ~900 inodes, and ext4 spent a third of the process's CPU on that; one file per
/// writer costs one inode. Several processes (CLI, language servers) share the directory, so each writes only its own
/// pack and reads everyone's: an index of every pack's record headers, refreshed from the tails that grew when a key
/// is missing. Bodies are read back on demand, so a long-lived server does not keep them in memory.
/// Every failure makes a smaller cache, never an exception.
/// </summary>
internal sealed class PackFileStore : IDisposable
{
    private const int ScanBufferSize = 64 * 1024;
    private readonly string _packsDirectory;
    private readonly TimeProvider _time;
    private readonly TimeSpan _rescanInterval;
    private readonly int _compactPackCount;
    private readonly long _compactSupersededBytes;
    private readonly Action<Action> _background;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PackFile> _packs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PackRecord> _index = new(StringComparer.Ordinal);
    private volatile bool _scanned;
    private volatile bool _rescanForced;
    private long _lastScan;
    private volatile bool _disposed;

    // Writer state: touched only by the caller's serialized background chain (appends and compaction).
    private SafeFileHandle? _writer;
    private PackFile? _writerPack;
    private long _writeOffset;

    /// <param name="directory">The cache directory; packs go to its "packs" subdirectory.</param>
    /// <param name="background">Runs work after the queued writes (compaction must not race the appends).</param>
    public PackFileStore(string directory, CacheOptions options, Action<Action> background)
    {
        _packsDirectory = System.IO.Path.Combine(directory, "packs");
        _time = options.TimeProvider;
        _rescanInterval = options.PackRescanInterval;
        _compactPackCount = options.PackCompactionCount;
        _compactSupersededBytes = options.PackCompactionSupersededBytes;
        _background = background;
    }

    /// <summary>The newest record of <paramref name="key"/> in any pack, or null.</summary>
    public PackRecord? Find(string key)
    {
        if (!_scanned)
        {
            InitialScan();
        }

        if (_index.TryGetValue(key, out var record))
        {
            return record;
        }

        // Another process may have written it since: read the packs that are new or grew, at most once per interval
        // so a burst of misses (a cold run) does not list the directory each time.
        if (!RescanDue())
        {
            return null;
        }

        lock (_gate)
        {
            if (!_disposed && RescanDue())
            {
                Scan();
            }
        }

        return _index.TryGetValue(key, out record) ? record : null;
    }

    /// <summary>The body of <paramref name="record"/>; null when its pack is gone (cache cleared or compacted) or unreadable.</summary>
    public byte[]? ReadBody(PackRecord record)
    {
        try
        {
            // Open handles keep reading unlinked files on Unix; a cleared cache must still mean "fetch again".
            if (!File.Exists(record.Pack.Path))
            {
                lock (_gate)
                {
                    Forget(record.Pack);
                    _rescanForced = true; // a compacting process may have moved the record to a new pack
                }

                return null;
            }

            var body = new byte[record.BodyLength];
            var read = 0;
            while (read < body.Length)
            {
                var n = RandomAccess.Read(record.Pack.Handle, body.AsSpan(read), record.BodyOffset + read);
                if (n <= 0)
                {
                    return null;
                }

                read += n;
            }

            return body;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Appends one record to this process's pack (created on the first write) and indexes it. Called only from the
    /// serialized background chain. Null when nothing was written.
    /// </summary>
    public PackRecord? Append(string key, DateTimeOffset cachedAt, string redactedUrl, byte[] body)
    {
        // A record the reader would call malformed would hide every record after it.
        if (_disposed || body.Length > PackFormat.MaxBodyBytes || Encoding.UTF8.GetByteCount(key) > PackFormat.MaxKeyBytes
            || Encoding.UTF8.GetByteCount(redactedUrl) > PackFormat.MaxKeyBytes || key.Length == 0)
        {
            return null;
        }

        try
        {
            // Deleted by "clear cache" or merged away by another process's compaction: start a new pack, or the
            // records would go to a file no one else can see.
            if (_writerPack is not null && !File.Exists(_writerPack.Path))
            {
                CloseWriter();
            }

            if (_writer is null && !OpenWriter())
            {
                return null;
            }

            var bytes = PackFormat.Encode(key, cachedAt, redactedUrl, body, withFileHeader: _writeOffset == 0);

            // One positional write per record, no user-space buffer: a reader in another process sees whole
            // records, or a tail it recognises as incomplete.
            RandomAccess.Write(_writer!, bytes, _writeOffset);
            _writeOffset += bytes.Length;
            var pack = _writerPack!;
            var record = new PackRecord(pack, _writeOffset - body.Length, body.Length, cachedAt, redactedUrl);
            lock (_gate)
            {
                if (_disposed || !_packs.TryGetValue(pack.Path, out var known) || known != pack)
                {
                    return null; // forgotten by a rescan that found it deleted
                }

                pack.ScannedLength = Math.Max(pack.ScannedLength, _writeOffset);
                Offer(key, record);
            }

            return record;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // A partial record may be on disk: never append after it.
            CloseWriter();
            return null;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            CloseWriter();
            foreach (var pack in _packs.Values)
            {
                pack.Dispose();
            }

            _packs.Clear();
            _index.Clear();
        }
    }

    private bool RescanDue() => _rescanForced || _time.GetElapsedTime(Interlocked.Read(ref _lastScan)) >= _rescanInterval;

    private void InitialScan()
    {
        bool compact;
        lock (_gate)
        {
            if (_scanned || _disposed)
            {
                return;
            }

            Scan();
            _scanned = true;
            compact = NeedsCompaction();
        }

        if (compact)
        {
            _background(Compact);
        }
    }

    private bool NeedsCompaction()
    {
        var mergeable = _packs.Values.Where(p => p.HasValidHeader).ToList();
        if (mergeable.Count < 2)
        {
            return false;
        }

        var total = mergeable.Sum(p => p.ScannedLength);
        var live = _index.Sum(e => (long)e.Value.BodyLength + (2 * e.Key.Length) + e.Value.RedactedUrl.Length + 48);
        return mergeable.Count > _compactPackCount || total - live > _compactSupersededBytes;
    }

    // Under _gate: lists the packs, forgets the deleted ones, indexes the records appended since the last scan.
    private void Scan()
    {
        Interlocked.Exchange(ref _lastScan, _time.GetTimestamp());
        _rescanForced = false;
        string[] paths;
        try
        {
            paths = Directory.GetFiles(_packsDirectory, "*.pack");
        }
        catch (DirectoryNotFoundException)
        {
            paths = [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        Array.Sort(paths, StringComparer.Ordinal); // the same order in every process (the newest record wins anyway)
        var present = new HashSet<string>(paths, StringComparer.Ordinal);
        foreach (var gone in _packs.Values.Where(p => !present.Contains(p.Path)).ToList())
        {
            Forget(gone);
        }

        foreach (var path in paths)
        {
            if (!_packs.TryGetValue(path, out var pack))
            {
                try
                {
                    pack = new PackFile(path, File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    continue;
                }

                _packs[path] = pack;
            }

            if (!pack.Broken)
            {
                ScanTail(pack);
            }
        }
    }

    private void ScanTail(PackFile pack)
    {
        try
        {
            var length = RandomAccess.GetLength(pack.Handle);
            if (pack.ScannedLength == 0)
            {
                var header = PackFormat.FileHeader;
                Span<byte> first = stackalloc byte[header.Length];
                var n = RandomAccess.Read(pack.Handle, first, 0);
                if (!first[..n].SequenceEqual(header[..n]))
                {
                    pack.Broken = true; // not a pack of this version: left alone
                    return;
                }

                if (n < header.Length)
                {
                    return; // a writer has just created it
                }

                pack.ScannedLength = header.Length;
            }

            var (end, malformed) = ScanRecords(pack.Handle, pack.ScannedLength, length, (start, h, key, url) =>
                Offer(key, new PackRecord(pack, start + h.BodyStart, h.BodyLength, h.CachedAt, url)));
            pack.ScannedLength = end;
            pack.Broken = malformed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // Unreadable now; the next scan tries again.
        }
    }

    /// <summary>
    /// Reads the record headers from <paramref name="start"/> to <paramref name="length"/>, skipping bodies. Stops at a
    /// record that is not whole (a writer killed or still writing: the tail may complete later) or malformed.
    /// </summary>
    private static (long End, bool Malformed) ScanRecords(SafeFileHandle handle, long start, long length,
        Action<long, PackFormat.RecordHeader, string, string> onRecord)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ScanBufferSize);
        long bufferStart = 0;
        var buffered = 0;
        try
        {
            var pos = start;
            while (pos < length)
            {
                var want = (int)Math.Min(PackFormat.MaxHeaderLine, length - pos);
                if (!Fill(pos, want))
                {
                    return (pos, false);
                }

                var status = PackFormat.TryParseHeader(buffer.AsSpan((int)(pos - bufferStart), want), want == length - pos, out var header);
                if (status != PackFormat.HeaderStatus.Ok)
                {
                    return (pos, status == PackFormat.HeaderStatus.Malformed);
                }

                if (pos + header.TotalLength > length || !Fill(pos, header.BodyStart))
                {
                    return (pos, false);
                }

                var at = (int)(pos - bufferStart) + header.LineLength;
                var key = Encoding.UTF8.GetString(buffer, at, header.KeyLength);
                var url = Encoding.UTF8.GetString(buffer, at + header.KeyLength, header.UrlLength);
                onRecord(pos, header, key, url);
                pos += header.TotalLength;
            }

            return (pos, false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        // Makes [from, from + count) available in the buffer, reading ahead as far as it holds.
        bool Fill(long from, int count)
        {
            if (from >= bufferStart && from + count <= bufferStart + buffered)
            {
                return true;
            }

            if (count > buffer.Length)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = ArrayPool<byte>.Shared.Rent(count);
            }

            bufferStart = from;
            buffered = 0;
            var target = (int)Math.Min(buffer.Length, length - from);
            while (buffered < target)
            {
                var n = RandomAccess.Read(handle, buffer.AsSpan(buffered, target - buffered), from + buffered);
                if (n <= 0)
                {
                    break; // the file shrank
                }

                buffered += n;
            }

            return buffered >= count;
        }
    }

    private void Offer(string key, PackRecord record) =>
        _index.AddOrUpdate(key, record, (_, old) => record.CachedAt >= old.CachedAt ? record : old);

    // Under _gate.
    private void Forget(PackFile pack)
    {
        if (!_packs.TryGetValue(pack.Path, out var known) || known != pack)
        {
            return;
        }

        _packs.Remove(pack.Path);
        foreach (var entry in _index)
        {
            if (entry.Value.Pack == pack)
            {
                _index.TryRemove(entry);
            }
        }

        pack.Dispose();
    }

    private bool OpenWriter()
    {
        Directory.CreateDirectory(_packsDirectory);

        // Unique per writer, so no two processes ever append to one file.
        var path = System.IO.Path.Combine(_packsDirectory, $"{Environment.ProcessId}-{Guid.NewGuid():N}.pack");
        var writer = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete);
        PackFile pack;
        try
        {
            pack = new PackFile(path, File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        }
        catch
        {
            writer.Dispose();
            throw;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                writer.Dispose();
                pack.Dispose();
                File.Delete(path);
                return false;
            }

            _packs[path] = pack;
        }

        _writer = writer;
        _writerPack = pack;
        _writeOffset = 0;
        return true;
    }

    // The pack stays indexed for reading: its whole records remain valid.
    private void CloseWriter()
    {
        _writer?.Dispose();
        _writer = null;
        _writerPack = null;
        _writeOffset = 0;
    }

    /// <summary>
    /// Merges every readable pack but this process's own into one holding the newest record per key (expired ones
    /// too: stale-if-error serves them), then deletes the merged packs. Another process's reads keep working (Unix
    /// unlink; FileShare.Delete on Windows); a pack that grew meanwhile is kept, since its writer is alive.
    /// </summary>
    private void Compact()
    {
        List<(PackFile Pack, long IndexedEnd, long Length)> sources;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            sources = [];
            foreach (var pack in _packs.Values.Where(p => p.HasValidHeader && p != _writerPack))
            {
                try
                {
                    sources.Add((pack, pack.ScannedLength, RandomAccess.GetLength(pack.Handle)));
                }
                catch (Exception ex) when (ex is IOException or ObjectDisposedException)
                {
                }
            }
        }

        if (sources.Count < 2)
        {
            return;
        }

        var path = System.IO.Path.Combine(_packsDirectory, $"{Environment.ProcessId}-{Guid.NewGuid():N}.pack");
        var merged = new List<PackFile>();
        try
        {
            var newest = new Dictionary<string, (PackFile Pack, long BodyOffset, PackFormat.RecordHeader Header, string Url)>(StringComparer.Ordinal);
            foreach (var (pack, end, _) in sources)
            {
                ScanRecords(pack.Handle, PackFormat.FileHeader.Length, end, (start, h, key, url) =>
                {
                    if (!newest.TryGetValue(key, out var seen) || h.CachedAt >= seen.Header.CachedAt)
                    {
                        newest[key] = (pack, start + h.BodyStart, h, url);
                    }
                });
            }

            using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete, ScanBufferSize))
            {
                var first = true;
                foreach (var (key, (pack, bodyOffset, header, url)) in newest)
                {
                    var body = new byte[header.BodyLength];
                    if (RandomAccess.Read(pack.Handle, body, bodyOffset) != body.Length)
                    {
                        throw new IOException("pack shrank while merging");
                    }

                    stream.Write(PackFormat.Encode(key, header.CachedAt, url, body, withFileHeader: first));
                    first = false;
                }
            }

            foreach (var (pack, _, length) in sources)
            {
                try
                {
                    if (RandomAccess.GetLength(pack.Handle) == length)
                    {
                        File.Delete(pack.Path);
                        merged.Add(pack);
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
                {
                    // In use on Windows without FileShare.Delete, or read-only: it stays, and is merged again later.
                }
            }

            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                // The new pack first, so every key of a merged pack is indexed there before the merged pack is forgotten.
                var result = new PackFile(path, File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
                _packs[path] = result;
                ScanTail(result);
                foreach (var pack in merged)
                {
                    Forget(pack);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            if (merged.Count == 0)
            {
                try
                {
                    File.Delete(path); // a partial merge would only duplicate records
                }
                catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
                {
                }
            }
        }
    }
}
