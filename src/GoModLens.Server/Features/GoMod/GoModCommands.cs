using System.Text.Json;
using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Reports;
using GoModLens.Protocol;
using GoModLens.Server.Transport;

namespace GoModLens.Server.Features.GoMod;

/// <summary>The workspace/executeCommand commands of docs/client-contract.md.</summary>
internal sealed class GoModCommands(GoModServices services)
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "gomodlens.checkNow", "gomodlens.showMirrorReport", "gomodlens.setGoproxy", "gomodlens.setGoproxyFastest",
        "gomodlens.addGoPrivate", "gomodlens.setGoEnv", "gomodlens.showEnvironment", "gomodlens.clearCache", "gomodlens.goModDownload",
        "gomodlens.goVendor", "gomodlens.goGet", "gomodlens.goModTidy",
    ];

    public async ValueTask<CommandOutcome> ExecuteAsync(string command, IReadOnlyList<JsonElement> arguments, AnalysisContext context,
        CancellationToken cancellationToken)
    {
        if (command is "gomodlens.goModDownload" or "gomodlens.goVendor" or "gomodlens.goGet" or "gomodlens.goModTidy" && NotAFile(arguments, context) is { } notAFile)
        {
            return notAFile;
        }

        switch (command)
        {
            case "gomodlens.checkNow":
                services.Engines.Clear(persistent: false);
                services.Reports.Clear();
                services.GoMods.Clear();
                return new CommandOutcome([]) { Reanalyze = true, Result = Json(new RecheckingResult(true)) };
            case "gomodlens.clearCache":
                services.Engines.Clear(persistent: true);
                services.Reports.Clear();
                services.GoMods.Clear();
                services.Mirrors.Clear();
                return new CommandOutcome([]) { Reanalyze = true, Result = Json(new CacheClearedResult(true)) };
            case "gomodlens.showEnvironment":
                return new CommandOutcome([], Result: Json(EnvironmentReport.Render(services.Environments.Get(context.Settings))));
            case "gomodlens.showMirrorReport" or "gomodlens.setGoproxyFastest" when !context.Settings.NetworkEnabled:
                // network.enabled=false means no request at all, even for an explicit probe.
                return new CommandOutcome([], "network.enabled is false: GoModLens makes no network requests, so no mirror was probed");
            case "gomodlens.showMirrorReport":
                {
                    var env = services.Environments.Get(context.Settings);
                    var (path, version) = Target(arguments, context);
                    var table = await services.Mirrors.ProbeNowAsync(services.Engines.Get(env, context.Settings), path, version, cancellationToken)
                        .ConfigureAwait(false);
                    var markdown = MirrorReportMarkdown.Render(table, path, version, services.Options.TimeProvider.GetUtcNow(), GoProxyInForce.From(env.GoProxy));
                    return new CommandOutcome([], Result: Json(markdown));
                }

            case "gomodlens.setGoproxyFastest":
                {
                    var env = services.Environments.Get(context.Settings);
                    var (path, version) = Target(arguments, context);
                    var table = await services.Mirrors.ProbeNowAsync(services.Engines.Get(env, context.Settings), path, version, cancellationToken)
                        .ConfigureAwait(false);
                    if (MirrorRanking.Fastest(table) is not { } best)
                    {
                        return new CommandOutcome([], Result: Json<object?>(null));
                    }

                    var value = best.Mirror.AbsoluteUri.TrimEnd('/') + ",direct";
                    var plan = GoEnvFileWriter.PlanSet(services.Environments.GetForGoEnvWrite(), ["GOPROXY=" + value]);
                    return new CommandOutcome([], Result: Json(new FastestMirrorResult(value, Preview(plan))));
                }

            case "gomodlens.setGoproxy":
                {
                    var value = String(arguments, 0) ?? throw new Dispatch.LspErrorException(ErrorCodes.InvalidParams, "setGoproxy needs a value");
                    var scope = String(arguments, 1) ?? "goenv";
                    if (scope == "workspace")
                    {
                        // GoModLens only: the server uses it from now on; a client that can (VS Code) also stores it in its settings.
                        return new CommandOutcome([], $"GoModLens now uses GOPROXY={Redaction.List(value)}; go itself is unchanged. To keep it, set gomodlens.goproxy in your editor's settings.",
                            Json(value)) { SessionGoProxy = value, Reanalyze = true };
                    }

                    return await WriteGoEnvAsync("GOPROXY", value, Bool(arguments, 2), Bool(arguments, 3) ? [value, scope, true] : null, command, cancellationToken)
                        .ConfigureAwait(false);
                }

            case "gomodlens.addGoPrivate":
                {
                    var pattern = String(arguments, 0) ?? throw new Dispatch.LspErrorException(ErrorCodes.InvalidParams, "addGoPrivate needs a pattern");
                    var existing = services.Environments.GetForGoEnvWrite().GoPrivate.Value;
                    var patterns = existing.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                    var value = patterns.Contains(pattern, StringComparer.Ordinal) ? existing : existing.Length == 0 ? pattern : existing + "," + pattern;
                    return await WriteGoEnvAsync("GOPRIVATE", value, Bool(arguments, 1), Bool(arguments, 2) ? [pattern, true] : null, command, cancellationToken)
                        .ConfigureAwait(false);
                }

            case "gomodlens.setGoEnv":
                {
                    // Only the keys the quick fixes set (the checksum database's, GOFLAGS); GOPROXY and GOPRIVATE have their own commands.
                    var key = String(arguments, 0);
                    var value = String(arguments, 1) ?? throw new Dispatch.LspErrorException(ErrorCodes.InvalidParams, "setGoEnv needs a key and a value");
                    if (key is not ("GOSUMDB" or "GONOSUMDB" or "GOFLAGS"))
                    {
                        throw new Dispatch.LspErrorException(ErrorCodes.InvalidParams, $"setGoEnv does not set {key}");
                    }

                    return await WriteGoEnvAsync(key, value, Bool(arguments, 2), Bool(arguments, 3) ? [key, value, true] : null, command, cancellationToken)
                        .ConfigureAwait(false);
                }

            case "gomodlens.goModDownload":
                {
                    // A module path: its lines; no second argument: every require's (go mod download with no arguments).
                    var all = arguments.Count == 1;
                    var module = String(arguments, 1);
                    if ((!all && (module is null || ModFile.Module.ModulePath.CheckPath(module) is not null)) || GoModDirectory(arguments) is not { } directory)
                    {
                        // The arguments are the client's: an LSP error for it, not a server fault.
                        throw new Dispatch.LspErrorException(ErrorCodes.InvalidParams, "goModDownload needs the go.mod's file URI and a module path (or none for every require)");
                    }

                    return Unsaved(arguments, context)
                        ?? await RunGoAsync(directory, all ? ["mod", "download", .. ModFileFlag(arguments)] : ["mod", "download", .. ModFileFlag(arguments), module!], "go.sum updated", context, cancellationToken).ConfigureAwait(false);
                }

            case "gomodlens.goVendor":
                {
                    // "mod": go mod vendor; "work": go work vendor (go mod vendor refuses to run in workspace mode).
                    var scope = String(arguments, 1);
                    if (scope is not ("mod" or "work") || GoModDirectory(arguments) is not { } directory)
                    {
                        throw new Dispatch.LspErrorException(ErrorCodes.InvalidParams, "goVendor needs the go.mod's file URI and \"mod\" or \"work\"");
                    }

                    return Unsaved(arguments, context)
                        ?? await RunGoAsync(directory, [scope, "vendor", .. scope == "mod" ? ModFileFlag(arguments) : []], "vendor/ synced", context, cancellationToken).ConfigureAwait(false);
                }

            case "gomodlens.goGet":
                {
                    // Each argument after the URI is module@version, checked as go would before it gets near a command line.
                    var targets = arguments.Skip(1).Select(a => a.ValueKind == JsonValueKind.String ? a.GetString() : null).ToList();
                    if (GoModDirectory(arguments) is not { } directory || targets.Count == 0 || !targets.All(IsModuleVersion))
                    {
                        throw new Dispatch.LspErrorException(ErrorCodes.InvalidParams, "goGet needs the go.mod's file URI and module@version arguments");
                    }

                    return Unsaved(arguments, context)
                        ?? await RunGoAsync(directory, ["get", .. ModFileFlag(arguments), .. targets!], "go.mod and go.sum updated", context, cancellationToken).ConfigureAwait(false);
                }

            case "gomodlens.goModTidy":
                {
                    if (GoModDirectory(arguments) is not { } directory)
                    {
                        throw new Dispatch.LspErrorException(ErrorCodes.InvalidParams, "goModTidy needs the go.mod's file URI");
                    }

                    return Unsaved(arguments, context)
                        ?? await RunGoAsync(directory, ["mod", "tidy", .. ModFileFlag(arguments)], "go.mod and go.sum tidied", context, cancellationToken).ConfigureAwait(false);
                }

            default:
                return CommandOutcome.None;
        }
    }

    /// <summary>
    /// The go commands for an open go.mod that is no file, such as an untitled document (its code lenses and actions
    /// do not offer them, but a client may still send one): go runs in the go.mod's directory, so the user is told why
    /// nothing ran rather than that the arguments were wrong. Any other URI that is no file stays a wrong argument.
    /// </summary>
    private static CommandOutcome? NotAFile(IReadOnlyList<JsonElement> arguments, AnalysisContext context) =>
        String(arguments, 0) is { } goModUri && context.Workspace.TryGetDocument(goModUri) is { Kind: DocumentKind.GoMod, FilePath: null }
            ? new CommandOutcome([], $"{goModUri} is not a file on disk, and go runs in the go.mod's directory: save it first")
            : null;

    /// <summary>The directory of the go.mod whose file URI is the first argument, if it exists.</summary>
    private static string? GoModDirectory(IReadOnlyList<JsonElement> arguments) =>
        String(arguments, 0) is { } goModUri && Uri.TryCreate(goModUri, UriKind.Absolute, out var uri) && uri.IsFile
        && Path.GetDirectoryName(uri.LocalPath) is { } directory && Directory.Exists(directory)
            ? directory
            : null;

    /// <summary>A module file not named go.mod (tools.mod) is one go reads only with <c>-modfile=tools.mod</c> (and tools.sum with it).</summary>
    private static string[] ModFileFlag(IReadOnlyList<JsonElement> arguments) =>
        String(arguments, 0) is { } goModUri && Uri.TryCreate(goModUri, UriKind.Absolute, out var uri) && uri.IsFile
        && Analysis.Workspace.GoPaths.ModFileFlag(uri.LocalPath) is { } flag
            ? [flag]
            : [];

    // path@version, or a package's path@latest (a tool's module: go get finds the module that provides it).
    private static bool IsModuleVersion(string? argument) =>
        argument?.Split('@') is [var path, var version]
        && ModFile.Module.ModulePath.CheckPath(path) is null
        && (version == "latest"
            || (ModFile.Versions.Semver.IsValid(version)
                && (ModFile.Versions.Semver.Canonical(version) == version || ModFile.Versions.Semver.Canonical(version) + "+incompatible" == version)));

    /// <summary>
    /// Every go command here may rewrite the go.mod on disk: go get and go mod tidy always can, and go mod download and
    /// go mod vendor do when it holds a version go's fixer answers (latest, v1.2, v1.2.3+meta). With unsaved edits in the
    /// editor one of the two versions would be lost, so the command asks for a save first.
    /// </summary>
    private static CommandOutcome? Unsaved(IReadOnlyList<JsonElement> arguments, AnalysisContext context)
    {
        if (String(arguments, 0) is not { } goModUri || !Uri.TryCreate(goModUri, UriKind.Absolute, out var uri)
            || context.Workspace.TryGetDocument(uri.AbsoluteUri) is not { } open)
        {
            return null;
        }

        var path = uri.LocalPath;
        string? onDisk;
        try
        {
            onDisk = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            onDisk = null;
        }

        return onDisk == open.Text ? null : new CommandOutcome([], $"{path} has unsaved changes: save it first (go rewrites the file on disk)");
    }

    /// <summary>
    /// Runs a quick fix's go command (arguments already checked) with the editor's GOPROXY/GOPRIVATE, which GoModLens
    /// resolved with, so go fetches the same way; not at all when the network is off, since go would make requests.
    /// </summary>
    private async ValueTask<CommandOutcome> RunGoAsync(string directory, IReadOnlyList<string> goArguments, string done, AnalysisContext context,
        CancellationToken cancellationToken)
    {
        var shown = "go " + string.Join(' ', goArguments);
        if (!context.Settings.NetworkEnabled)
        {
            return new CommandOutcome([], $"network.enabled is false: GoModLens does not run {shown} (run it yourself)");
        }

        context.Progress.Report($"Running {shown} in {directory}");
        var env = services.Environments.Get(context.Settings);
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "GOPROXY", "GOPRIVATE" })
        {
            if (env.Get(name).Source == EnvSource.EditorSetting)
            {
                overrides[name] = env.Get(name).Value;
            }
        }

        var (ok, output) = await GoCommandRunner.RunAsync(env, services.Options.ProcessEnvironment ?? GoEnvironmentInput.FromCurrentProcess().ProcessEnvironment,
            overrides, directory, goArguments, cancellationToken).ConfigureAwait(false);
        return ok
            ? new CommandOutcome([], $"{shown}: {done}") { Reanalyze = true }
            : new CommandOutcome([], $"{shown} failed: {output}");
    }

    /// <summary>
    /// Without confirm: the preview only, and with <paramref name="askThenRun"/> (a quick fix, which has no UI of its
    /// own in most editors) also a question to the user whose "Write" runs the command again with those arguments.
    /// With confirm: go env -w's exact rewrite, written atomically.
    /// </summary>
    private async ValueTask<CommandOutcome> WriteGoEnvAsync(string key, string value, bool confirm, object[]? askThenRun, string command,
        CancellationToken cancellationToken)
    {
        var env = services.Environments.GetForGoEnvWrite();
        var plan = GoEnvFileWriter.PlanSet(env, [key + "=" + value]);
        if (!plan.IsValid)
        {
            return new CommandOutcome([], plan.Error, Json(new GoEnvWriteError(plan.Error!, Preview(plan))));
        }

        if (!confirm)
        {
            var before = env.Get(key);
            var question = askThenRun is null ? null : new Confirmation(
                Redaction.Text($"go env -w {key}={value}: writes {plan.Path}; {key} was {(before.Value.Length == 0 ? "empty" : before.Value)} ({before.Describe()}). Every go command run by this user will use it."),
                "Write", command, [.. askThenRun.Select(a => ServerJson.ToElement(a, ServerJson.Plain))]);
            return new CommandOutcome([], Result: Json(Preview(plan))) { Confirm = question };
        }

        await GoEnvFileWriter.WriteAsync(plan, cancellationToken).ConfigureAwait(false);
        services.Environments.Invalidate();
        services.Reports.Clear();
        services.GoMods.Clear();
        var warning = plan.Warnings.Count > 0 ? " " + string.Join(" ", plan.Warnings) : "";
        return new CommandOutcome([], Redaction.Text($"{key}={value} written to {plan.Path}.{warning}"),
            Json(new GoEnvWritten(true, plan.Path, Redaction.Text(plan.OldText ?? ""), Redaction.Text(plan.NewText ?? ""))))
        {
            Reanalyze = true,
        };
    }

    // The user's own credentials stay out of what the client shows, as everywhere.
    private static GoEnvPreview Preview(GoEnvWritePlan plan) => new(Redaction.Text(plan.OldText ?? ""), Redaction.Text(plan.NewText ?? ""), plan.Path ?? "");

    /// <summary>The module to probe: the arguments, else the first public require of an open go.mod, else x/mod.</summary>
    private (string Path, string Version) Target(IReadOnlyList<JsonElement> arguments, AnalysisContext context)
    {
        if (String(arguments, 0) is { } path)
        {
            return (path, String(arguments, 1) ?? (services.Reports.Versions(path) is { Count: > 0 } known ? known[^1] : null) ?? "v0.0.0");
        }

        var env = services.Environments.Get(context.Settings);
        foreach (var document in context.Workspace.Documents.Values.Where(d => d.Kind == DocumentKind.GoMod))
        {
            if (services.Models.GoMod(document).Model.Require.FirstOrDefault(r => !GoModServices.IsPrivate(env, r.Mod.Path)) is { } require)
            {
                return (require.Mod.Path, require.Mod.Version);
            }
        }

        return ("golang.org/x/mod", "v0.17.0");
    }

    private static string? String(IReadOnlyList<JsonElement> arguments, int index) =>
        arguments.Count > index && arguments[index].ValueKind == JsonValueKind.String ? arguments[index].GetString() : null;

    private static bool Bool(IReadOnlyList<JsonElement> arguments, int index) =>
        arguments.Count > index && arguments[index].ValueKind == JsonValueKind.True;

    private static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value, LspJson.TypeInfo<T>(ServerJson.Plain));
}
