using System.Collections.Concurrent;
using System.Text;
using GoModLens.Analysis.Ports;
using GoModLens.Analysis.ProxyConfig;
using GoModLens.ModFile.Module;
using GoModLens.ModFile.SumDb;

namespace GoModLens.Analysis.GoSum;

/// <summary>
/// go's checksum-database client (cmd/go modfetch/sumdb.go over x/mod/sumdb.Client; go makes one per command, the
/// resolver keeps one a few minutes per GOSUMDB and GOPROXY): GOSUMDB parsed
/// as go's dbDial does (the key go knows for sum.golang.org), the database found once (its own URL, or the first
/// GOPROXY entry that proxies it), and every lookup verified as go verifies it: the answer is a record and a signed
/// tree head; the signature must be the GOSUMDB key's, the tree must extend the latest one seen (go's
/// GOPATH/pkg/sumdb/&lt;name&gt;/latest, then every answer since), and the record must be in that tree, proved through
/// its tiles. go's module-cache copies of lookups and tiles are read first. Nothing is written: go's files stay go's.
/// Each lookup has the per-module budget proxy requests have (go has none): a database that does not answer is a
/// timeout in go's words, not a check that waits out the transport's own deadlines.
/// </summary>
public sealed class ChecksumDatabaseClient
{
    /// <summary>cmd/go's knownGOSUMDB: the databases GOSUMDB may name without a key.</summary>
    public static IReadOnlyDictionary<string, string> KnownKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sum.golang.org"] = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8",
    };

    private const int TileHeight = 8; // sumdb.Client's default, which go uses

    private static readonly AsyncLocal<LookupState?> s_lookup = new(); // the lookup running on this flow

    private readonly ProxySettings _settings;
    private readonly NoteVerifier _verifier;
    private readonly string? _explicitUrl;
    private readonly IProxyTransport _transport;
    private readonly IModuleCache? _goFiles;
    private readonly Lock _latestLock = new();
    private readonly ConcurrentDictionary<TlogTile, Task<(byte[]? Data, string? Error)>> _tiles = new();
    private readonly ConcurrentDictionary<string, byte[]> _verifiedRecords = new(StringComparer.Ordinal); // go's record parCache, successes only
    private readonly Lazy<Task<string?>> _init;
    private Lazy<Task<DatabaseBase>>? _base;
    private long _baseAt;
    private TlogTree _latest = new(0, TlogHash.Empty);
    private byte[] _latestNote = [];
    private int _requests;
    private (ChecksumDatabaseLookup Lookup, long At)? _unreachable; // guarded by _latestLock
    private volatile string? _lastSent; // the redacted URL of the request sent last, by any lookup

    /// <summary>How long one failure to reach the database answers later lookups (one check's worth, not a network change's).</summary>
    private static readonly TimeSpan UnreachableFor = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time;

    private ChecksumDatabaseClient(ProxySettings settings, NoteVerifier verifier, string? explicitUrl, IProxyTransport transport, IModuleCache? goFiles,
        TimeProvider time, TimeSpan? budget)
    {
        _time = time;
        Budget = budget;
        _settings = settings;
        _verifier = verifier;
        _explicitUrl = explicitUrl;
        _transport = transport;
        _goFiles = goFiles;
        _init = new(() => InitAsync(CancellationToken.None));
    }

    /// <summary>The database name (the key's name, e.g. sum.golang.org).</summary>
    public string Name => _verifier.Name;

    /// <summary>The URL GOSUMDB names (lookups bypass GOPROXY), or null: found through GOPROXY or at https://&lt;name&gt;.</summary>
    public string? ExplicitUrl => _explicitUrl;

    /// <summary>The GOSUMDB key in use (go's known key for a bare name).</summary>
    public string Key { get; private init; } = "";

    /// <summary>Requests sent so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>How long one lookup may take, all its requests together (the resolver's per-module budget); null: no deadline of ours.</summary>
    public TimeSpan? Budget { get; }

    /// <summary>
    /// go's dbDial: the client for <paramref name="settings"/>' GOSUMDB, or go's error for a value it refuses (with no
    /// request sent). Null for GOSUMDB=off.
    /// </summary>
    /// <param name="extraKeys">More databases GOSUMDB may name without a key (<see cref="Resolution.ResolveOptions.ChecksumDatabaseKeys"/>).</param>
    /// <param name="time">The clock for how long a failure to reach the database stands, and of <paramref name="budget"/>.</param>
    /// <param name="budget">See <see cref="Budget"/>.</param>
    public static (ChecksumDatabaseClient? Client, string? Error)? Create(ProxySettings settings, IProxyTransport transport, IModuleCache? goFiles = null,
        IReadOnlyDictionary<string, string>? extraKeys = null, TimeProvider? time = null, TimeSpan? budget = null)
    {
        var gosumdb = settings.GoSumDb == "sum.golang.google.cn" ? "sum.golang.org https://sum.golang.google.cn" : settings.GoSumDb;
        if (gosumdb == "off")
        {
            return null;
        }

        var fields = gosumdb.Split([' ', '\t', '\n', '\r', '\v', '\f'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0)
        {
            return (null, "missing GOSUMDB");
        }

        if (fields.Length > 2)
        {
            return (null, "invalid GOSUMDB: too many fields");
        }

        var key = KnownKeys.TryGetValue(fields[0], out var known) || extraKeys?.TryGetValue(fields[0], out known) == true ? known! : fields[0];
        var (verifier, error) = NoteVerifier.Parse(key);
        if (verifier is null)
        {
            return (null, "invalid GOSUMDB: " + error);
        }

        // "No funny business in the database name": a host with an optional path, as https://<name> must parse.
        if (verifier.Name.EndsWith('/') || !Uri.TryCreate("https://" + verifier.Name, UriKind.Absolute, out var direct)
            || direct.Host.Length == 0 || direct.Query.Length > 0 || direct.Fragment.Length > 0 || direct.UserInfo.Length > 0
            || verifier.Name.Contains('%') || verifier.Name.Contains('\\'))
        {
            return (null, $"invalid sumdb name (must be host[/path]): {verifier.Name}");
        }

        string? url = null;
        if (fields.Length == 2)
        {
            if (!Uri.TryCreate(fields[1], UriKind.Absolute, out _))
            {
                return (null, $"invalid GOSUMDB URL: parse \"{fields[1]}\": invalid URL");
            }

            url = fields[1].TrimEnd('/');
        }

        return (new ChecksumDatabaseClient(settings, verifier, url, transport, goFiles, time ?? TimeProvider.System, budget) { Key = key }, null);
    }

    /// <summary>
    /// x/mod/sumdb.Client.Lookup: the database's go.sum lines for <paramref name="modulePath"/> <paramref name="version"/>
    /// (version may end in <c>/go.mod</c>), or go's error text (without go's <c>path@version: </c> prefix), and, when a
    /// request failed, that request's result. Past <see cref="Budget"/>, the lookup is a <see cref="FailureKind.FirstByteTimeout"/>
    /// of the request in flight, worded as go words a failed request (<c>Get "URL": …</c>), and later lookups fail the
    /// same way at once for a while, as for any failure to reach the database.
    /// </summary>
    public async Task<ChecksumDatabaseLookup> LookupAsync(string modulePath, string version, CancellationToken cancellationToken)
    {
        var state = s_lookup.Value = new LookupState();
        if (Budget is not { } budget)
        {
            return await LookupWithinAsync(modulePath, version, state, cancellationToken).ConfigureAwait(false);
        }

        using var deadline = new CancellationTokenSource(budget, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await LookupWithinAsync(modulePath, version, state, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The request this lookup waits for; one it shares with another lookup (the walk for the base, a tile) may
            // have been sent by that one.
            var url = state.InFlight ?? _lastSent ?? _explicitUrl ?? "https://" + Name;
            var seconds = Reports.DisplayText.Seconds(budget);
            var timedOut = new FetchResult(FailureKind.FirstByteTimeout, url, null, null, null, null,
                $"Get {ModFile.Text.GoQuote.Quote(url)}: no response within GoModLens's {seconds} budget (the go command has no overall timeout and would keep waiting)",
                budget, Note: $"GoModLens gave up after {seconds}; the go command would keep waiting");
            Trace(state, $"{url}: no response within {seconds}");
            var failed = new ChecksumDatabaseLookup([], timedOut.GoError, timedOut, state.Snapshot());
            lock (_latestLock)
            {
                _unreachable = (failed, _time.GetTimestamp());
            }

            return failed;
        }
    }

    private async Task<ChecksumDatabaseLookup> LookupWithinAsync(string modulePath, string version, LookupState state, CancellationToken cancellationToken)
    {
        if (await _init.Value.WaitAsync(cancellationToken).ConfigureAwait(false) is { } initError)
        {
            return Failed("initializing sumdb.Client: " + initError);
        }

        if (!ModulePath.TryEscapePath(modulePath, out var escPath, out var pathError))
        {
            return Failed(pathError!);
        }

        var bare = version.EndsWith("/go.mod", StringComparison.Ordinal) ? version[..^"/go.mod".Length] : version;
        if (!ModulePath.TryEscapeVersion(bare, out var escVersion, out var versionError))
        {
            return Failed(versionError!);
        }

        // Once the database could not be reached, later lookups fail the same way at once instead of each waiting out its
        // own timeout (go stops at the first failure anyway).
        lock (_latestLock)
        {
            if (_unreachable is { } unreachable && _time.GetElapsedTime(unreachable.At) < UnreachableFor)
            {
                return unreachable.Lookup;
            }
        }

        var remotePath = "/lookup/" + escPath + "@" + escVersion;
        if (_verifiedRecords.TryGetValue(remotePath, out var verified))
        {
            return new ChecksumDatabaseLookup(LinesFor(verified), null, null, []);
        }

        FetchResult? fetched = null;
        var data = _goFiles is null ? null : await _goFiles.ReadChecksumDatabaseFileAsync(Name + remotePath, false, cancellationToken).ConfigureAwait(false);
        if (data is not null)
        {
            Trace(state, $"{Name}{remotePath}: from go's module cache");
        }
        else
        {
            fetched = await ReadRemoteAsync(remotePath, ProxyEndpoint.Info, cancellationToken).ConfigureAwait(false);
            if (!fetched.IsSuccess)
            {
                var failed = Failed(fetched.GoError ?? fetched.RedactedUrl + ": " + fetched.Kind, fetched);
                if (!fetched.IsNotFound)
                {
                    lock (_latestLock)
                    {
                        _unreachable = (failed, _time.GetTimestamp());
                    }
                }

                return failed;
            }

            data = fetched.Body ?? [];
        }

        if (Tlog.ParseRecord(data) is not { } record)
        {
            return Failed("malformed record data", fetched);
        }

        var error = await MergeLatestAsync(record.TreeNote, cancellationToken).ConfigureAwait(false)
            ?? await CheckRecordAsync(record.Id, record.Text, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return Failed(error, fetched);
        }

        _verifiedRecords.TryAdd(remotePath, record.Text);
        return new ChecksumDatabaseLookup(LinesFor(record.Text), null, fetched, state.Snapshot());

        // The record's lines for exactly this version (go.sum lines of "v1.2.3" or of "v1.2.3/go.mod").
        List<string> LinesFor(byte[] text) =>
            [.. Encoding.UTF8.GetString(text).Split('\n').Where(l => l.StartsWith(modulePath + " " + version + " ", StringComparison.Ordinal))];

        ChecksumDatabaseLookup Failed(string message, FetchResult? result = null) => new([], message, result, state.Snapshot());
    }

    /// <summary>Where lookups went (the base URL and how it was found), or null when no request was needed.</summary>
    public DatabaseBase? Base => _base is { IsValueCreated: true, Value.IsCompletedSuccessfully: true } found ? found.Value.Result : null;

    /// <summary>
    /// The database's base URL, found on the first request (go's initBase: not before the network is needed). The walk
    /// is every lookup's: it runs to its end whoever gives up waiting for it (<paramref name="cancellationToken"/>).
    /// </summary>
    private Task<DatabaseBase> BaseAsync(CancellationToken cancellationToken)
    {
        lock (_latestLock)
        {
            // A walk that failed is walked again after a while: the proxy that refused may answer now.
            var found = _base;
            if (found is null || (found.Value is { IsCompletedSuccessfully: true, Result.Url: null }
                && _time.GetElapsedTime(_baseAt) >= UnreachableFor))
            {
                (_base, _baseAt) = (found = new Lazy<Task<DatabaseBase>>(() => FindBaseAsync(CancellationToken.None)), _time.GetTimestamp());
            }

            return found.Value.WaitAsync(cancellationToken);
        }
    }

    private async Task<string?> InitAsync(CancellationToken cancellationToken)
    {
        var latest = _goFiles is null ? null : await _goFiles.ReadChecksumDatabaseFileAsync(Name + "/latest", true, cancellationToken).ConfigureAwait(false);
        return latest is null ? null : await MergeLatestAsync(latest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>sumdb.Client.mergeLatest: a signed tree head, checked against the latest one; the newer of the two is kept.</summary>
    private async Task<string?> MergeLatestAsync(byte[] message, CancellationToken cancellationToken)
    {
        var (text, noteError) = SignedNote.Open(message, _verifier);
        if (text is null)
        {
            return $"reading tree note: {noteError}\nnote:\n{Encoding.UTF8.GetString(message)}";
        }

        if (Tlog.ParseTree(text) is not { } tree)
        {
            return $"reading tree: malformed tree note\ntree:\n{text}";
        }

        // As go's mergeLatestMem: check against the latest seen, install if it is newer and nobody moved it meanwhile.
        while (true)
        {
            var (latest, latestNote) = Latest();
            var (older, olderNote, newer, newerNote) = tree.N <= latest.N ? (tree, message, latest, latestNote) : (latest, latestNote, tree, message);
            if (await CheckTreesAsync(older, olderNote, newer, newerNote, cancellationToken).ConfigureAwait(false) is { } error)
            {
                return error;
            }

            if (tree.N <= latest.N)
            {
                return null;
            }

            lock (_latestLock)
            {
                if (_latest == latest)
                {
                    (_latest, _latestNote) = (tree, message);
                    return null;
                }
            }
        }
    }

    private (TlogTree Tree, byte[] Note) Latest()
    {
        lock (_latestLock)
        {
            return (_latest, _latestNote);
        }
    }

    private async Task<string?> CheckTreesAsync(TlogTree older, byte[] olderNote, TlogTree newer, byte[] newerNote, CancellationToken cancellationToken)
    {
        var (hash, error) = await new TlogTileHashReader(newer, TileHeight, ReadTilesAsync).TreeHashAsync(older.N, cancellationToken).ConfigureAwait(false);
        if (hash is null)
        {
            return older.N == newer.N ? $"checking tree#{older.N}: {error}" : $"checking tree#{older.N} against tree#{newer.N}: {error}";
        }

        if (hash == older.Hash)
        {
            return null;
        }

        static string Indent(byte[] note) => Encoding.UTF8.GetString(note).Replace("\n", "\n\t", StringComparison.Ordinal);
        return "SECURITY ERROR\ngo.sum database server misbehavior detected!\n\n"
            + $"old database:\n\t{Indent(olderNote)}\nnew database:\n\t{Indent(newerNote)}\nproof of misbehavior:\n\t{hash}";
    }

    /// <summary>sumdb.Client.checkRecord: the record's hash is the one the latest tree stores for its id.</summary>
    private async Task<string?> CheckRecordAsync(long id, byte[] text, CancellationToken cancellationToken)
    {
        var (latest, _) = Latest();
        if (id >= latest.N)
        {
            return $"cannot validate record {id} in tree of size {latest.N}";
        }

        var (hashes, error) = await new TlogTileHashReader(latest, TileHeight, ReadTilesAsync)
            .ReadHashesAsync([Tlog.StoredHashIndex(0, id)], cancellationToken).ConfigureAwait(false);
        if (hashes is null)
        {
            return error;
        }

        return hashes[0] == Tlog.RecordHash(text) ? null : "cannot authenticate record data in server response";
    }

    /// <summary>sumdb tileReader.ReadTiles: all at once; the first failure (in tile order) is the error.</summary>
    private async Task<(IReadOnlyList<byte[]>? Data, string? Error)> ReadTilesAsync(IReadOnlyList<TlogTile> tiles, CancellationToken cancellationToken)
    {
        // A tile read is every lookup's that needs the tile: it runs to its end whoever gives up waiting for it.
        var reads = tiles.Select(t => _tiles.GetOrAdd(t, tile => ReadTileAsync(tile, CancellationToken.None))).ToList();
        var results = await Task.WhenAll(reads).WaitAsync(cancellationToken).ConfigureAwait(false);
        var failed = Array.FindIndex(results, r => r.Data is null);
        if (failed < 0)
        {
            return (results.Select(r => r.Data!).ToList(), null);
        }

        for (var i = 0; i < tiles.Count; i++)
        {
            if (results[i].Data is null)
            {
                _tiles.TryRemove(new KeyValuePair<TlogTile, Task<(byte[]? Data, string? Error)>>(tiles[i], reads[i])); // a later lookup asks again
            }
        }

        return (null, results[failed].Error);
    }

    /// <summary>sumdb.Client.readTile: go's cache (the tile, or the complete tile it is a prefix of), then the database.</summary>
    private async Task<(byte[]? Data, string? Error)> ReadTileAsync(TlogTile tile, CancellationToken cancellationToken)
    {
        var full = tile with { W = 1 << tile.H };
        byte[] Prefix(byte[] data) => data[..(data.Length / full.W * tile.W)];
        if (_goFiles is not null)
        {
            if (await _goFiles.ReadChecksumDatabaseFileAsync(Name + "/" + tile.Path, false, cancellationToken).ConfigureAwait(false) is { } cached)
            {
                return (cached, null);
            }

            if (tile != full && await _goFiles.ReadChecksumDatabaseFileAsync(Name + "/" + full.Path, false, cancellationToken).ConfigureAwait(false) is { } cachedFull)
            {
                return (Prefix(cachedFull), null);
            }
        }

        // A complete tile never changes (cached for good); a partial one grows with the log.
        var fetched = await ReadRemoteAsync("/" + tile.Path, tile.IsComplete ? ProxyEndpoint.Mod : ProxyEndpoint.List, cancellationToken).ConfigureAwait(false);
        if (fetched.IsSuccess)
        {
            return (fetched.Body ?? [], null);
        }

        if (tile != full)
        {
            var fetchedFull = await ReadRemoteAsync("/" + full.Path, ProxyEndpoint.Mod, cancellationToken).ConfigureAwait(false);
            if (fetchedFull is { IsSuccess: true, Body: { } body })
            {
                return (Prefix(body), null);
            }
        }

        return (null, fetched.GoError ?? fetched.RedactedUrl + ": " + fetched.Kind);
    }

    private async Task<FetchResult> ReadRemoteAsync(string path, ProxyEndpoint endpoint, CancellationToken cancellationToken)
    {
        var database = await BaseAsync(cancellationToken).ConfigureAwait(false);
        if (database.Url is null)
        {
            return database.Failure!;
        }

        var request = new ProxyRequest(new Uri(database.Url + path), endpoint) { Entry = database.Entry };
        var result = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        Trace(result.IsSuccess ? $"{result.RedactedUrl}: answered" : result.GoError ?? result.RedactedUrl + ": " + result.Kind);
        return result;
    }

    /// <summary>
    /// dbClient.initBase: GOSUMDB's URL; else the first GOPROXY entry whose <c>/sumdb/&lt;name&gt;/supported</c> answers
    /// (walked as go's TryProxies: a hard error on a <c>,</c> entry ends the walk and fails every lookup); else
    /// <c>https://&lt;name&gt;</c>.
    /// </summary>
    private async Task<DatabaseBase> FindBaseAsync(CancellationToken cancellationToken)
    {
        if (_explicitUrl is not null)
        {
            return new DatabaseBase(_explicitUrl, "GOSUMDB", null);
        }

        var list = ProxyList.Parse(_settings.GoProxy, "", _settings.WindowsPaths);
        FetchResult? hardError = null;
        var directWon = false;
        foreach (var entry in list.IsValid ? list.Entries : [])
        {
            if (entry.Kind != ProxyEntryKind.Proxy)
            {
                Trace($"{entry.Display}: go asks the database directly");
                (directWon, hardError) = (true, null); // TryProxies: an error from direct (or off) always wins
                continue;
            }

            var url = entry.Text.TrimEnd('/') + "/sumdb/" + Name;
            var supported = await SendAsync(new ProxyRequest(new Uri(url + "/supported"), ProxyEndpoint.List) { Entry = entry.Text }, cancellationToken)
                .ConfigureAwait(false);
            Trace(supported.IsSuccess ? $"{supported.RedactedUrl}: supported" : supported.GoError ?? supported.RedactedUrl + ": " + supported.Kind);
            if (supported.IsSuccess)
            {
                return new DatabaseBase(url, entry.Display, null) { Entry = entry.Text };
            }

            if (!supported.IsNotFound && !directWon)
            {
                hardError = supported; // a proxy's hard error beats a not-found
            }

            if (!entry.FallBackOnError && !supported.IsNotFound)
            {
                break;
            }
        }

        // Every lookup fails with the proxy's error: go does not fall back to the database's own host.
        return hardError is not null ? new DatabaseBase(null, hardError.RedactedUrl, hardError) : new DatabaseBase("https://" + Name, "direct", null);
    }

    /// <summary>One request through the transport, counted, and named as the one in flight for a timeout's message.</summary>
    private async Task<FetchResult> SendAsync(ProxyRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        var redacted = ProxyUrls.Redact(request.Url);
        _lastSent = redacted;
        var state = s_lookup.Value;
        if (state is not null)
        {
            state.InFlight = redacted;
        }

        var result = await _transport.GetAsync(request, cancellationToken).ConfigureAwait(false);
        if (state is not null)
        {
            state.InFlight = null;
        }

        return result;
    }

    private static void Trace(string line) => Trace(s_lookup.Value, line);

    private static void Trace(LookupState? state, string line)
    {
        if (state is not null)
        {
            lock (state.Trace)
            {
                state.Trace.Add(line);
            }
        }
    }

    /// <summary>One lookup's requests: the trace it reports, and the one it waits for now.</summary>
    private sealed class LookupState
    {
        public List<string> Trace { get; } = [];

        public volatile string? InFlight;

        public List<string> Snapshot()
        {
            lock (Trace)
            {
                return [.. Trace];
            }
        }
    }
}

/// <summary>Where a checksum database's lookups go.</summary>
/// <param name="Url">The base URL; null when finding it failed (<paramref name="Failure"/>).</param>
/// <param name="Via"><c>GOSUMDB</c>, the GOPROXY entry that proxies the database, <c>direct</c>, or the failed URL.</param>
public sealed record DatabaseBase(string? Url, string Via, FetchResult? Failure)
{
    /// <summary>The GOPROXY entry (as GOPROXY spells it) that proxies the database; null when it is asked directly.</summary>
    public string? Entry { get; init; }
}

/// <summary>One verified lookup.</summary>
/// <param name="Lines">The database's go.sum lines for the module version asked (empty on failure).</param>
/// <param name="Error">go's error (after <c>path@version: </c>), or null when the answer was verified.</param>
/// <param name="Fetched">The lookup request, or the request that failed; null when go's cache answered or none was sent.</param>
/// <param name="Trace">One line per request (or read of go's cache) this lookup made.</param>
public sealed record ChecksumDatabaseLookup(IReadOnlyList<string> Lines, string? Error, FetchResult? Fetched, IReadOnlyList<string> Trace);
