using System.Globalization;
using System.Text;
using GoModLens.Analysis.Ports;
using GoModLens.Infrastructure.Caching;
using GoModLens.Infrastructure.Http;
using GoModLens.TestUtilities;
using Microsoft.Extensions.Time.Testing;

namespace GoModLens.Analysis.Tests.Transport;

/// <summary>The on-disk side of <see cref="CachingTransport"/>: pack files shared by several writers, over a real loopback proxy.</summary>
public sealed class CachePackFileTests(FakeProxyFixture fixture) : IClassFixture<FakeProxyFixture>, IDisposable
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture);
    private readonly HttpProxyTransport _http = new(new HttpTransportOptions { MaxRetries = 0 });

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task A_new_instance_over_the_same_directory_answers_every_entry_from_disk()
    {
        var dir = GoOracle.NewScratchDir("pack-warm");
        // Bodies from empty to larger than the scan buffer, so skipping bodies crosses buffer refills.
        var modules = Enumerable.Range(0, 12).Select(i => Publish("warm", i switch { 0 => "", 1 => new string('x', 300_000), _ => $"v1.{i}.0\n" })).ToList();
        using (var writer = new CachingTransport(_http, new CacheOptions { Directory = dir }))
        {
            await Task.WhenAll(modules.Select(m => writer.GetAsync(m.Request, CancellationToken.None).AsTask()));
        }

        Assert.Single(Directory.GetFiles(Path.Combine(dir, "packs"), "*.pack"));
        Assert.Empty(Directory.EnumerateFiles(dir, "*.entry", SearchOption.AllDirectories));
        var before = fixture.Proxy.Requests.Count;
        using var reader = new CachingTransport(_http, new CacheOptions { Directory = dir });
        foreach (var m in modules)
        {
            var hit = await reader.GetAsync(m.Request, CancellationToken.None);
            Assert.Equal(FailureKind.None, hit.Kind);
            Assert.NotNull(hit.CachedAt);
            Assert.Equal(m.Body, hit.Body);
        }

        Assert.Equal(before, fixture.Proxy.Requests.Count);
    }

    [Fact]
    public async Task Two_live_writers_share_a_directory_and_see_each_others_entries()
    {
        var dir = GoOracle.NewScratchDir("pack-two");
        var time = new FakeTimeProvider(Start);
        var options = new CacheOptions { Directory = dir, TimeProvider = time };
        var (a1, b1, b2) = (Publish("two-a"), Publish("two-b"), Publish("two-b2"));
        using var a = new CachingTransport(_http, options);
        using var b = new CachingTransport(_http, options);
        await a.GetAsync(a1.Request, CancellationToken.None);
        await b.GetAsync(b1.Request, CancellationToken.None);
        await Task.WhenAll(a.FlushAsync(), b.FlushAsync());
        Assert.Equal(2, Directory.GetFiles(Path.Combine(dir, "packs"), "*.pack").Length);

        using (var third = new CachingTransport(_http, options))
        {
            Assert.Equal(a1.Body, (await third.GetAsync(a1.Request, CancellationToken.None)).Body);
            Assert.Equal(b1.Body, (await third.GetAsync(b1.Request, CancellationToken.None)).Body);
        }

        Assert.Equal(1, RequestsFor(a1));
        Assert.Equal(1, RequestsFor(b1));

        // b1 was appended after a's first scan: a's miss reads the tail of b's pack (once the throttle allows).
        time.Advance(TimeSpan.FromSeconds(2));
        var seen = await a.GetAsync(b1.Request, CancellationToken.None);
        Assert.Equal(b1.Body, seen.Body);
        Assert.NotNull(seen.CachedAt);
        Assert.Equal(1, RequestsFor(b1));

        // Within the throttle a miss does not re-read the directory: it asks the proxy.
        await b.GetAsync(b2.Request, CancellationToken.None);
        await b.FlushAsync();
        await a.GetAsync(b2.Request, CancellationToken.None);
        Assert.Equal(2, RequestsFor(b2));
    }

    [Fact]
    public async Task A_pack_cut_inside_its_last_record_serves_the_earlier_records_and_refetches_the_last()
    {
        var source = GoOracle.NewScratchDir("pack-cut-src");
        var (first, second, last) = (Publish("cut-1"), Publish("cut-2"), Publish("cut-3", "v1.0.0\nv1.1.0\nv1.2.0\n"));
        long lastStart;
        using (var writer = new CachingTransport(_http, new CacheOptions { Directory = source }))
        {
            await writer.GetAsync(first.Request, CancellationToken.None);
            await writer.GetAsync(second.Request, CancellationToken.None);
            await writer.FlushAsync();
            lastStart = new FileInfo(Directory.GetFiles(Path.Combine(source, "packs"), "*.pack").Single()).Length;
            await writer.GetAsync(last.Request, CancellationToken.None);
        }

        var bytes = await File.ReadAllBytesAsync(Directory.GetFiles(Path.Combine(source, "packs"), "*.pack").Single());
        var headerEnd = Array.IndexOf(bytes, (byte)'\n', (int)lastStart) + 1;
        long[] cuts = [lastStart + 1, lastStart + 2, lastStart + 7, headerEnd - 1, headerEnd, headerEnd + 5, bytes.Length - last.Body.Length, bytes.Length - 1];
        foreach (var cut in cuts)
        {
            var dir = GoOracle.NewScratchDir("pack-cut");
            Directory.CreateDirectory(Path.Combine(dir, "packs"));
            await File.WriteAllBytesAsync(Path.Combine(dir, "packs", "killed.pack"), bytes[..(int)cut]);
            var requests = RequestsFor(last);
            using var cache = new CachingTransport(_http, new CacheOptions { Directory = dir });
            Assert.Equal(first.Body, (await cache.GetAsync(first.Request, CancellationToken.None)).Body);
            Assert.Equal(second.Body, (await cache.GetAsync(second.Request, CancellationToken.None)).Body);
            var refetched = await cache.GetAsync(last.Request, CancellationToken.None);
            Assert.Equal(last.Body, refetched.Body);
            Assert.Null(refetched.CachedAt);
            Assert.Equal(requests + 1, RequestsFor(last));
        }

        Assert.Equal(1, RequestsFor(first));
        Assert.Equal(1, RequestsFor(second));
    }

    [Fact]
    public async Task Garbage_in_the_packs_directory_is_ignored()
    {
        var dir = GoOracle.NewScratchDir("pack-garbage");
        var good = Publish("garbage-good");
        var other = Publish("garbage-other");
        using (var writer = new CachingTransport(_http, new CacheOptions { Directory = dir }))
        {
            await writer.GetAsync(good.Request, CancellationToken.None);
        }

        var packs = Path.Combine(dir, "packs");
        await File.WriteAllBytesAsync(Path.Combine(packs, "random.pack"), Enumerable.Range(0, 5000).Select(i => (byte)(i * 7919)).ToArray());
        await File.WriteAllTextAsync(Path.Combine(packs, "bad-record.pack"), "gomodlens-pack 1\nR 12 -5 3 0\nabc");
        await File.WriteAllTextAsync(Path.Combine(packs, "huge-length.pack"), "gomodlens-pack 1\nR 1 99999999999999 3 0\nabc");
        await File.WriteAllTextAsync(Path.Combine(packs, "notes.txt"), "not a pack");
        await File.WriteAllBytesAsync(Path.Combine(packs, "empty.pack"), []);

        using var cache = new CachingTransport(_http, new CacheOptions { Directory = dir });
        Assert.Equal(good.Body, (await cache.GetAsync(good.Request, CancellationToken.None)).Body);
        Assert.Equal(other.Body, (await cache.GetAsync(other.Request, CancellationToken.None)).Body);
        await cache.FlushAsync();
        Assert.Equal(1, RequestsFor(good));
        Assert.True(File.Exists(Path.Combine(packs, "random.pack")));
    }

    [Fact]
    public async Task Many_packs_are_merged_into_one_keeping_the_newest_record_of_each_key()
    {
        var dir = GoOracle.NewScratchDir("pack-compact");
        var time = new FakeTimeProvider(Start);
        var options = new CacheOptions { Directory = dir, TimeProvider = time };
        // One list written three times: "old" (an hour before, in a pack written elsewhere and moved in), "v1", and
        // "v2" an hour later (the list's TTL expired, so it was fetched again).
        var twice = Publish("compact-twice", "v1.0.0\n", endpoint: ProxyEndpoint.List);
        var elsewhere = GoOracle.NewScratchDir("pack-elsewhere");
        await File.WriteAllTextAsync(twice.File, "old\n");
        using (var writer = new CachingTransport(_http, options with { Directory = elsewhere, TimeProvider = new FakeTimeProvider(Start - TimeSpan.FromHours(1)) }))
        {
            await writer.GetAsync(twice.Request, CancellationToken.None);
        }

        Directory.CreateDirectory(Path.Combine(dir, "packs"));
        File.Move(Directory.GetFiles(Path.Combine(elsewhere, "packs")).Single(), Path.Combine(dir, "packs", "moved.pack"));
        await File.WriteAllTextAsync(twice.File, "v1.0.0\n");
        using (var writer = new CachingTransport(_http, options))
        {
            await writer.GetAsync(twice.Request, CancellationToken.None);
        }

        time.Advance(TimeSpan.FromHours(1));
        await File.WriteAllTextAsync(twice.File, "v1.0.0\nv2.0.0\n");
        using (var writer = new CachingTransport(_http, options))
        {
            var refetched = await writer.GetAsync(twice.Request, CancellationToken.None);
            Assert.Null(refetched.CachedAt);
        }

        // 17 packs in all: one more than a cache keeps unmerged. Each writer's first scan saw at most 16.
        var singles = Enumerable.Range(0, 14).Select(i => Publish("compact")).ToList();
        foreach (var m in singles)
        {
            using var writer = new CachingTransport(_http, options);
            await writer.GetAsync(m.Request, CancellationToken.None);
        }

        var packs = Path.Combine(dir, "packs");
        Assert.Equal(17, Directory.GetFiles(packs, "*.pack").Length);
        var oldLayout = Path.Combine(dir, "ab", "ab12.entry"); // the one-file-per-entry layout: never read, never deleted
        Directory.CreateDirectory(Path.GetDirectoryName(oldLayout)!);
        await File.WriteAllTextAsync(oldLayout, "gomodlens-cache-entry 1\n");
        time.Advance(TimeSpan.FromMinutes(1));
        var requests = fixture.Proxy.Requests.Count;
        using (var compacting = new CachingTransport(_http, options))
        {
            Assert.Equal("v1.0.0\nv2.0.0\n"u8.ToArray(), (await compacting.GetAsync(twice.Request, CancellationToken.None)).Body);
            await compacting.FlushAsync(); // the merge runs after the queued writes
            Assert.Single(Directory.GetFiles(packs, "*.pack"));
            foreach (var m in singles)
            {
                Assert.Equal(m.Body, (await compacting.GetAsync(m.Request, CancellationToken.None)).Body);
            }
        }

        using var after = new CachingTransport(_http, options);
        var newest = await after.GetAsync(twice.Request, CancellationToken.None);
        Assert.Equal("v1.0.0\nv2.0.0\n"u8.ToArray(), newest.Body);
        Assert.Equal(Start + TimeSpan.FromHours(1), newest.CachedAt);
        foreach (var m in singles)
        {
            Assert.Equal(m.Body, (await after.GetAsync(m.Request, CancellationToken.None)).Body);
        }

        Assert.Equal(requests, fixture.Proxy.Requests.Count);
        Assert.Single(Directory.GetFiles(packs, "*.pack"));
        Assert.True(File.Exists(oldLayout));
    }

    [Fact]
    public async Task The_newest_record_of_a_key_wins_whichever_pack_is_read_last()
    {
        var dir = GoOracle.NewScratchDir("pack-newest");
        var list = Publish("newest", "v1.0.0\n", endpoint: ProxyEndpoint.List);
        var packs = Path.Combine(dir, "packs");
        Directory.CreateDirectory(packs);
        foreach (var (name, body, at) in new[] { ("a", "v1.0.0\nv3.0.0\n", Start + TimeSpan.FromHours(2)), ("m", "v1.0.0\n", Start), ("z", "v1.0.0\nv2.0.0\n", Start + TimeSpan.FromHours(1)) })
        {
            var side = GoOracle.NewScratchDir("pack-side");
            await File.WriteAllTextAsync(list.File, body);
            using (var writer = new CachingTransport(_http, new CacheOptions { Directory = side, TimeProvider = new FakeTimeProvider(at) }))
            {
                await writer.GetAsync(list.Request, CancellationToken.None);
            }

            File.Move(Directory.GetFiles(Path.Combine(side, "packs")).Single(), Path.Combine(packs, name + ".pack"));
        }

        using var cache = new CachingTransport(_http, new CacheOptions { Directory = dir, TimeProvider = new FakeTimeProvider(Start + TimeSpan.FromHours(2)) });
        var hit = await cache.GetAsync(list.Request, CancellationToken.None);
        Assert.Equal("v1.0.0\nv3.0.0\n"u8.ToArray(), hit.Body);
        Assert.Equal(Start + TimeSpan.FromHours(2), hit.CachedAt);
        Assert.Equal(3, RequestsFor(list));
    }

    [Fact]
    public async Task Clearing_the_directory_under_a_live_instance_refetches_and_writes_a_new_pack()
    {
        var dir = GoOracle.NewScratchDir("pack-cleared");
        var modules = Enumerable.Range(0, 3).Select(_ => Publish("cleared")).ToList();
        using var cache = new CachingTransport(_http, new CacheOptions { Directory = dir });
        foreach (var m in modules)
        {
            await cache.GetAsync(m.Request, CancellationToken.None);
        }

        await cache.FlushAsync();
        Directory.Delete(dir, recursive: true);
        foreach (var m in modules)
        {
            var again = await cache.GetAsync(m.Request, CancellationToken.None);
            Assert.Equal(m.Body, again.Body);
            Assert.Null(again.CachedAt);
            Assert.Equal(2, RequestsFor(m));
        }

        await cache.FlushAsync();
        Assert.Single(Directory.GetFiles(Path.Combine(dir, "packs"), "*.pack"));
        using var restarted = new CachingTransport(_http, new CacheOptions { Directory = dir });
        foreach (var m in modules)
        {
            Assert.Equal(m.Body, (await restarted.GetAsync(m.Request, CancellationToken.None)).Body);
            Assert.Equal(2, RequestsFor(m));
        }
    }

    [Fact]
    public async Task Once_written_a_body_leaves_memory_and_hits_read_it_back_from_the_pack()
    {
        var dir = GoOracle.NewScratchDir("pack-memory");
        var modules = Enumerable.Range(0, 5).Select(i => Publish("memory", string.Concat(Enumerable.Repeat($"v1.{i}.0\n", i + 1)))).ToList();
        using var cache = new CachingTransport(_http, new CacheOptions { Directory = dir });
        await Task.WhenAll(modules.Select(m => cache.GetAsync(m.Request, CancellationToken.None).AsTask()));
        await cache.FlushAsync();
        Assert.Equal(0, cache.BodiesInMemory);
        foreach (var m in modules)
        {
            var hit = await cache.GetAsync(m.Request, CancellationToken.None);
            Assert.Equal(m.Body, hit.Body);
            Assert.NotNull(hit.CachedAt);
            Assert.Equal(1, RequestsFor(m));
        }

        // Without a directory there is nowhere else to keep them.
        using var memoryOnly = new CachingTransport(_http, new CacheOptions { Directory = null });
        await memoryOnly.GetAsync(modules[0].Request, CancellationToken.None);
        Assert.Equal(1, memoryOnly.BodiesInMemory);
    }

    [Fact]
    public async Task A_disposed_instance_still_answers_and_writes_nothing()
    {
        var dir = GoOracle.NewScratchDir("pack-disposed");
        var (before, after) = (Publish("disposed-1"), Publish("disposed-2"));
        var cache = new CachingTransport(_http, new CacheOptions { Directory = dir });
        await cache.GetAsync(before.Request, CancellationToken.None);
        cache.Dispose();
        var pack = Directory.GetFiles(Path.Combine(dir, "packs")).Single();
        var length = new FileInfo(pack).Length;

        Assert.Equal(before.Body, (await cache.GetAsync(before.Request, CancellationToken.None)).Body);
        Assert.Equal(after.Body, (await cache.GetAsync(after.Request, CancellationToken.None)).Body);
        await cache.FlushAsync();
        Assert.Equal([pack], Directory.GetFiles(Path.Combine(dir, "packs")));
        Assert.Equal(length, new FileInfo(pack).Length);
    }

    private int RequestsFor(Published module) => fixture.Proxy.Requests.Count(r => r.Path == module.Path);

    // A module file of its own in the proxy's tree, so requests can be counted per test and bodies changed.
    private Published Publish(string name, string? body = null, ProxyEndpoint endpoint = ProxyEndpoint.Info)
    {
        var module = $"example.com/pack-{name}-{Guid.NewGuid():N}";
        var file = endpoint == ProxyEndpoint.List ? "list" : "v1.0.0.info";
        var path = Path.Combine(fixture.Proxy.Root, module, "@v", file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        body ??= $"{{\"Version\":\"v1.0.0\",\"Origin\":\"{module}\"}}";
        File.WriteAllText(path, body);
        var rel = $"/ok/{module}/@v/{file}";
        return new Published(new ProxyRequest(new Uri(fixture.Proxy.HttpBase, rel), endpoint), rel, path, Encoding.UTF8.GetBytes(body));
    }

    private sealed record Published(ProxyRequest Request, string Path, string File, byte[] Body);
}
