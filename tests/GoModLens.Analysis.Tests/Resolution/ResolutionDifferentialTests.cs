using System.Text.Json;
using GoModLens.Analysis.Resolution;
using GoModLens.Analysis.Tests.Transport;
using GoModLens.TestUtilities;
using GoModLens.TestUtilities.ProxyTree;
using static GoModLens.Analysis.Tests.Resolution.ResolutionTestData;

namespace GoModLens.Analysis.Tests.Resolution;

/// <summary>Our outcome and message for module@version vs `go mod download -json` (go 1.26) over the fake proxy's fault routes.</summary>
public sealed class ResolutionDifferentialTests(FakeProxyFixture fixture) : IClassFixture<FakeProxyFixture>
{
    private static readonly int s_closedPort = LoopbackPorts.Closed();

    public static TheoryData<string, string> Scenarios()
    {
        var data = new TheoryData<string, string>();
        string[] faults = ["status/404", "status/410", "status/403", "status/500", "html/502", "status/503", "html/504", "REFUSED", "close", "garbage", "onlylist/404", "onlylist/403"];
        string[] shapes = ["{a}", "{a},{ok}", "{a}|{ok}", "{a},off", "off"];
        foreach (var fault in faults)
        {
            foreach (var shape in shapes)
            {
                // go mod download also fetches the .zip, which check never needs: with a|ok, the garbage proxy's 200 .mod/.zip
                // bodies make go fail at the zip ("zip: not a valid zip file"), a step outside what we compare.
                if ((shape == "off" && fault != "status/404") || (fault == "garbage" && shape == "{a}|{ok}"))
                {
                    continue; // the fault is irrelevant with GOPROXY=off
                }

                data.Add(fault, shape);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Scenarios))]
    public async Task Outcome_and_message_equal_go_mod_download(string fault, string shape)
    {
        GoOracle.Require();
        var a = fault == "REFUSED" ? $"http://127.0.0.1:{s_closedPort}" : fixture.Proxy.Url(fault);
        var goproxy = shape.Replace("{a}", a, StringComparison.Ordinal).Replace("{ok}", fixture.Proxy.Url("ok"), StringComparison.Ordinal);

        var go = GoDownload(goproxy, "example.com/foo", "v1.0.0");
        using var transport = new RecordingTransport();
        var ours = await new RequirementResolver(transport).ResolveAsync("example.com/foo", "v1.0.0", Options(goproxy) with { CheckLatest = false }, CancellationToken.None);

        if (go.Error is null)
        {
            Assert.Equal(RequirementStatus.Resolved, ours.Status);
        }
        else
        {
            Assert.NotEqual(RequirementStatus.Resolved, ours.Status);
            Assert.Equal(go.Error, ours.Failure!.GoMessage);
        }
    }

    /// <summary>
    /// Lists of two to four entries joined by random separators, so that go's error ranking (a later proxy's error
    /// beats an earlier not-found, `|` falls through any error, `off` ends the walk) is met in combinations no one wrote
    /// by hand. Seeded: the same 40 lists every run.
    /// </summary>
    public static TheoryData<string> MixedLists() => [.. MixedListValues()];

    private static List<string> MixedListValues() => SeededLists(20261127, 40, 2, 5, [",", "|"],
        ["status/404", "status/410", "status/403", "status/401", "status/500", "html/502", "status/429", "REFUSED", "onlylist/404", "onlylist/403",
            "nomod/404", "nomod/403", "nomod/500", "ok", "off"]);

    /// <summary>
    /// <paramref name="count"/> distinct non-empty values of <paramref name="minEntries"/> to <paramref name="maxEntries"/> - 1
    /// entries joined by separators, all drawn from one seeded generator: the same values every run.
    /// </summary>
    private static List<string> SeededLists(int seed, int count, int minEntries, int maxEntries, string[] separators, string[] entries)
    {
        var random = new Random(seed);
        var values = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (values.Count < count)
        {
            var n = random.Next(minEntries, maxEntries);
            var value = new System.Text.StringBuilder(entries[random.Next(entries.Length)]);
            for (var i = 1; i < n; i++)
            {
                value.Append(separators[random.Next(separators.Length)]).Append(entries[random.Next(entries.Length)]);
            }

            if (value.Length > 0 && seen.Add(value.ToString()))
            {
                values.Add(value.ToString());
            }
        }

        return values;
    }

