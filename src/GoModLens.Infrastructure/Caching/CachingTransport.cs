using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GoModLens.Analysis.Ports;
using GoModLens.Infrastructure.Classification;

namespace GoModLens.Infrastructure.Caching;

/// <summary>
/// Decorator: one in-flight request per URL (concurrent callers share it), memory + disk cache with a TTL per endpoint,
/// and stale-if-error — when a live fetch fails for a reason other than "not found", the last good body is returned
/// with its <see cref="FetchResult.CachedAt"/> and a note carrying the live error.
/// </summary>
public sealed class CachingTransport(IProxyTransport inner, CacheOptions options) : IProxyTransport
{
    private readonly ConcurrentDictionary<string, Lazy<Task<FetchResult>>> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry> _memory = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = options.TimeProvider;

    public async ValueTask<FetchResult> GetAsync(ProxyRequest request, CancellationToken cancellationToken)
    {
        // Keyed by the URL without credentials: the same resource whoever asks.
        var key = UrlRedaction.WithoutUserInfo(request.Url).AbsoluteUri;
        var ttl = options.Ttl(request.Endpoint);
        var cached = ttl > TimeSpan.Zero ? Lookup(key) : null;
        if (cached is not null && IsFresh(cached, ttl))
        {
            return Hit(cached, request);
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
            // Not tied to any one caller's token: other callers may still be waiting for this fetch.
            var result = await inner.GetAsync(request, CancellationToken.None);
            if (result.IsSuccess && ttl > TimeSpan.Zero && result.Body is { } body)
            {
                var entry = new Entry(body, _time.GetUtcNow(), result.RedactedUrl);
                _memory[key] = entry;
                WriteDisk(key, entry);
            }

            return result;
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
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

    private void WriteDisk(string key, Entry entry)
    {
        if (PathFor(key) is not { } path)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllBytes(temp, entry.Body);
            File.Move(temp, path + ".body", overwrite: true);
            var meta = JsonSerializer.Serialize(new DiskMeta(key, entry.CachedAt, entry.RedactedUrl));
            File.WriteAllText(temp, meta);
            File.Move(temp, path + ".json", overwrite: true);
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
        if (PathFor(key) is not { } path || !File.Exists(path + ".json") || !File.Exists(path + ".body"))
        {
            return null;
        }

        try
        {
            var meta = JsonSerializer.Deserialize<DiskMeta>(File.ReadAllText(path + ".json"));
            return meta is null || meta.Key != key ? null : new Entry(File.ReadAllBytes(path + ".body"), meta.CachedAt, meta.RedactedUrl);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed record Entry(byte[] Body, DateTimeOffset CachedAt, string RedactedUrl);

    private sealed record DiskMeta(string Key, DateTimeOffset CachedAt, string RedactedUrl);
}
