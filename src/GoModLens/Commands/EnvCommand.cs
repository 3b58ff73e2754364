using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using GoModLens.Analysis.Direct;
using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Reports;
using GoModLens.Host.Output;

namespace GoModLens.Host.Commands;

/// <summary>
/// `gomodlens env [module…]`: the go settings that decide module downloads, each with where its value came from, and
/// for each module path named, how go would get it (<see cref="RouteExplanation"/>). Reads files only, never the
/// network; credentials are redacted. Exit 0, or 2 when go would refuse the configuration (GOPROXY, GOAUTH, GOVCS, GOFLAGS)
/// or a module path.
/// </summary>
internal static class EnvCommand
{
    public static Command Create()
    {
        var modules = new Argument<string[]>("module") { Description = "Module paths to explain (e.g. github.com/corp/lib)", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "Machine-readable output (docs/check-output.md)" };
        var goproxy = new Option<string?>("--goproxy") { Description = "Use this GOPROXY instead of go's effective value" };
        var goprivate = new Option<string?>("--goprivate") { Description = "Use this GOPRIVATE instead of go's effective value" };
        var gosumdb = new Option<string?>("--gosumdb") { Description = "Use this GOSUMDB instead of go's effective value" };
        var command = new Command("env", "Show the go settings that decide module downloads, where each comes from, and how go would get the named modules.")
        {
            modules, json, goproxy, goprivate, gosumdb,
        };
        command.SetAction(parsed => Run(parsed.GetValue(modules) ?? [], parsed.GetValue(json),
            Overrides(("GOPROXY", parsed.GetValue(goproxy)), ("GOPRIVATE", parsed.GetValue(goprivate)), ("GOSUMDB", parsed.GetValue(gosumdb))),
            Console.Out));
        return command;
    }

    private static Dictionary<string, string> Overrides(params (string Name, string? Value)[] values) =>
        values.Where(v => v.Value is not null).ToDictionary(v => v.Name, v => v.Value!, StringComparer.Ordinal);

    /// <param name="overrides">Values given on the command line; they win over everything, as the editor settings do.</param>
    public static int Run(IReadOnlyList<string> modules, bool json, IReadOnlyDictionary<string, string> overrides, TextWriter stdout,
        IReadOnlyDictionary<string, string>? variables = null)
    {
        var environment = GoEnvironment.Compute(GoEnvironmentInput.FromCurrentProcess(overrides, variables) with { OverridesDescription = "given on the command line" });
        var rows = EnvironmentReport.Rows(environment);
        var routes = modules.Select(m => RouteExplanation.For(m, environment)).ToList();
        var goFlags = environment.GoFlags.FirstProblems(workspaceMode: false);
        var problems = Problems(environment, routes, goFlags.Where(p => p.StopsDownloadsOrBuilds)).ToList();
        // What stops only go get or go mod tidy (-insecure, -e=maybe) leaves downloads and builds alone: a note, not a refusal.
        List<string> notes = [.. goFlags.Where(p => !p.StopsDownloadsOrBuilds).Select(p => $"{p.SettingName} stops {p.Commands}: {p.GoOutput}")];
        if (json)
        {
            WriteJson(rows, routes, problems, notes, stdout);
        }
        else
        {
            WriteText(rows, routes, problems, notes, stdout);
        }

        return problems.Count == 0 ? CheckCommand.ExitClean : CheckCommand.ExitUsage;
    }

    /// <summary>What go stops on before any download: an unusable GOPROXY, GOAUTH or GOVCS, an invalid module path.</summary>
    private static IEnumerable<string> Problems(GoEnvironment environment, IReadOnlyList<RouteExplanation> routes, IEnumerable<GoFlagsProblem> goFlags)
    {
        var settings = environment.ToProxySettings();
        if (Analysis.ProxyConfig.ProxyList.Parse(settings.GoProxy, settings.GoNoProxy, settings.WindowsPaths).Error is { } proxyError)
        {
            yield return "GOPROXY: " + Redaction.Words(proxyError);
        }

        if (GoAuthConfig.Parse(environment.GoAuth.Value, settings.WindowsPaths).Error is { } authError)
        {
            yield return "GOAUTH: " + authError;
        }

        foreach (var problem in goFlags)
        {
            yield return $"{problem.SettingName} stops {problem.Commands}: {problem.GoOutput}";
        }

        GoVcsPolicy.Parse(environment.Get("GOVCS").Value, environment.GoPrivate.Value, out var govcsError);
        if (govcsError is not null)
        {
            yield return "GOVCS: " + govcsError;
        }

        foreach (var route in routes.Where(r => r.PathError is not null))
        {
            yield return $"{route.ModulePath}: {route.PathError}";
        }
    }