    [SkippableTheory]
    [MemberData(nameof(MixedLists))]
    public async Task Mixed_lists_rank_errors_like_go_mod_download(string list)
    {
        GoOracle.Require();
        var goproxy = ProxyList(list);
        var go = GoDownload(goproxy, "example.com/foo", "v1.0.0");
        using var transport = new RecordingTransport();
        var ours = await new RequirementResolver(transport).ResolveAsync("example.com/foo", "v1.0.0", Options(goproxy) with { CheckLatest = false }, CancellationToken.None);

        Assert.True((go.Error is null) == (ours.Status == RequirementStatus.Resolved), $"go: {go.Error ?? "ok"}; ours: {ours.Status} {ours.Failure?.GoMessage}");
        if (go.Error is not null)
        {
            Assert.Equal(go.Error, ours.Failure!.GoMessage);
        }
    }

    public static TheoryData<string, string> MixedListsPerModule()
    {
        var data = new TheoryData<string, string>();
        foreach (var list in MixedListValues())
        {
            data.Add(list, "example.com/foo");
            data.Add(list, "example.com/retracting");
        }

        return data;
    }

    /// <summary>
    /// GOPROXY values as people type them: file:// proxies with and without the module, a missing directory, a closed
    /// port with and without a scheme, a user name in the URL, off in any case, empty entries, spaces around entries,
    /// separators doubled, and entries go refuses (another scheme, a relative file URL, a bad port). go's outcome and
    /// message for module@version against ours, on 60 seeded values (400 once). No entry can reach the network: every host is
    /// 127.0.0.1, and direct (which would) is left out.
    /// </summary>
    // An empty GOPROXY is an unset one to go: proxy.golang.org, which is the network; SeededLists never draws one.
    public static TheoryData<string> RandomGoproxyValues() => [.. SeededLists(2611, 60, 1, 5, [",", "|", ",,", "|,", ", "],
        ["{good}", "{good}", "{empty}", "file:///nonexistent/proxy", "http://127.0.0.1:{closed}", "127.0.0.1:{closed}",
            "https://user@127.0.0.1:{closed}", "off", "OFF", "", " ", " {good} ", "ftp://127.0.0.1", "file:relative", "http://127.0.0.1:port",
            "{good}/", "file://{good-path}"])];

    [SkippableTheory]
    [MemberData(nameof(RandomGoproxyValues))]
    public async Task Random_goproxy_values_resolve_and_fail_as_go_does(string template)
    {
        GoOracle.Require();
        var root = GoOracle.NewScratchDir("goproxy-value");
        var good = new ProxyTreeBuilder().Add("example.com/x", "v1.0.0", new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero)).WriteTo(Path.Combine(root, "good"));
        var empty = Directory.CreateDirectory(Path.Combine(root, "empty")).FullName;
        var goproxy = template.Replace("{good-path}", good.TrimStart('/'), StringComparison.Ordinal).Replace("{good}", FileUrl(good), StringComparison.Ordinal)
            .Replace("{empty}", FileUrl(empty), StringComparison.Ordinal).Replace("{closed}", s_closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var work = GoOracle.NewScratchDir("dl");
        var result = GoOracle.Run(work, new Dictionary<string, string?>
        {
            ["GOPROXY"] = goproxy,
            ["GOMODCACHE"] = GoOracle.NewScratchDir("modcache"),
        }, "mod", "download", "-json", "example.com/x@v1.0.0");
        var go = result.Stdout.TrimStart().StartsWith('{') ? ParseStream(result.Stdout).Single().Error : result.Stderr.Trim();
        if (go is not null && go.StartsWith("go: ", StringComparison.Ordinal))
        {
            go = go[4..];
        }

        // go prints a URL's user name; GoModLens never prints one (it may be a token).
        go = go?.Replace("://user@", "://xxxxx@", StringComparison.Ordinal);

        using var transport = new RecordingTransport();
        var ours = await new RequirementResolver(transport).ResolveAsync("example.com/x", "v1.0.0", Options(goproxy) with { CheckLatest = false }, CancellationToken.None);

        Assert.True((go is null) == (ours.Status == RequirementStatus.Resolved), $"GOPROXY={goproxy}\ngo: {go ?? "ok"}\nours: {ours.Status} {ours.Failure?.GoMessage}");
        if (go is not null)
        {
            Assert.True(go.Contains(ours.Failure!.GoMessage, StringComparison.Ordinal), $"GOPROXY={goproxy}\ngo: {go}\nours: {ours.Failure.GoMessage}");
        }
    }

