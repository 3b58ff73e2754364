using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GoModLens.Analysis.Ports;
using GoModLens.Infrastructure.Classification;

namespace GoModLens.Infrastructure.Caching;

/// <summary>
/// Decorator: one in-flight request per URL (concurrent callers share it), memory + disk cache with a TTL per endpoint,
/// and stale-if-error — when a live fetch fails for a reason other than "not found", the last good body is returned
/// with its <see cref="FetchResult.CachedAt"/> and a note carrying the live error. Disk writes happen in the background,
/// one at a time, so a response reaches its caller without waiting for the file system; dispose (or
/// <see cref="FlushAsync"/>) to wait for them.
/// </summary>
public sealed class CachingTransport(IProxyTransport inner, CacheOptions options) : IProxyTransport, IDisposable
{
    private static readonly TimeSpan DisposeFlushLimit = TimeSpan.FromSeconds(5);
    private readonly Lock _writeLock = new();
    private Task _pendingWrites = Task.CompletedTask;
    private readonly ConcurrentDictionary<string, Lazy<Task<FetchResult>>> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry> _memory = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FetchResult> _notFound = new(StringComparer.Ordinal);
    private const string EntryFormat = "gomodlens-cache-entry 1";
    private const string EntryExtension = ".entry";
    private readonly TimeProvider _time = options.TimeProvider;

    public async ValueTask<FetchResult> GetAsync(ProxyRequest request, CancellationToken cancellationToken)
    {
        // A file:// proxy is a directory on this machine: go reads it afresh every time, and a copy in memory or on
        // disk would only cost (in a 50-file workspace, tens of MB of duplicated bodies).
        if (request.Url.IsFile)
        {
            return await inner.GetAsync(request, cancellationToken);
        }

        // Keyed by the URL without credentials: the same resource whoever asks.
        var key = UrlRedaction.WithoutUserInfo(request.Url).AbsoluteUri;
        var ttl = options.Ttl(request.Endpoint);
        var cached = ttl > TimeSpan.Zero ? Lookup(key) : null;
        if (cached is not null && IsFresh(cached, ttl))
        {
            return Hit(cached, request);
        }

        if (_notFound.TryGetValue(key, out var missing))
        {
            if (missing.CachedAt is { } at && _time.GetUtcNow() - at < options.NotFoundTtl)
            {
                return missing with { Elapsed = TimeSpan.Zero };
            }

            _notFound.TryRemove(key, out _); // expired: the fetch below asks again
        }

        var lazy = _inFlight.GetOrAdd(key, _ => new Lazy<Task<FetchResult>>(() => FetchAndStoreAsync(request, key, ttl)));
        var result = await lazy.Value.WaitAsync(cancellationToken);
        if (!result.IsSuccess && !result.IsNotFound && cached is not null)
        {
            return Hit(cached, request) with
            {
                Note = $"stale: live fetch failed ({result.Kind}): {result.GoError}",
            };
        }

        return result;
    }

    private async Task<FetchResult> FetchAndStoreAsync(ProxyRequest request, string key, TimeSpan ttl)
    {
        try
        {
            // A fetch of the same URL may have finished between this caller's lookup and its GetOrAdd (it was no
            // longer in flight, but its entry is stored now): answer from memory instead of asking a second time.
            if (ttl > TimeSpan.Zero && _memory.TryGetValue(key, out var stored) && IsFresh(stored, ttl))
            {
                return Hit(stored, request);
            }

            // Not tied to any one caller's token: other callers may still be waiting for this fetch.
            var result = await inner.GetAsync(request, CancellationToken.None);
            if (result.IsSuccess && ttl > TimeSpan.Zero && result.Body is { } body)
            {
                var entry = new Entry(body, _time.GetUtcNow(), result.RedactedUrl);
                _memory[key] = entry;
                QueueWrite(key, entry);
            }
            else if (result.IsNotFound && options.NotFoundTtl > TimeSpan.Zero)
            {
                _notFound[key] = result with { CachedAt = _time.GetUtcNow() };
            }
            else if (result.IsSuccess)
            {
                _notFound.TryRemove(key, out _);
            }

            return result;
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
        }
    }

    /// <summary>Completes when every entry fetched so far is on disk (or failed to be written).</summary>
    public Task FlushAsync()
    {
        lock (_writeLock)
        {
            return _pendingWrites;
        }
    }

    /// <summary>Waits (bounded) for the queued disk writes: the CLI exits right after its run.</summary>
    public void Dispose() => FlushAsync().Wait(DisposeFlushLimit);

    // Synchronous file creation on the fetch path blocked thread-pool threads: with hundreds of responses arriving
    // together, a cold run spent more time opening cache files than waiting for the network (docs/benchmarks.md).
    private void QueueWrite(string key, Entry entry)
    {
        if (options.Directory is null)
        {
            return;
        }

        lock (_writeLock)
        {
            _pendingWrites = _pendingWrites.ContinueWith(_ => WriteDisk(key, entry), CancellationToken.None,
                TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private bool IsFresh(Entry entry, TimeSpan ttl) => ttl == TimeSpan.MaxValue || _time.GetUtcNow() - entry.CachedAt < ttl;

    private static FetchResult Hit(Entry entry, ProxyRequest request) =>
        new(FailureKind.None, UrlRedaction.Redacted(request.Url), entry.Body, 200, "OK", null, null, TimeSpan.Zero, CachedAt: entry.CachedAt);

    private Entry? Lookup(string key)
    {
        if (_memory.TryGetValue(key, out var entry))
        {
            return entry;
        }

        entry = ReadDisk(key);
        if (entry is not null)
        {
            _memory[key] = entry;
        }

        return entry;
    }

    private string? PathFor(string key)
    {
        if (options.Directory is null)
        {
            return null;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return Path.Combine(options.Directory, hash[..2], hash);
    }

    // One file per entry — a header (format, time, key, redacted URL; one line each) and the body — so a warm run costs
    // one read per entry and no JSON; entries of the older two-file layout are simply not found.
    private void WriteDisk(string key, Entry entry)
    {
        if (PathFor(key) is not { } path)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var header = Encoding.UTF8.GetBytes(string.Join('\n', EntryFormat,
                entry.CachedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), key, entry.RedactedUrl) + "\n");
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096))
            {
                stream.Write(header);
                stream.Write(entry.Body);
            }

            File.Move(temp, path + EntryExtension, overwrite: true);
        }
        catch (IOException)
        {
            // A cache that cannot be written is just a smaller cache.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private Entry? ReadDisk(string key)
    {
        if (PathFor(key) is not { } path || !File.Exists(path + EntryExtension))
        {
            return null;
        }

        try
        {
            return ParseEntry(File.ReadAllBytes(path + EntryExtension), key);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static Entry? ParseEntry(byte[] data, string key)
    {
        var lines = new string[4];
        var offset = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var end = Array.IndexOf(data, (byte)'\n', offset);
            if (end < 0)
            {
                return null;
            }

            lines[i] = Encoding.UTF8.GetString(data, offset, end - offset);
            offset = end + 1;
        }

        return lines[0] == EntryFormat && lines[2] == key
            && long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new Entry(data[offset..], new DateTimeOffset(ticks, TimeSpan.Zero), lines[3])
            : null;
    }

    private sealed record Entry(byte[] Body, DateTimeOffset CachedAt, string RedactedUrl);

}
