using GoModLens.ModFile;
using GoModLens.ModFile.Module;

namespace GoModLens.Analysis.ProxyConfig;

/// <summary>
/// Per-module dispatch of the GOPROXY list (cmd/go modfetch.lookup): which entries are tried and what each does,
/// whether the checksum DB applies (GOSUMDB, GONOSUMDB) and whether GOINSECURE applies.
/// </summary>
public static class ProxyRouting
{
    public const string ProxyOffMessage = "module lookup disabled by GOPROXY=off";
    public const string PrivatePathMessage = "disabled by GOPRIVATE/GONOPROXY";
    public const string NotPrivateMessage = "path does not match GOPRIVATE/GONOPROXY";
    public const string ChecksumDbOffMessage = "checksum database disabled by GOSUMDB=off";
    public const string ToolchainModule = "golang.org/toolchain";

    // Every module of a run routes through the same few GOPROXY values; parsing them again per module was a visible
    // share of a warm run. Parsed lists are immutable records, safe to share.
    private static readonly BoundedMemo<(string GoProxy, string GoNoProxy, bool WindowsPaths), ProxyList> ParsedLists = new(64);

    public static ModuleRoute For(string modulePath, ProxySettings settings)
    {
        var lookupPath = modulePath is "go" or "toolchain" ? ToolchainModule : modulePath;
        var list = ParsedLists.GetOrAdd((settings.GoProxy, settings.GoNoProxy, settings.WindowsPaths),
            k => ProxyList.Parse(k.GoProxy, k.GoNoProxy, k.WindowsPaths));
        var isPrivate = ModulePath.MatchPrefixPatterns(settings.GoNoProxy, lookupPath);
        var insecure = ModulePath.MatchPrefixPatterns(settings.GoInsecure, lookupPath);
        var (usesSumDb, sumDbReason) = ChecksumDb(lookupPath, settings);
        if (!list.IsValid)
        {
            return new ModuleRoute(modulePath, lookupPath, [], list.Error, isPrivate, usesSumDb, sumDbReason, insecure);
        }

        var steps = new List<RouteStep>(list.Entries.Count);
        foreach (var entry in list.Entries)
        {
            steps.Add(Dispatch(entry, lookupPath, isPrivate, insecure));
        }

        return new ModuleRoute(modulePath, lookupPath, steps, null, isPrivate, usesSumDb, sumDbReason, insecure);
    }

    // The only place that creates steps: the GONOPROXY check comes before any ProxyStep can exist.
    private static RouteStep Dispatch(ProxyEntry entry, string path, bool isPrivate, bool insecure)
    {
        if (isPrivate)
        {
            return entry.Kind is ProxyEntryKind.NoProxy or ProxyEntryKind.Direct
                ? new DirectStep(entry, insecure)
                : new RefusedStep(entry, PrivatePathMessage, isNotFound: true, RefusalReason.PrivatePath);
        }

        return entry.Kind switch
        {
            ProxyEntryKind.Off => new RefusedStep(entry, ProxyOffMessage, isNotFound: true, RefusalReason.ProxyOff),
            ProxyEntryKind.Direct => new DirectStep(entry, insecure),
            ProxyEntryKind.NoProxy => new RefusedStep(entry, NotPrivateMessage, isNotFound: true, RefusalReason.NotPrivate),
            _ => new ProxyStep(entry, path),
        };
    }

    private static (bool Uses, string Reason) ChecksumDb(string path, ProxySettings settings)
    {
        // Toolchains are always verified, unless GOPROXY is one file:// entry (testing a distpack); then the normal rules apply.
        if (path == ToolchainModule
            && !(settings.GoProxy.StartsWith("file://", StringComparison.Ordinal) && settings.GoProxy.AsSpan().IndexOfAny(",|") < 0))
        {
            return (true, "toolchain downloads are always verified");
        }

        if (settings.GoSumDb == "off")
        {
            return (false, ChecksumDbOffMessage);
        }

        if (ModulePath.MatchPrefixPatterns(settings.GoNoSumDb, path))
        {
            return (false, "path matches GONOSUMDB/GOPRIVATE");
        }

        return (true, "verified against " + settings.GoSumDb);
    }
}