    /// <summary>
    /// The same lists for go list -m -u: the version itself is in the module cache (both read it there first), so only
    /// go's retraction check (list, latest .info, its go.mod) and upgrade query (list, the upgrade's .info) walk the
    /// list. example.com/retracting's latest go.mod retracts v1.2.0 and v1.0.0, the required version.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(MixedListsPerModule))]
    public async Task Mixed_lists_upgrade_query_equals_go_list_m_u(string list, string module)
    {
        GoOracle.Require();
        var goproxy = ProxyList(list);
        var modCache = GoOracle.NewScratchDir("modcache");
        var cached = Path.Combine(modCache, "cache", "download", module, "@v");
        Directory.CreateDirectory(cached);
        foreach (var ext in new[] { ".info", ".mod" })
        {
            File.Copy(Path.Combine(fixture.Proxy.Root, module, "@v", "v1.0.0" + ext), Path.Combine(cached, "v1.0.0" + ext));
        }

        var result = GoOracle.Run(GoOracle.NewScratchDir("listu"), new Dictionary<string, string?>
        {
            ["GOPROXY"] = goproxy,
            ["GOMODCACHE"] = modCache,
            ["GOFLAGS"] = "-mod=mod",
        }, "list", "-m", "-u", "-e", "-json", module + "@v1.0.0");
        var go = ParseStream(result.Stdout).Single();

        using var transport = new RecordingTransport();
        var ours = await new RequirementResolver(transport, new ModuleCacheAdapterForTests(modCache)).ResolveAsync(module, "v1.0.0", Options(goproxy), CancellationToken.None);

        Assert.Equal(RequirementStatus.Resolved, ours.Status);
        Assert.True(go.Update == ours.Latest?.Update, $"go Update {go.Update}, ours {ours.Latest?.Update}");
        Assert.True(go.Error == ours.Latest?.Error, $"go Error: {go.Error}\nours: {ours.Latest?.Error}");
        var ourRetracted = Retracted(ours);
        Assert.True(Same(go.Retracted, ourRetracted), $"go Retracted [{string.Join("|", go.Retracted ?? [])}], ours [{string.Join("|", ourRetracted ?? [])}]");
    }

    [SkippableFact]
    public async Task Default_shaped_list_says_go_would_continue_with_direct_after_not_found()
    {
        // We do not run go here: it would try VCS over the network. We assert what go does before VCS.
        using var transport = new RecordingTransport();
        var ours = await new RequirementResolver(transport).ResolveAsync("example.com/foo", "v1.0.0",
            Options(fixture.Proxy.Url("status/404") + ",direct") with { CheckLatest = false }, CancellationToken.None);
        Assert.Equal(RequirementStatus.Direct, ours.Status);
        Assert.Contains("go would fetch this module directly (VCS)", ours.Failure!.GoMessage, StringComparison.Ordinal);
        Assert.Contains(ours.Failure.Trace, t => t.Outcome.Contains("404", StringComparison.Ordinal));

        // A hard error before ',direct' stops the walk: go never reaches direct and reports the proxy's error.
        var stopped = await new RequirementResolver(transport).ResolveAsync("example.com/foo", "v1.0.0",
            Options(fixture.Proxy.Url("status/403") + ",direct") with { CheckLatest = false }, CancellationToken.None);
        Assert.Equal(RequirementStatus.Failed, stopped.Status);
        Assert.Contains("403 Forbidden", stopped.Failure!.GoMessage, StringComparison.Ordinal);
    }

    public static TheoryData<string> LatestTrees() => ["sample", "incompatible", "prerelease", "allretracted", "pseudo"];

