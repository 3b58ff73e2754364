using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Reports;
using GoModLens.Host.Serve;
using GoModLens.Infrastructure.Composition;
using GoModLens.Infrastructure.Mirrors;
using GoModLens.ModFile.Module;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Versions;

namespace GoModLens.Host.Commands;

/// <summary>
/// `gomodlens mirrors [module@version]`: the editor's mirror latency table in a terminal. Every GOPROXY entry in force,
/// each --mirror and the public mirrors are asked for one module version, with DNS, connect, TLS and first byte timed
/// apart, and the fastest that serves it is named with the go env -w that switches to it (--write runs it). Exit 0 when
/// one serves it, 1 when none does, 2 on a usage error or a module go never sends to a proxy (GOPRIVATE/GONOPROXY).
/// </summary>
internal static class MirrorsCommand
{
    /// <summary>Probed when no module is named and no go.mod here requires a public one.</summary>
    private static readonly (string Path, string Version) s_defaultTarget = ("golang.org/x/mod", "v0.17.0");

    public static Command Create()
    {
        var target = new Argument<string?>("module@version")
        {
            Description = "The module version to ask every mirror for (default: the first public require of the go.mod here, else golang.org/x/mod@v0.17.0); a path alone takes the go.mod's version",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var goproxy = new Option<string?>("--goproxy") { Description = "Use this GOPROXY instead of go's effective value" };
        var mirror = new Option<string[]>("--mirror") { Description = "Another mirror to probe (your company's Athens or Artifactory); repeatable", AllowMultipleArgumentsPerToken = false };
        var noPublicMirrors = new Option<bool>("--no-public-mirrors") { Description = "Probe only GOPROXY's entries and --mirror: never proxy.golang.org, goproxy.cn, goproxy.io, Aliyun or Tencent" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var write = new Option<bool>("--write") { Description = "Switch to the fastest mirror serving the module: go env -w GOPROXY=<it>,direct, in the GOENV file" };
        var timeout = new Option<string?>("--timeout") { Description = "Deadline per mirror, a go duration such as 10s, 500ms or 1m30s (default 10s)" };
        var command = new Command("mirrors", "Measure the module mirrors from here (DNS, connect, TLS, first byte) and name the fastest that serves a module.")
        {
            target, goproxy, mirror, noPublicMirrors, json, timeout, write,
        };
        command.SetAction((parsed, ct) => RunAsync(new MirrorsArguments(parsed.GetValue(target), parsed.GetValue(goproxy), parsed.GetValue(mirror) ?? [],
            parsed.GetValue(noPublicMirrors), parsed.GetValue(json), parsed.GetValue(timeout)) { Write = parsed.GetValue(write) }, Console.Out, Console.Error, null, ct));
        return command;
    }

    /// <param name="configure">Test hook: adjusts the engine options (loopback mirrors only, no disk cache).</param>
    public static async Task<int> RunAsync(MirrorsArguments args, TextWriter stdout, TextWriter stderr, Func<EngineOptions, EngineOptions>? configure,
        CancellationToken cancellationToken)
    {
        if (TimeoutOption.Parse(args.Timeout, out var budget) is { } badTimeout)
        {
            await stderr.WriteAsync(badTimeout);
            return CheckCommand.ExitUsage;
        }

        if (CheckCommand.ParseMirrors(args.Mirrors, out var extra) is { } badMirror)
        {
            await stderr.WriteAsync(badMirror);
            return CheckCommand.ExitUsage;
        }

        var overrides = args.GoProxy is { } p ? new Dictionary<string, string>(StringComparer.Ordinal) { ["GOPROXY"] = p } : [];
        var environment = GoEnvironment.Compute(GoEnvironmentInput.FromCurrentProcess(overrides, args.Variables));
        var settings = environment.ToProxySettings();
        if (Analysis.ProxyConfig.ProxyList.Parse(settings.GoProxy, settings.GoNoProxy, settings.WindowsPaths).Error is { } proxyError)
        {
            await stderr.WriteAsync($"gomodlens: GOPROXY={Redaction.List(settings.GoProxy)} ({CheckCommand.Source(environment.GoProxy, args.GoProxy is not null)}): {Redaction.Words(proxyError)}\n");
            return CheckCommand.ExitUsage;
        }

        if (Target(args.Target, environment) is not { } module)
        {
            await stderr.WriteAsync($"gomodlens: which version of {args.Target}? Name one: {args.Target}@v1.2.3\n");
            return CheckCommand.ExitUsage;
        }

        if ((ModulePath.CheckPath(module.Path) ?? (Semver.IsValid(module.Version) ? null : $"invalid version \"{module.Version}\"")) is { } targetError)
        {
            await stderr.WriteAsync($"gomodlens: {targetError}\n");
            return CheckCommand.ExitUsage;
        }

        // A path go never sends to a proxy is not sent to one here either.
        if (ModulePath.MatchPrefixPatterns(settings.GoNoProxy, module.Path))
        {
            await stderr.WriteAsync($"gomodlens: {module.Path} matches GONOPROXY={settings.GoNoProxy} (GOPRIVATE): go fetches it from its repository, never from a mirror, so GoModLens sends it to none\n");
            return CheckCommand.ExitUsage;
        }

        // GOPRIVATE with GONOPROXY=none: go sends it to the configured (company) proxy, and to no public mirror.
        if (ModulePath.MatchPrefixPatterns(settings.GoPrivate, module.Path))
        {
            await stderr.WriteAsync($"gomodlens: {module.Path} matches GOPRIVATE={settings.GoPrivate}: a private path is sent to no public mirror\n");
            return CheckCommand.ExitUsage;
        }

        var options = new EngineOptions
        {
            PerModuleBudget = budget,
            FirstByteTimeout = budget,
            ExtraMirrors = extra,
            Mirrors = args.NoPublicMirrors ? [] : null,
            ProbeDirect = false,
        };
        options = configure?.Invoke(options) ?? options;
        using var engine = ResolutionEngineFactory.Create(environment, options);
        var mirrors = InfrastructureEngineFactory.TableMirrors(environment, extra, options.Mirrors ?? PublicMirrors.BuiltIn);
        ModulePath.TryEscapePath(module.Path, out var escapedPath, out _);
        ModulePath.TryEscapeVersion(module.Version, out var escapedVersion, out _);
        var probed = await engine.MirrorProber.ProbeAsync(mirrors, escapedPath!, escapedVersion!, cancellationToken);
        var table = probed.OrderBy(m => mirrors.IndexOf(m.Mirror)).ToList(); // GOPROXY's entries first, as configured
        var fastest = MirrorRanking.Fastest(table);
        var goProxy = new GoProxyInForce(settings.GoProxy, CheckCommand.Source(environment.GoProxy, args.GoProxy is not null));
        if (args.Json)
        {
            WriteJson(table, module, goProxy, fastest, stdout);
        }
        else
        {
            await stdout.WriteAsync($"GOPROXY={Redaction.List(goProxy.Value)} ({goProxy.Source})\n");
            await stdout.WriteAsync(MirrorReportText.Render(table, module.Path, module.Version));
            await stdout.WriteAsync(fastest is { } best
                ? $"fastest serving {module.Path}@{module.Version}: {Redaction.Url(best.Mirror.OriginalString)} ({DisplayMs(best.Elapsed)}): {Analysis.Findings.GoEnvCommand.For("GOPROXY", Redaction.List(SwitchTo(best)))}\n"
                : $"no mirror serves {module.Path}@{module.Version} from here\n");
        }

        if (fastest is null)
        {
            return CheckCommand.ExitFindings;
        }

        // With --json, stdout is the JSON alone: what was written goes to stderr.
        return args.Write ? await WriteGoProxyAsync(environment, SwitchTo(fastest), args.Json ? stderr : stdout, stderr, cancellationToken) : CheckCommand.ExitClean;
    }

    /// <summary>
    /// go env -w GOPROXY=…: the GOENV file rewritten atomically, every other line kept; go's own refusals and its warning
    /// when the process environment sets GOPROXY too (which then still wins).
    /// </summary>
    private static async Task<int> WriteGoProxyAsync(GoEnvironment environment, string value, TextWriter report, TextWriter stderr, CancellationToken cancellationToken)
    {
        var plan = GoEnvFileWriter.PlanSet(environment, ["GOPROXY=" + value]);
        if (!plan.IsValid)
        {
            await stderr.WriteAsync(Redaction.Text(plan.Error ?? "go: cannot write the go env file") + "\n");
            return CheckCommand.ExitUsage;
        }

        await GoEnvFileWriter.WriteAsync(plan, cancellationToken);
        foreach (var warning in plan.Warnings)
        {
            await stderr.WriteAsync("go: " + warning + "\n");
        }

        await report.WriteAsync($"wrote GOPROXY={Redaction.List(value)} to {plan.Path}\n");
        return CheckCommand.ExitClean;
    }

    /// <summary>The GOPROXY that uses <paramref name="best"/> and falls back to the repository, as go's default does.</summary>
    private static string SwitchTo(MirrorMeasurement best) => best.Mirror.AbsoluteUri.TrimEnd('/') + ",direct";

    private static string DisplayMs(TimeSpan t) => ((int)t.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture) + " ms";

    /// <summary>module@version as given; a path alone at the version the go.mod here requires; nothing: its first public require.</summary>
    private static (string Path, string Version)? Target(string? given, GoEnvironment environment)
    {
        if (given is { } g && g.LastIndexOf('@') is var at and > 0)
        {
            return (g[..at], g[(at + 1)..]);
        }

        var goMod = CheckCommand.LocateModuleFile(Environment.CurrentDirectory, workspaces: false) is { } file && environment.Files.ReadAllText(file) is { } text
            ? ModFileParser.Parse(file, text).Model
            : null;
        var requires = goMod?.Require ?? [];
        if (given is not null)
        {
            return requires.FirstOrDefault(r => r.Mod.Path == given) is { } required ? (given, required.Mod.Version) : null;
        }

        var noProxy = environment.ToProxySettings().GoNoProxy;
        return requires.FirstOrDefault(r => !ModulePath.MatchPrefixPatterns(noProxy, r.Mod.Path)) is { } first ? (first.Mod.Path, first.Mod.Version) : s_defaultTarget;
    }

    private static void WriteJson(IReadOnlyList<MirrorMeasurement> table, (string Path, string Version) module, GoProxyInForce goProxy, MirrorMeasurement? fastest, TextWriter w)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            static void Ms(Utf8JsonWriter json, string name, TimeSpan? t)
            {
                if (t is { } v)
                {
                    json.WriteNumber(name, (long)Math.Round(v.TotalMilliseconds));
                }
                else
                {
                    json.WriteNull(name);
                }
            }

            json.WriteStartObject();
            json.WriteStartObject("goproxy");
            json.WriteString("value", Redaction.List(goProxy.Value));
            json.WriteString("source", goProxy.Source);
            json.WriteEndObject();
            json.WriteString("module", module.Path);
            json.WriteString("version", module.Version);
            json.WriteStartArray("mirrors");
            foreach (var m in table)
            {
                json.WriteStartObject();
                json.WriteString("url", Redaction.Url(m.Mirror.OriginalString));
                json.WriteString("health", JsonNamingPolicy.CamelCase.ConvertName(m.Health.ToString()));
                json.WriteBoolean("servesModule", m.ServesModule);
                json.WriteString("failure", m.Kind == Analysis.Ports.FailureKind.None ? null : JsonNamingPolicy.CamelCase.ConvertName(m.Kind.ToString()));
                json.WriteString("goError", m.GoError is { } e ? Redaction.Words(e) : null);
                Ms(json, "dnsMs", m.Timings?.Dns);
                Ms(json, "connectMs", m.Timings?.Connect);
                Ms(json, "tlsMs", m.Timings?.Tls);
                Ms(json, "firstByteMs", m.Timings?.FirstByte);
                Ms(json, "totalMs", m.Elapsed);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (fastest is { } best)
            {
                json.WriteStartObject("fastest");
                json.WriteString("url", Redaction.Url(best.Mirror.OriginalString));
                json.WriteString("goproxy", Redaction.List(SwitchTo(best)));
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("fastest");
            }

            json.WriteEndObject();
        }

        w.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        w.Write('\n');
    }
}

/// <summary>Parsed arguments of `gomodlens mirrors`.</summary>
internal sealed record MirrorsArguments(string? Target, string? GoProxy, IReadOnlyList<string> Mirrors, bool NoPublicMirrors, bool Json, string? Timeout)
{
    /// <summary>--write: go env -w GOPROXY=&lt;the fastest serving mirror&gt;,direct.</summary>
    public bool Write { get; init; }

    /// <summary>Environment variables on top of this process's (tests; the CLI sets none).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();
}
