using System.Collections.Concurrent;
using GoModLens.Analysis.Ports;
using GoModLens.Infrastructure.Classification;

namespace GoModLens.Infrastructure.Caching;

/// <summary>
/// Decorator: one in-flight request per URL (concurrent callers share it), memory + disk cache with a TTL per endpoint,
/// and stale-if-error — when a live fetch fails for a reason other than the proxy's own "not found" or refusal
/// (401/403, which go reports as they are), the last good body is returned with its <see cref="FetchResult.CachedAt"/>
/// and a note carrying the live error. Disk writes (appends to this
/// instance's pack, see <see cref="PackFileStore"/>) happen in the background, one at a time, so a response reaches its
/// caller without waiting for the file system; dispose (or <see cref="FlushAsync"/>) to wait for them. Once written, a
/// body is read back from its pack when asked for instead of being kept in memory.
/// </summary>
public sealed class CachingTransport : IProxyTransport, IDisposable
{
    private static readonly TimeSpan DisposeFlushLimit = TimeSpan.FromSeconds(5);
    private readonly IProxyTransport _inner;
    private readonly CacheOptions _options;
    private readonly Lock _writeLock = new();
    private Task _pendingWrites = Task.CompletedTask;
    private readonly ConcurrentDictionary<string, Lazy<Task<FetchResult>>> _inFlight = new(StringComparer.Ordinal);

    // Bodies not on disk: memory-only caches, writes still queued, and writes that failed.
    private readonly ConcurrentDictionary<string, Entry> _memory = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FetchResult> _notFound = new(StringComparer.Ordinal);
    private readonly PackFileStore? _store;
    private readonly TimeProvider _time;

    public CachingTransport(IProxyTransport inner, CacheOptions options)
    {
        _inner = inner;
        _options = options;
        _time = options.TimeProvider;
        _store = options.Directory is { } directory ? new PackFileStore(directory, options, QueueBackground) : null;
    }

    /// <summary>Entries whose body is held in memory (not yet, or never, on disk).</summary>
    internal int BodiesInMemory => _memory.Count;

    public async ValueTask<FetchResult> GetAsync(ProxyRequest request, CancellationToken cancellationToken)
    {
        // A file:// proxy is a directory on this machine: go reads it afresh every time, and a copy in memory or on
        // disk would only cost (in a 50-file workspace, tens of MB of duplicated bodies).
        if (request.Url.IsFile)
        {
            return await _inner.GetAsync(request, cancellationToken);
        }

        // Keyed by the URL without credentials: the same resource whoever asks.
        var key = UrlRedaction.WithoutUserInfo(request.Url).AbsoluteUri;
        var ttl = _options.Ttl(request.Endpoint);
        var cached = ttl > TimeSpan.Zero ? Lookup(key) : null;
        if (cached is not null && IsFresh(cached, ttl) && BodyOf(key, cached) is { } body)
        {
            return Hit(cached, body, request);
        }

        if (_notFound.TryGetValue(key, out var missing))
        {
            if (missing.CachedAt is { } at && _time.GetUtcNow() - at < _options.NotFoundTtl)
            {
                return missing with { Elapsed = TimeSpan.Zero };
            }

            _notFound.TryRemove(key, out _); // expired: the fetch below asks again
        }

        var lazy = _inFlight.GetOrAdd(key, _ => new Lazy<Task<FetchResult>>(() => FetchAndStoreAsync(request, key, ttl)));
        var result = await lazy.Value.WaitAsync(cancellationToken);
        if (!result.IsSuccess && !result.IsNotFound && result.Kind is not (FailureKind.Unauthorized or FailureKind.Forbidden)
            && cached is not null && BodyOf(key, cached) is { } stale)
        {
            return Hit(cached, stale, request) with
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
            // longer in flight, but its entry is stored now): answer from the cache instead of asking a second time.
            if (ttl > TimeSpan.Zero && Lookup(key) is { } stored && IsFresh(stored, ttl) && BodyOf(key, stored) is { } storedBody)
            {
                return Hit(stored, storedBody, request);
            }

            // Not tied to any one caller's token: other callers may still be waiting for this fetch.
            var result = await _inner.GetAsync(request, CancellationToken.None);
            if (result.IsSuccess && ttl > TimeSpan.Zero && result.Body is { } body)
            {
                var entry = new Entry(body, null, _time.GetUtcNow(), result.RedactedUrl);
                _memory[key] = entry;
                QueueWrite(key, entry);
            }
            else if (result.IsNotFound && _options.NotFoundTtl > TimeSpan.Zero)
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
    public void Dispose()
    {
        FlushAsync().Wait(DisposeFlushLimit);
        _store?.Dispose();
    }

    // Synchronous file writes on the fetch path blocked thread-pool threads: with hundreds of responses arriving
    // together, a cold run spent more time writing the cache than waiting for the network (docs/benchmarks.md).
    private void QueueWrite(string key, Entry entry)
    {
        if (_store is not null)
        {
            QueueBackground(() => WriteDisk(_store, key, entry));
        }
    }

    private void QueueBackground(Action work)
    {
        lock (_writeLock)
        {
            _pendingWrites = _pendingWrites.ContinueWith(_ => work(), CancellationToken.None,
                TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private void WriteDisk(PackFileStore store, string key, Entry entry)
    {
        if (store.Append(key, entry.CachedAt, entry.RedactedUrl, entry.Body!) is not null)
        {
            // On disk and indexed: drop the body from memory unless a newer fetch replaced the entry meanwhile.
            _memory.TryRemove(KeyValuePair.Create(key, entry));
        }
    }

    private bool IsFresh(Entry entry, TimeSpan ttl) => ttl == TimeSpan.MaxValue || _time.GetUtcNow() - entry.CachedAt < ttl;

    private static FetchResult Hit(Entry entry, byte[] body, ProxyRequest request) =>
        new(FailureKind.None, UrlRedaction.Redacted(request.Url), body, 200, "OK", null, null, TimeSpan.Zero, CachedAt: entry.CachedAt);

    private Entry? Lookup(string key)
    {
        if (_memory.TryGetValue(key, out var entry))
        {
            return entry;
        }

        return _store?.Find(key) is { } record ? new Entry(null, record, record.CachedAt, record.RedactedUrl) : null;
    }

    // Null when the pack holding the body vanished (cache cleared, or compacted by another process and the record
    // is not found again): the caller treats it as a miss.
    private byte[]? BodyOf(string key, Entry entry)
    {
        if (entry.Body is { } body)
        {
            return body;
        }

        if (_store is null || entry.OnDisk is not { } record)
        {
            return null;
        }

        if (_store.ReadBody(record) is { } read)
        {
            return read;
        }

        return _store.Find(key) is { } moved && moved != record && moved.CachedAt == record.CachedAt ? _store.ReadBody(moved) : null;
    }

    /// <summary>A cached response: its body in memory, or where it is on disk.</summary>
    private sealed record Entry(byte[]? Body, PackRecord? OnDisk, DateTimeOffset CachedAt, string RedactedUrl);
}