    [SkippableTheory]
    [MemberData(nameof(LatestTrees))]
    public async Task Latest_retraction_and_deprecation_equal_go_list_m_u(string tree)
    {
        GoOracle.Require();
        var (proxyDir, goMod) = tree == "sample" ? (SampleProxy, await File.ReadAllTextAsync(SampleGoMod)) : BuildTree(tree);
        var go = await GoListMUAsync(proxyDir, goMod, "latest-" + tree);
        Assert.NotEmpty(go);

        using var transport = new RecordingTransport();
        var reports = (await ResolveAllAsync(new RequirementResolver(transport), Parse(goMod), Options(FileUrl(proxyDir)))).ToDictionary(r => r.ModulePath);
        foreach (var (path, g) in go)
        {
            var r = reports[path];
            Assert.True(g.Update == r.Latest?.Update, $"{path}: go Update {g.Update}, ours {r.Latest?.Update}");
            var ourRetracted = Retracted(r);
            Assert.True(Same(g.Retracted, ourRetracted), $"{path}: go Retracted [{string.Join("|", g.Retracted ?? [])}], ours [{string.Join("|", ourRetracted ?? [])}]");
            Assert.True(g.Deprecated == r.Latest?.Deprecated, $"{path}: go Deprecated {g.Deprecated}, ours {r.Latest?.Deprecated}");
            Assert.True((g.Error is null) == (r.Status == RequirementStatus.Resolved), $"{path}: go Error {g.Error}, ours {r.Status}");
            if (g.Error is not null)
            {
                Assert.Equal(g.Error, r.Failure!.GoMessage);
            }
        }
    }

    /// <summary>A <see cref="MixedLists"/> list with its routes as the fake proxy's URLs.</summary>
    private string ProxyList(string list) => string.Concat(System.Text.RegularExpressions.Regex.Split(list, "([,|])").Select(part => part switch
    {
        "," or "|" or "off" => part,
        "REFUSED" => $"http://127.0.0.1:{s_closedPort}",
        _ => fixture.Proxy.Url(part),
    }));

    /// <summary>
    /// 30 modules per seed with random version sets (releases, pre-releases, +incompatible majors with and without a
    /// go.mod at the last compatible version, pseudo-version-only modules), retract and Deprecated comments in random
    /// versions' go.mod files, random excludes in the main go.mod and a random required version, with or without the
    /// @latest endpoint, some on a pseudo-version dated between the tags: Update, Retracted and Deprecated of
    /// go list -m -u -json all, module by module.
    /// </summary>
    /// <remarks>8 seeds run here (240 modules, ~1 s); seeds 100–299 (6 000 modules) were run once when this was written.</remarks>
    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task Random_version_sets_equal_go_list_m_u(int seed)
    {
        GoOracle.Require();
        var (proxyDir, goMod) = RandomVersionSets(seed, 30);
        var go = await GoListMUAsync(proxyDir, goMod, "random-latest");
        Assert.Equal(30, go.Count);

        using var transport = new RecordingTransport();
        var reports = (await ResolveAllAsync(new RequirementResolver(transport), Parse(goMod), Options(FileUrl(proxyDir)))).ToDictionary(r => r.ModulePath);
        var differences = new List<string>();
        foreach (var (path, g) in go)
        {
            var r = reports[path];
            var ourRetracted = Retracted(r);
            if (g.Update != r.Latest?.Update || !Same(g.Retracted, ourRetracted) || g.Deprecated != r.Latest?.Deprecated || g.Error != r.Latest?.Error)
            {
                differences.Add($"{path} {r.Version}: go Update={g.Update} Retracted=[{string.Join("|", g.Retracted ?? [])}] Deprecated={g.Deprecated} Error={g.Error}; "
                    + $"ours Update={r.Latest?.Update} Retracted=[{string.Join("|", ourRetracted ?? [])}] Deprecated={r.Latest?.Deprecated} Error={r.Latest?.Error}");
            }
        }

        Assert.True(differences.Count == 0, string.Join("\n", differences) + "\n--- go.mod:\n" + goMod);
    }