    private static void WriteText(IReadOnlyList<EnvironmentRow> rows, IReadOnlyList<RouteExplanation> routes, IReadOnlyList<string> problems,
        IReadOnlyList<string> notes, TextWriter w)
    {
        var nameWidth = rows.Max(r => r.Name.Length);
        var valueWidth = Math.Min(48, rows.Max(r => r.Value.Length));
        foreach (var row in rows)
        {
            w.Write($"{row.Name.PadRight(nameWidth)}  {row.Value.PadRight(valueWidth)}  {row.Source}\n");
        }

        foreach (var route in routes)
        {
            w.Write($"\n{route.ModulePath}\n");
            if (route.PathError is { } pathError)
            {
                w.Write($"  invalid module path: {pathError}\n");
                continue;
            }

            if (route.ConfigurationError is { } configError)
            {
                w.Write($"  every lookup fails: GOPROXY: {Redaction.Words(configError)}\n");
                continue;
            }

            w.Write(route.Private is { } why ? $"  private: {why}; never sent to a proxy\n" : "  public: no GONOPROXY pattern matches\n");
            var entryWidth = route.Entries.Count == 0 ? 0 : route.Entries.Max(e => e.Entry.Length);
            for (var i = 0; i < route.Entries.Count; i++)
            {
                var e = route.Entries[i];
                w.Write($"  {i + 1}. {e.Entry.PadRight(entryWidth)}  {e.Does}\n     {new string(' ', entryWidth)}  on failure: {e.OnFailure}\n");
            }

            w.Write($"  checksum database: {route.ChecksumDatabase}\n");
        }

        foreach (var problem in problems)
        {
            w.Write($"\ngo refuses this configuration: {problem}\n");
        }

        foreach (var note in notes)
        {
            w.Write($"\nnote: {note}\n");
        }
    }

    private static void WriteJson(IReadOnlyList<EnvironmentRow> rows, IReadOnlyList<RouteExplanation> routes, IReadOnlyList<string> problems,
        IReadOnlyList<string> notes, TextWriter w)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteStartArray("environment");
            foreach (var row in rows)
            {
                json.WriteStartObject();
                json.WriteString("name", row.Name);
                json.WriteString("value", row.Value);
                json.WriteString("source", row.Source);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("modules");
            foreach (var route in routes)
            {
                json.WriteStartObject();
                json.WriteString("path", route.ModulePath);
                JsonCheckWriter.WriteNullable(json, "pathError", route.PathError);
                JsonCheckWriter.WriteNullable(json, "configurationError", route.ConfigurationError is { } c ? Redaction.Words(c) : null);
                JsonCheckWriter.WriteNullable(json, "private", route.Private);
                json.WriteStartArray("entries");
                foreach (var e in route.Entries)
                {
                    json.WriteStartObject();
                    json.WriteString("entry", e.Entry);
                    json.WriteString("kind", e.Kind);
                    json.WriteString("does", e.Does);
                    json.WriteString("onFailure", e.OnFailure);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartObject("checksumDatabase");
                json.WriteBoolean("used", route.UsesChecksumDatabase);
                json.WriteString("why", route.ChecksumDatabase);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            foreach (var (name, lines) in new[] { ("problems", problems), ("notes", notes) })
            {
                json.WriteStartArray(name);
                foreach (var line in lines)
                {
                    json.WriteStringValue(line);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        w.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        w.Write('\n');
    }
}
