using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Findings;
using GoModLens.Analysis.GoSum;
using GoModLens.Analysis.ProxyConfig;
using GoModLens.Analysis.Reports;
using GoModLens.Analysis.Resolution;
using GoModLens.Analysis.Toolchain;
using GoModLens.Analysis.Vendoring;
using GoModLens.Analysis.Workspace;
using GoModLens.Host.Output;
using GoModLens.Infrastructure.Composition;
using GoModLens.ModFile.GoSum;
using GoModLens.ModFile.Semantics;

[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("GoModLens.Analysis.Tests")]

namespace GoModLens.Host.Commands;

/// <summary>
/// `gomodlens check &lt;go.mod&gt;`: every problem go would hit with this go.mod (syntax, semantics, resolution through
/// GOPROXY) plus the advisories of `go list -m -u`. Exit 0 = no errors or warnings (info does not fail unless --strict),
/// 1 = findings, 2 = usage or configuration error.
/// </summary>
internal static class CheckCommand
{
    public const int ExitClean = 0;
    public const int ExitFindings = 1;
    public const int ExitUsage = 2;
    public const string DefaultDocsBase = "https://github.com/gomodlens/gomodlens/blob/main/docs/diagnostics.md";

    public static Command Create()
    {
        var file = new Argument<string>("go.mod")
        {
            Description = "The go.mod or go.work to check, or a directory: its module's go.mod, found as go finds it (default: the current directory)",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => ".",
        };
        var format = new Option<string>("--format", "-f") { Description = "text, json, sarif or github (GitHub Actions annotations)", DefaultValueFactory = _ => "text" };
        var goproxy = new Option<string?>("--goproxy") { Description = "Use this GOPROXY instead of go's effective value" };
        var goprivate = new Option<string?>("--goprivate") { Description = "Use this GOPRIVATE instead of go's effective value" };
        var gosumdb = new Option<string?>("--gosumdb") { Description = "Use this GOSUMDB instead of go's effective value (e.g. off, sum.golang.google.cn)" };
        var timeout = new Option<string?>("--timeout") { Description = "Deadline per module, a go duration such as 10s, 500ms or 1m30s (default 10s)" };
        var noNetwork = new Option<bool>("--no-network") { Description = "Only local checks and the go module cache" };
        var strict = new Option<bool>("--strict") { Description = "Exit 1 on information findings too (e.g. upgrade available)" };
        var docs = new Option<string?>("--docs-base") { Description = "Base URL of docs/diagnostics.md for SARIF helpUri / JSON docs links" };
        var concurrency = new Option<int?>("--concurrency") { Description = $"Modules resolved at the same time (default {ResolveOptions.DefaultMaxConcurrency}; 3 requests each at most)" };
        var noGit = new Option<bool>("--no-git") { Description = "Where go would fetch a module directly (GOPRIVATE), fetch only its go-get page; do not run git ls-remote" };
        var mirror = new Option<string[]>("--mirror")
        {
            Description = "A module mirror to probe when a proxy fails (e.g. your company's Athens or Artifactory), besides the public ones; repeatable",
            AllowMultipleArgumentsPerToken = false,
        };
        var noPublicMirrors = new Option<bool>("--no-public-mirrors") { Description = "Suggest only --mirror mirrors: never probe proxy.golang.org, goproxy.cn, goproxy.io, Aliyun or Tencent" };
        var command = new Command("check", "Check a go.mod (or go.work) like the go command would: syntax, module paths, versions, proxy resolution, go.sum, updates, retractions, deprecations.")
        {
            file, format, goproxy, goprivate, gosumdb, timeout, noNetwork, strict, docs, concurrency, noGit, mirror, noPublicMirrors,
        };
        command.SetAction((parsed, ct) => RunAsync(new CheckArguments(
            parsed.GetValue(file)!, parsed.GetValue(format) ?? "text", parsed.GetValue(goproxy), parsed.GetValue(goprivate),
            parsed.GetValue(timeout), parsed.GetValue(noNetwork), parsed.GetValue(strict), parsed.GetValue(docs),
            parsed.GetValue(concurrency), parsed.GetValue(gosumdb), parsed.GetValue(noGit))
        {
            Mirrors = parsed.GetValue(mirror) ?? [],
            NoPublicMirrors = parsed.GetValue(noPublicMirrors),
        }, Console.Out, Console.Error, null, ct));
        return command;
    }