    private static (string Dir, string GoMod) RandomVersionSets(int seed, int count)
    {
        var random = new Random(seed);
        var t = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
        string[] pool = ["v0.1.0", "v0.2.0-rc.1", "v1.0.0", "v1.0.1", "v1.1.0-beta.1", "v1.2.0", "v1.3.0-alpha", "v2.0.0+incompatible", "v2.1.0+incompatible", "v3.0.0-rc.1+incompatible"];
        var b = new ProxyTreeBuilder();
        var requires = new System.Text.StringBuilder();
        var excludes = new System.Text.StringBuilder();
        var noLatestEndpoint = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var path = $"example.com/r{seed}x{i}";
            List<string> versions;
            if (random.Next(8) == 0)
            {
                versions = ["v0.0.0-20230101000000-aaaaaaaaaaaa", "v0.0.0-20230301000000-bbbbbbbbbbbb"];
            }
            else
            {
                versions = pool.Where(_ => random.Next(2) == 0).ToList();
                if (versions.Count == 0)
                {
                    versions.Add(pool[random.Next(pool.Length)]);
                }
            }

            foreach (var (v, n) in versions.Select((v, n) => (v, n)))
            {
                var synthesized = v.EndsWith("+incompatible", StringComparison.Ordinal) || random.Next(3) == 0;
                var goModText = synthesized
                    ? $"module {path}\n" // what a proxy serves for a version without a go.mod
                    : (random.Next(5) == 0 ? "// Deprecated: use example.com/other instead.\n" : "") + $"module {path}\n\ngo 1.18\n";
                if (!synthesized && random.Next(2) == 0)
                {
                    var target = versions[random.Next(versions.Count)];
                    goModText += random.Next(2) == 0 ? $"\n// broken build\nretract {target}\n" : $"\nretract [v0.0.0, {target}]\n";
                }

                b.Add(path, v, t.AddDays(n), goModText);
            }

            var current = versions[random.Next(versions.Count)];
            if (random.Next(6) == 0)
            {
                // A pseudo-version of an untagged commit after v1.0.0, dated between the others: go's upgrade never moves
                // from it to a version published before it.
                current = "v1.0.1-0.20230103120000-cccccccccccc";
                b.Add(path, current, new DateTimeOffset(2023, 1, 3, 12, 0, 0, TimeSpan.Zero), $"module {path}\n\ngo 1.18\n");
            }
            requires.Append('\t').Append(path).Append(' ').Append(current).Append('\n');
            if (random.Next(5) == 0 && versions.Where(v => v != current).ToList() is { Count: > 0 } others)
            {
                excludes.Append("exclude ").Append(path).Append(' ').Append(others[random.Next(others.Count)]).Append('\n');
            }

            if (random.Next(3) == 0)
            {
                noLatestEndpoint.Add(path);
            }
        }

        var dir = b.WriteTo(GoOracle.NewScratchDir("random-tree"));
        foreach (var path in noLatestEndpoint)
        {
            File.Delete(Path.Combine(dir, ProxyTreeBuilder.EscapePath(path), "@latest"));
        }

