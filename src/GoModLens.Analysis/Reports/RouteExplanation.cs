using GoModLens.Analysis.Direct;
using GoModLens.Analysis.Environment;
using GoModLens.Analysis.ProxyConfig;
using ModulePaths = GoModLens.ModFile.Module.ModulePath;

namespace GoModLens.Analysis.Reports;

/// <summary>
/// How go would get one module path with this configuration, worked out without the network: each GOPROXY entry and
/// what it does for the path (modfetch.lookup's dispatch), when go moves on to the next, and whether the checksum
/// database verifies it. Every decision names the pattern and the setting behind it, so a GOPRIVATE typo or a GOENV
/// file nobody remembers writing shows at once.
/// </summary>
/// <param name="ModulePath">The path asked about.</param>
/// <param name="PathError">go's error for a path that is not a valid module path (nothing is looked up), else null.</param>
/// <param name="ConfigurationError">go's error for an unusable GOPROXY (every lookup fails with it), else null.</param>
/// <param name="Private">Why the path never goes to a proxy (the GONOPROXY pattern it matches), else null.</param>
/// <param name="Entries">The GOPROXY entries in walk order, each with what go does for this path.</param>
/// <param name="ChecksumDatabase">Whether and why go verifies the module with the checksum database.</param>
public sealed record RouteExplanation(
    string ModulePath,
    string? PathError,
    string? ConfigurationError,
    string? Private,
    IReadOnlyList<RouteEntryExplanation> Entries,
    string ChecksumDatabase)
{
    /// <summary>go verifies the module with the checksum database.</summary>
    public bool UsesChecksumDatabase { get; init; }

    /// <summary>Explains <paramref name="modulePath"/> under <paramref name="environment"/>.</summary>
    public static RouteExplanation For(string modulePath, GoEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(modulePath);
        ArgumentNullException.ThrowIfNull(environment);
        var settings = environment.ToProxySettings();
        var route = ProxyRouting.For(modulePath, settings);
        var path = route.LookupPath;
        var pathError = path == ProxyRouting.ToolchainModule ? null : ModulePaths.CheckPath(path);
        var privateWhy = route.IsPrivate ? Matched("GONOPROXY", environment.GoNoProxy, path) : null;

        var entries = new List<RouteEntryExplanation>();
        for (var i = 0; i < route.Steps.Count; i++)
        {
            var step = route.Steps[i];
            var last = i == route.Steps.Count - 1;
            var entry = Redaction.Url(step.Entry.Text); // the whole userinfo: a token is often the user name
            var (kind, does) = step switch
            {
                ProxyStep => ("proxy", $"asks the proxy: {entry}/{EscapedOrAsIs(path)}/@v/…"),
                DirectStep d => ("direct", Direct(path, d, environment)),
                RefusedStep { Reason: RefusalReason.NotPrivate } => ("skipped", "the implicit entry for GONOPROXY paths: this path does not match, go moves on"),
                RefusedStep r => ("skipped", "skipped: " + r.Message),
                _ => ("?", entry),
            };
            var onFailure = step is RefusedStep refused
                ? (refused.IsNotFound || step.Entry.FallBackOnError) && !last ? "next entry" : "go stops with this error"
                : last ? "go stops with this entry's error"
                : step.Entry.FallBackOnError ? "after any error, the next entry (|)"
                : "after 404 or 410 (not found), the next entry (,); any other error stops go";
            entries.Add(new RouteEntryExplanation(entry, kind, does, onFailure));
        }

        return new RouteExplanation(modulePath, pathError, route.ConfigurationError, privateWhy, entries, ChecksumDatabaseWhy(route, environment, path))
        {
            UsesChecksumDatabase = route.UsesChecksumDb,
        };
    }

    private static string EscapedOrAsIs(string path) => ModulePaths.TryEscapePath(path, out var escaped, out _) ? escaped : path;

    private static string Direct(string path, DirectStep step, GoEnvironment environment)
    {
        var policy = GoVcsPolicy.Parse(environment.Get("GOVCS").Value, environment.GoPrivate.Value, out var govcsError);
        var git = govcsError is not null ? "GOVCS is invalid, go stops: " + govcsError
            : policy.Check(path, "git") is { } refused ? refused
            : "GOVCS allows git";
        var insecure = step.Insecure ? "; " + Matched("GOINSECURE", environment.GoInsecure, path) + ": plain http and unverified https allowed" : "";
        return $"from the repository: https://{path}?go-get=1 names it (github.com and other known hosts need no page), then its VCS; {git}{insecure}";
    }

    private static string ChecksumDatabaseWhy(ModuleRoute route, GoEnvironment environment, string path)
    {
        var sumDb = environment.GoSumDb;
        if (route.UsesChecksumDb)
        {
            return path == ProxyRouting.ToolchainModule
                ? $"verified: toolchain downloads always are (GOSUMDB={Redaction.Words(sumDb.Value)}, {sumDb.Describe()})"
                : $"verified against {Redaction.Words(sumDb.Value)} ({sumDb.Describe()}), reached through the first GOPROXY entry that proxies it, else directly";
        }

        return sumDb.Value == "off" ? $"not consulted: GOSUMDB=off ({sumDb.Describe()})"
            : "not consulted: " + Matched("GONOSUMDB", environment.GoNoSumDb, path);
    }

    /// <summary>"matches GONOPROXY pattern `x` (set in …)": the first comma-separated pattern of the value that matches.</summary>
    private static string Matched(string name, EnvValue value, string path)
    {
        var pattern = value.Value.Split(',').Select(p => p.Trim()).FirstOrDefault(p => p.Length > 0 && ModulePaths.MatchPrefixPatterns(p, path)) ?? value.Value;
        return $"matches {name} pattern {pattern} ({value.Describe()})";
    }
}

/// <summary>One GOPROXY entry for one module path.</summary>
/// <param name="Entry">The entry as go prints it (credentials redacted).</param>
/// <param name="Kind"><c>proxy</c>, <c>direct</c> or <c>skipped</c> (go fails it without the network).</param>
/// <param name="Does">What go does with the entry for this path.</param>
/// <param name="OnFailure">What go does next when the entry fails.</param>
public sealed record RouteEntryExplanation(string Entry, string Kind, string Does, string OnFailure);