    /// <param name="configure">Test hook: adjusts the engine options (e.g. loopback-only mirrors, no disk cache).</param>
    /// <summary>
    /// For a `check` process only: a check is a short batch run, a cold one of kubernetes' 232 requires allocates
    /// ~45 MB, and collecting that cost ~20 % of its wall time (docs/benchmarks.md, Resolution). Up to 128 MB the run
    /// makes no garbage collection (peak RSS +5 MB); past that the region ends by itself and the GC works as usual.
    /// Never in the language server, whose memory must stay small, nor in tests that share a process.
    /// </summary>
    public static void RunWithoutGarbageCollection()
    {
        try
        {
            GC.TryStartNoGCRegion(128L * 1024 * 1024);
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or InvalidOperationException)
        {
            // A runtime whose ephemeral space is smaller: run with the GC as usual.
        }
    }

    public static async Task<int> RunAsync(CheckArguments args, TextWriter stdout, TextWriter stderr,
        Func<EngineOptions, EngineOptions>? configure, CancellationToken cancellationToken)
    {
        if (args.Format is not ("text" or "json" or "sarif" or "github"))
        {
            await stderr.WriteAsync($"gomodlens: unknown --format {args.Format} (want text, json, sarif or github)\n");
            return ExitUsage;
        }

        if (TimeoutOption.Parse(args.Timeout, out var budget) is { } badTimeout)
        {
            await stderr.WriteAsync(badTimeout);
            return ExitUsage;
        }

        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        if (args.GoProxy is { } p)
        {
            overrides["GOPROXY"] = p;
        }

        if (args.GoPrivate is { } priv)
        {
            overrides["GOPRIVATE"] = priv;
        }

        if (args.GoSumDb is { } sumDb)
        {
            overrides["GOSUMDB"] = sumDb;
        }

        var environment = GoEnvironment.Compute(GoEnvironmentInput.FromCurrentProcess(overrides, args.Variables));
        // GOWORK naming a file puts go in that workspace wherever it runs (whatever the file's name).
        var gowork = environment.Get("GOWORK").Value;
        if (Directory.Exists(args.Path))
        {
            // A directory: the module go works on there (the go.mod in it or above it), or the workspace of a go.work
            // root that is no module itself.
            if ((LocateModuleFile(Path.GetFullPath(args.Path), workspaces: gowork != "off")
                 ?? (Path.IsPathRooted(gowork) && File.Exists(gowork) ? gowork : null)) is not { } found)
            {
                await stderr.WriteAsync("go: go.mod file not found in current directory or any parent directory; see 'go help modules'\n");
                return ExitUsage;
            }

            args = args with { Path = GoPaths.ShortPath(found, Environment.CurrentDirectory) };
        }

        string text;
        try
        {
            text = await File.ReadAllTextAsync(args.Path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "no such file or directory"
                : e is UnauthorizedAccessException ? "permission denied" : e.Message;
            await stderr.WriteAsync($"go: open {args.Path}: {reason}\n");
            return ExitUsage;
        }

        var settings = environment.ToProxySettings();
        var list = ProxyList.Parse(settings.GoProxy, settings.GoNoProxy, settings.WindowsPaths);
        if (!list.IsValid)
        {
            await stderr.WriteAsync($"gomodlens: GOPROXY={Redaction.List(settings.GoProxy)} ({Source(environment.GoProxy, args.GoProxy is not null)}): {Redaction.Words(list.Error ?? "")}\n");
            return ExitUsage;
        }

        if (GoAuthConfig.Parse(environment.GoAuth.Value, settings.WindowsPaths).Error is { } goAuthError)
        {
            await stderr.WriteAsync($"gomodlens: GOAUTH={environment.GoAuth.Value} ({Source(environment.GoAuth, false)}): {goAuthError}\n");
            return ExitUsage;
        }

        // A GOFLAGS (or CC, CXX, FC) that stops builds or downloads; what stops only go get or go mod tidy (-insecure,
        // -e=maybe) is a finding (GML2016).
        if (environment.GoFlags.Problems.FirstOrDefault(p => p.StopsDownloadsOrBuilds) is { } goFlagsProblem)
        {
            var culprit = goFlagsProblem.Setting ?? environment.GoFlagsValue;
            await stderr.WriteAsync(Redaction.Text($"gomodlens: {culprit.Name}={culprit.Value} ({Source(culprit, false)}) stops {goFlagsProblem.Commands}:\n\t{goFlagsProblem.GoOutput}\n"));
            return ExitUsage;
        }

        if (args.Concurrency is < 1 or > ResolveOptions.ConcurrencyLimit)
        {
            await stderr.WriteAsync($"gomodlens: invalid --concurrency {args.Concurrency} (want 1 to {ResolveOptions.ConcurrencyLimit})\n");
            return ExitUsage;
        }

        if (ParseMirrors(args.Mirrors, out var mirrors) is { } badMirror)
        {
            await stderr.WriteAsync(badMirror);
            return ExitUsage;
        }

        var options = new EngineOptions
        {
            PerModuleBudget = budget,
            NoNetwork = args.NoNetwork,
            RunGit = !args.NoGit,
            MaxConcurrency = args.Concurrency ?? ResolveOptions.DefaultMaxConcurrency,
            ExtraMirrors = mirrors,
            Mirrors = args.NoPublicMirrors ? [] : null,
            // The checksum database's public mirror is a public mirror too.
            ChecksumDatabaseMirror = args.NoPublicMirrors ? null : new EngineOptions().ChecksumDatabaseMirror,
        };
        options = configure?.Invoke(options) ?? options;
        using var engine = ResolutionEngineFactory.Create(environment, options);
        var started = Stopwatch.GetTimestamp();
        var (findings, ordered, requests, zips) = IsGoWork(args.Path) || (Path.IsPathRooted(gowork) && GoPaths.KeyComparer.Equals(Path.GetFullPath(args.Path), gowork))
            ? await CheckWorkspaceAsync(args.Path, text, environment, engine, args, cancellationToken)
            : await CheckModuleAsync(args.Path, text, environment, engine, args, cancellationToken);
        var result = new CheckResult(args.Path, Redaction.List(settings.GoProxy), Source(environment.GoProxy, args.GoProxy is not null), findings, ordered,
            Stopwatch.GetElapsedTime(started), requests, args.NoNetwork)
        {
            ZipHashes = zips,
            GoProxyFromProcessEnvironment = args.GoProxy is null && environment.GoProxy.Source == EnvSource.ProcessEnvironment,
        };
        var docsBase = args.DocsBase ?? DefaultDocsBase;
        switch (args.Format)
        {
            case "json":
                JsonCheckWriter.Write(result, stdout, docsBase);
                break;
            case "sarif":
                SarifCheckWriter.Write(result, stdout, docsBase);
                break;
            case "github":
                GitHubCheckWriter.Write(result, stdout);
                break;
            default:
                TextCheckWriter.Write(result, stdout);
                break;
        }

        return ExitCode(findings, args.Strict);
    }

    private static bool IsGoWork(string path) => Path.GetFileName(path) == "go.work";

    /// <summary>modload.findModuleRoot from <paramref name="directory"/>: the nearest go.mod up the tree, or a go.work met first.</summary>
    internal static string? LocateModuleFile(string directory, bool workspaces)
    {
        for (var dir = directory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "go.mod")))
            {
                return Path.Combine(dir, "go.mod");
            }