        return (dir, "module example.com/main\n\ngo 1.21\n\nrequire (\n" + requires + ")\n\n" + excludes);
    }

    /// <summary>go list -m -u -e -json all in a module with <paramref name="goMod"/> against a file:// proxy: every module but the main one, by path.</summary>
    private static async Task<Dictionary<string, GoModule>> GoListMUAsync(string proxyDir, string goMod, string label)
    {
        var work = GoOracle.NewScratchDir(label);
        await File.WriteAllTextAsync(Path.Combine(work, "go.mod"), goMod);
        var result = GoOracle.Run(work, new Dictionary<string, string?>
        {
            ["GOPROXY"] = FileUrl(proxyDir),
            ["GOMODCACHE"] = GoOracle.NewScratchDir("modcache"),
        }, "list", "-mod=mod", "-m", "-u", "-e", "-json", "all");
        return ParseStream(result.Stdout).Where(m => !m.Main).ToDictionary(m => m.Path);
    }

    /// <summary>Our report's Retracted as go list -m -u shows it (go's placeholder when the retract line has no rationale).</summary>
    private static IReadOnlyList<string>? Retracted(RequirementReport report) =>
        report.IsRetracted ? (report.Latest!.Retracted.Count > 0 ? report.Latest.Retracted : ["retracted by module author"]) : null;

    private static bool Same(IReadOnlyList<string>? a, IReadOnlyList<string>? b) => (a is null && b is null) || (a is not null && b is not null && a.SequenceEqual(b));

    private static (string Dir, string GoMod) BuildTree(string name)
    {
        var t = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var b = new ProxyTreeBuilder();
        string requires;
        switch (name)
        {
            case "incompatible":
                // inc1: v1 has a go.mod → +incompatible ignored. inc2: no go.mod anywhere → +incompatible wins.
                b.Add("example.com/inc1", "v1.0.0", t).Add("example.com/inc1", "v1.10.0", t.AddDays(1)).Add("example.com/inc1", "v2.0.0+incompatible", t.AddDays(2), "module example.com/inc1\n");
                b.Add("example.com/inc2", "v1.0.0", t, "module example.com/inc2\n").Add("example.com/inc2", "v2.0.0+incompatible", t.AddDays(2), "module example.com/inc2\n");
                b.Add("example.com/inc3", "v2.0.0+incompatible", t, "module example.com/inc3\n").Add("example.com/inc3", "v2.1.0+incompatible", t.AddDays(2), "module example.com/inc3\n");
                requires = "\texample.com/inc1 v1.0.0\n\texample.com/inc2 v1.0.0\n\texample.com/inc3 v2.0.0+incompatible\n";
                break;
            case "prerelease":
                b.Add("example.com/pre", "v0.1.0-alpha", t).Add("example.com/pre", "v0.1.0-beta.2", t.AddDays(1)).Add("example.com/pre", "v0.1.0-beta.10", t.AddDays(2));
                requires = "\texample.com/pre v0.1.0-alpha\n";
                break;
            case "allretracted":
                b.Add("example.com/ret", "v1.0.0", t).Add("example.com/ret", "v1.0.3", t.AddHours(1)).Add("example.com/ret", "v1.1.0", t.AddDays(1))
                 .Add("example.com/ret", "v1.2.0", t.AddDays(2), "module example.com/ret\n\ngo 1.18\n\n// contains retractions only\nretract v1.2.0\n\n// bad\nretract [v1.0.0, v1.0.5]\n");
                b.Add("example.com/all", "v1.0.0", t).Add("example.com/all", "v1.1.0", t.AddDays(1), "module example.com/all\n\ngo 1.18\n\nretract [v1.0.0, v1.1.0]\n");
                requires = "\texample.com/ret v1.0.3\n\texample.com/all v1.0.0\n";
                break;
            default:
                b.Add("example.com/ps", "v0.0.0-20230101000000-aaaaaaaaaaaa", t).Add("example.com/ps", "v0.0.0-20230301000000-bbbbbbbbbbbb", t.AddMonths(2));
                requires = "\texample.com/ps v0.0.0-20230101000000-aaaaaaaaaaaa\n";
                break;
        }

        var dir = b.WriteTo(GoOracle.NewScratchDir("tree-" + name));
        if (name is "pseudo" or "allretracted")
        {
            // No @latest endpoint: go derives latest from the list (pseudo) or reports no matching versions.
            foreach (var latest in Directory.GetFiles(dir, "@latest", SearchOption.AllDirectories))
            {
                File.Delete(latest);
            }
        }

        return (dir, "module example.com/main\n\ngo 1.21\n\nrequire (\n" + requires + ")\n");
    }

    private static GoModule GoDownload(string goproxy, string path, string version)
    {
        var work = GoOracle.NewScratchDir("dl");
        var result = GoOracle.Run(work, new Dictionary<string, string?>
        {
            ["GOPROXY"] = goproxy,
            ["GOMODCACHE"] = GoOracle.NewScratchDir("modcache"),
        }, "mod", "download", "-json", path + "@" + version);
        return ParseStream(result.Stdout).Single();
    }

    private static List<GoModule> ParseStream(string stdout)
    {
        var list = new List<GoModule>();
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(stdout), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var doc = JsonDocument.ParseValue(ref reader);
            var e = doc.RootElement;
            string? Str(string n) => e.TryGetProperty(n, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            var error = e.TryGetProperty("Error", out var err) ? (err.ValueKind == JsonValueKind.String ? err.GetString() : err.GetProperty("Err").GetString()) : null;
            var retracted = e.TryGetProperty("Retracted", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToList() : null;
            list.Add(new GoModule(Str("Path")!, e.TryGetProperty("Main", out var m) && m.GetBoolean(), Str("Update") is null && e.TryGetProperty("Update", out var u) ? u.GetProperty("Version").GetString() : null,
                retracted, Str("Deprecated"), error));
        }

        return list;
    }


    private sealed record GoModule(string Path, bool Main, string? Update, IReadOnlyList<string>? Retracted, string? Deprecated, string? Error);
}