            if (workspaces && File.Exists(Path.Combine(dir, "go.work")))
            {
                return Path.Combine(dir, "go.work");
            }
        }

        return null;
    }

    // One parse per workspace module's go.mod for the whole run: check go.work looks the workspace up from every module.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<GoEnvironment, Func<string, GoModFile?>> s_goMods = [];

    private static Func<string, GoModFile?> GoModsOnce(GoEnvironment environment) => s_goMods.GetValue(environment, env =>
    {
        var parsed = new System.Collections.Concurrent.ConcurrentDictionary<string, GoModFile?>(StringComparer.Ordinal);
        return path => parsed.GetOrAdd(path, p => env.Files.ReadAllText(p) is { } text ? ModFileParser.Parse(p, text).Model : null);
    });

    // One parse per go.sum (or go.work.sum) for the whole run, named as seen from here; a missing file is an empty one,
    // as go reads it. check go.work reads every workspace module's go.sum from every module.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<GoEnvironment, Func<string, GoSumFile>> s_sumFiles = [];

    private static Func<string, GoSumFile> SumFilesOnce(GoEnvironment environment) => s_sumFiles.GetValue(environment, env =>
    {
        var parsed = new System.Collections.Concurrent.ConcurrentDictionary<string, GoSumFile>(StringComparer.Ordinal);
        return path => parsed.GetOrAdd(path, p => env.Files.ReadAllText(p) is { } text
            ? GoSumFile.Parse(GoPaths.ShortPath(p, Environment.CurrentDirectory), text)
            : GoSumFile.Absent(GoPaths.ShortPath(p, Environment.CurrentDirectory)));
    });

    /// <summary>
    /// `check go.work`: the go.work's own findings (go's parse errors, why go would refuse the workspace), then each
    /// workspace module checked as its go.mod, in workspace mode, through one engine (one request per URL for all).
    /// </summary>
    private static async Task<(IReadOnlyList<Finding> Findings, List<RequirementReport> Reports, int Requests, IReadOnlyList<ModuleZipHash> Zips)> CheckWorkspaceAsync(string path, string text,
        GoEnvironment environment, ResolutionEngine engine, CheckArguments args, CancellationToken cancellationToken)
    {
        var workspace = GoWorkspace.Load(Path.GetFullPath(path), text, environment.Files, Environment.CurrentDirectory, environment.ToProxySettings().BuildMod, GoModsOnce(environment));
        var findings = WorkspaceFindings.ForGoWork(workspace, text, environment).ToList(); // vendoring: each module's findings below say it
        var requests = 0;

        // go switches toolchains on the go.work's go and toolchain lines alone, whichever module it runs in (a module's
        // newer go line is a workspace refusal above, not a switch): one finding, on the go.work's line, as go run in
        // the workspace directory words it.
        var toolchain = environment.Get("GOWORK").Value == "off" ? null // the modules' own lines decide, each said on its go.mod
            : await ToolchainCheck.RunAsync(environment, workspace.GoLine, workspace.ToolchainLine, engine.Resolver,
                engine.Options with { GoModDirectory = workspace.Directory, Workspace = workspace }, cancellationToken);
        requests += toolchain?.Resolution is null ? 0 : engine.Resolver.LastRunRequestCount;
        if (toolchain is not null && workspace.Parse is { } workParse
            && FindingsBuilder.FromToolchain(toolchain, workParse.Model, workParse.Syntax.Name, itsOwnLines: true) is { } switchFinding)
        {
            findings = [.. findings.Append(switchFinding).OrderBy(f => f.Range.Start.Utf16Offset)];
        }

        // go.work.sum's lines go cannot read (each module's go.sum gets the same check below).
        findings.AddRange(GoSumChecker.FromDiagnostics(SumFilesOnce(environment)(workspace.FilePath + ".sum")));
        var reports = new List<RequirementReport>();
        var zips = new List<ModuleZipHash>();
        foreach (var module in workspace.Modules.Where(m => m.GoMod is not null).DistinctBy(m => m.Directory))
        {
            var goModPath = GoPaths.ShortPath(Path.Combine(module.Directory, "go.mod"), Environment.CurrentDirectory);
            string goMod;
            try
            {
                goMod = await File.ReadAllTextAsync(goModPath, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // it was readable a moment ago; the go.work findings cover a missing one
            }

            var (moduleFindings, moduleReports, moduleRequests, moduleZips) = await CheckModuleAsync(goModPath, goMod, environment, engine, args, cancellationToken,
                toolchainDecidedBy: workspace.FilePath);
            // The workspace's refusals are on the go.work already, and its go/toolchain lines decide for every module
            // alike. A wrong line in a sum file the modules share (go.work.sum) is found from each module that needs it.
            findings.AddRange(moduleFindings.Where(f => f.Code != FindingCodes.InvalidWorkspace
                && !(f.Code == FindingCodes.InvalidGoFlags && findings.Any(o => o.Code == f.Code && o.GoMessage == f.GoMessage)) // once, on the go.work
                && !(f.Code is GoSumFindingCodes.GoModChecksumMismatch or GoSumFindingCodes.ModuleChecksumMismatch
                    && findings.Any(o => o.Code == f.Code && o.FileName == f.FileName && o.Range.Start.Utf16Offset == f.Range.Start.Utf16Offset && o.GoMessage == f.GoMessage && o.Message == f.Message))));
            reports.AddRange(moduleReports);
            zips.AddRange(moduleZips.Where(z => !zips.Any(o => o.Module == z.Module)));
            requests += moduleRequests;
        }

        return (findings, reports, requests, zips);
    }

    /// <summary>Everything about one go.mod: its own findings, resolution, the toolchain switch, the checksum database.</summary>
    private static async Task<(IReadOnlyList<Finding> Findings, List<RequirementReport> Reports, int Requests, IReadOnlyList<ModuleZipHash> Zips)> CheckModuleAsync(string path, string text,
        GoEnvironment environment, ResolutionEngine engine, CheckArguments args, CancellationToken cancellationToken, string? toolchainDecidedBy = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        var workspace = directory is null ? null : GoWorkspace.Find(environment, directory, GoModsOnce(environment));
        var parse = ModFileParser.Parse(path, text, ParseMode.Strict);
        var vendor = directory is null ? null : VendorState.For(environment, directory, parse.Model, workspace);
        var resolveOptions = engine.Options with { GoModDirectory = directory, Workspace = workspace, Vendor = vendor };

        // No go.sum is an empty one: go needs the lines all the same (missing go.sum entry for go.mod file).
        // go reads tools.sum with -modfile=tools.mod.
        var sum = directory is null ? null : SumFilesOnce(environment)(GoPaths.SumFileFor(Path.GetFullPath(path)));
        // The files go checks downloads against: the go.sum, or in workspace mode go.work.sum and every workspace
        // module's go.sum. Builds from vendor/ read none.
        var workspaceMode = resolveOptions.IsWorkspaceModule;
        var sums = vendor is not null ? null
            : workspaceMode ? workspace!.SumSet(SumFilesOnce(environment))
            : sum is null ? null : GoSumSet.Module(sum);

        // go's fixer asks the proxy what a non-canonical version means (master, latest, v1.2) before anything else, and
        // goes on with the answer in memory.
        var queries = new Dictionary<QueriedVersion, VersionQueryResult>();
        var requests = 0;
        if (!args.NoNetwork)
        {
            foreach (var q in VersionQueryFindings.QueriedVersions(parse, text))
            {
                queries[q] = await engine.Resolver.ResolveQueryAsync(q.ModulePath, q.Query, resolveOptions, cancellationToken);
                requests += engine.Resolver.LastRunRequestCount;
            }
        }

        var model = VersionQueryFindings.WithQueriedVersions(parse, text, queries);

        // A major version the path does not carry: go makes no request, GOPROXY says which way out exists.
        IReadOnlyList<MajorVersionFixes.ConfirmedFix> majorFixes = [];
        if (!args.NoNetwork)
        {
            (majorFixes, var majorRequests) = await MajorVersionFixes.ProbeAsync(engine.Resolver, parse, text, resolveOptions, cancellationToken);
            requests += majorRequests;
        }
        var reports = new List<RequirementReport>();
        var zipHashing = new List<Task<ModuleZipHash?>>();
        if (model.Require.Count > 0)
        {
            await foreach (var report in engine.Resolver.ResolveAllAsync(model, resolveOptions, cancellationToken))
            {
                reports.Add(report);
                // The module line of a version go takes from a repository: the tree's zip, hashed while the rest resolves.
                if (sums is not null && report.Target.Version.Length > 0 && sums.Files.Any(f => GoSumChecker.HasModuleEntry(f, new ModuleVersionKey(report.Target.Path, report.Target.Version))))
                {
                    zipHashing.Add(engine.Resolver.ModuleZipHashAsync(report, resolveOptions, cancellationToken));
                }
            }

            requests += engine.Resolver.LastRunRequestCount;
        }

        // The toolchain switch comes first in go: a go line newer than the local toolchain is downloaded through GOPROXY.
        // The go.work being checked has said it already when its lines decide for this module.
        var toolchain = workspace is not null && toolchainDecidedBy is not null && GoPaths.KeyComparer.Equals(workspace.FilePath, toolchainDecidedBy)
            ? null
            : await ToolchainCheck.RunAsync(environment, ToolchainSelection.Lookup(text, "go"), ToolchainSelection.Lookup(text, "toolchain"),
            engine.Resolver, resolveOptions, cancellationToken);
        requests += toolchain?.Resolution is null ? 0 : engine.Resolver.LastRunRequestCount;

        // go verifies every module missing from go.sum against the checksum database before it trusts it.
        var extra = new List<Finding>();
        List<ModuleZipHash> zipHashes = [];
        if (sums is not null)
        {
            // The "/go.mod" hashes against the go.mod files the resolver downloaded (go's checkGoMod: SECURITY ERROR).
            var downloaded = reports.Where(r => r.GoMod is not null && r.Target.Version.Length > 0)
                .GroupBy(r => new ModuleVersionKey(r.Target.Path, r.Target.Version))
                .ToDictionary(g => g.Key, g => g.First().GoMod!);
            // The module lines: against the zip go would create from a repository, a proxy's zip for a GONOSUMDB path,
            // or the checksum database's record.
            zipHashes = (await Task.WhenAll(zipHashing)).OfType<ModuleZipHash>().ToList();
            if (!args.NoNetwork)
            {
                zipHashes.AddRange(await ChecksumDatabase.RecordsForGoModMismatchesAsync(engine.Resolver, sums, downloaded, zipHashes, resolveOptions, cancellationToken));
            }

            if (!workspaceMode && sum is not null)
            {
                // What go build and go list stop at in go.sum: lines go cannot read, the hashes a require needs, and
                // hashes that differ from what go downloads.
                var goAddsSums = environment.GoFlags.UpdatesModFiles;
                extra.AddRange(GoSumChecker.Check(sum, model, downloaded, goAddsSums, zipHashes));
                extra.AddRange(GoSumChecker.MissingBelowGraphPruning(sum, model, reports, goAddsSums));
            }
            else if (workspaceMode)
            {
                // Workspace mode: go verifies a missing sum and writes it to go.work.sum, but a line it cannot read or
                // a differing hash in any of the workspace's sum files stops it.
                extra.AddRange(sum is null ? [] : GoSumChecker.FromDiagnostics(sum));
                extra.AddRange(GoSumChecker.Mismatches(sums, downloaded, zipHashes));
            }
        }

        if (directory is not null && !args.NoNetwork)
        {
            var (unverifiable, sumDbRequests) = await ChecksumDatabase.CheckAsync(engine.Resolver, model, sums, reports, resolveOptions, parse.Syntax.Name, cancellationToken);
            extra.AddRange(unverifiable);
            requests += sumDbRequests;
        }

        var ordered = reports.OrderBy(r => r.Require?.Syntax.Start.Utf16Offset ?? 0).ToList();
        var goWork = environment.Get("GOWORK").Value;
        var checkoutSearch = new CheckoutSearchOptions(GoPath: environment.GoPath.Value, GoWorkPath: goWork.Length == 0 ? null : goWork,
            Budget: TimeSpan.FromMilliseconds(500));
        var context = engine.Context with
        {
            GoModDirectory = directory,
            WorkingDirectory = Environment.CurrentDirectory,
            Workspace = workspace,
            Vendor = vendor,
            GoSumForBuilds = vendor is null && !workspaceMode && !environment.GoFlags.UpdatesModFiles ? sum : null,
            GoSums = sums,
            FindCheckout = directory is null ? null : module => LocalCheckoutFinder.Default.Find(directory, module, checkoutSearch).Candidates is [var closest, ..] ? closest : null,
        };
        // go env -w cannot override what the process environment sets: those fixes say where to change it instead.
        var findings = MajorVersionFixes.Apply(FindingsBuilder.Build(parse, text, ordered, context, queries), majorFixes)
            .Select(f => SetInProcessEnvironment.Adapt(f, key => environment.Get(key).Source == EnvSource.ProcessEnvironment)).ToList();
        if (toolchain is not null && FindingsBuilder.FromToolchain(toolchain, parse.Model, parse.Syntax.Name) is { } switchFinding)
        {
            extra.Add(switchFinding);
        }

        // A go.mod go cannot read under a wrong go.sum hash: the go.sum line says it (GML1508 there), once.
        findings.RemoveAll(f => f.Code == GoSumFindingCodes.GoModChecksumMismatch && f.FileName == parse.Syntax.Name
            && extra.Any(o => o.Code == f.Code && o.GoMessage == f.GoMessage));
        if (extra.Count > 0)
        {
            findings = [.. findings.Concat(extra).OrderBy(f => f.FileName == parse.Syntax.Name ? 0 : 1) // the go.sum's own lines after the go.mod's
                .ThenBy(f => f.Range.Start.Utf16Offset).ThenBy(f => f.Code, StringComparer.Ordinal)];
        }

        return (findings, ordered, requests, zipHashes);
    }

    /// <summary>Errors and warnings fail; information and hints fail only with --strict.</summary>
    public static int ExitCode(IReadOnlyList<Finding> findings, bool strict) =>
        findings.Any(f => f.Severity is FindingSeverity.Error or FindingSeverity.Warning || (strict && f.Severity is FindingSeverity.Information or FindingSeverity.Hint))
            ? ExitFindings
            : ExitClean;

    /// <summary>--mirror values as URLs; the error line for the first that is no https, http or file:// URL.</summary>
    internal static string? ParseMirrors(IEnumerable<string> values, out List<Uri> mirrors)
    {
        mirrors = [];
        foreach (var m in values)
        {
            if (!Uri.TryCreate(m, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http" or "file"))
            {
                return $"gomodlens: invalid --mirror {Redaction.List(m)} (want an https, http or file:// URL)\n";
            }

            mirrors.Add(url);
        }

        return null;
    }

    internal static string Source(EnvValue value, bool commandLine) => commandLine ? "command line --goproxy" : value.Describe();
}

/// <summary>Parsed arguments of `gomodlens check`.</summary>
internal sealed record CheckArguments(string Path, string Format = "text", string? GoProxy = null, string? GoPrivate = null,
    string? Timeout = null, bool NoNetwork = false, bool Strict = false, string? DocsBase = null, int? Concurrency = null, string? GoSumDb = null,
    bool NoGit = false)
{
    /// <summary>Environment variables on top of this process's (tests run several checks in one process; the CLI sets none).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>--mirror: the user's own mirrors, probed with the public ones when a proxy fails.</summary>
    public IReadOnlyList<string> Mirrors { get; init; } = [];

    /// <summary>--no-public-mirrors: probe only <see cref="Mirrors"/> (and no public checksum database mirror).</summary>
    public bool NoPublicMirrors { get; init; }
}
