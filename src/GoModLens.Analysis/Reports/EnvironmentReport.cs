using System.Text;
using GoModLens.Analysis.Environment;

namespace GoModLens.Analysis.Reports;

/// <summary>The "why is my GOPROXY this?" report: each module-relevant variable, its value and where it came from.</summary>
public static class EnvironmentReport
{
    /// <summary>The variables shown, in display order (HTTP proxy variables are added after these).</summary>
    public static IReadOnlyList<string> GoVariables { get; } =
        ["GOPROXY", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOINSECURE", "GOFLAGS", "GOSUMDB", "GOTOOLCHAIN", "GOWORK", "GOMODCACHE"];

    /// <summary>Markdown table: variable | value | source. URLs lose their credentials; nothing from .netrc is shown.</summary>
    public static string Render(GoEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var sb = new StringBuilder();
        sb.Append("### Go environment for modules\n\n").Append(Table(environment, _ => true));
        sb.Append("\nPrecedence (as the go command applies it): editor setting, then a non-empty process variable, then the GOENV file")
            .Append(" (`go env -w`), then `$GOROOT/go.env`, then go's default. HTTP(S)_PROXY and NO_PROXY come from the process environment only.\n");
        return sb.ToString();
    }

    /// <summary>The markdown table of the rows <paramref name="include"/> takes (values redacted).</summary>
    public static string Table(GoEnvironment environment, Func<EnvironmentRow, bool> include)
    {
        ArgumentNullException.ThrowIfNull(include);
        var sb = new StringBuilder("| variable | value | source |\n|---|---|---|\n");
        foreach (var row in Rows(environment).Where(include))
        {
            sb.Append("| ").Append(row.Name)
                .Append(" | ").Append(DisplayText.Code(row.Value))
                .Append(" | ").Append(DisplayText.Cell(row.Source))
                .Append(" |\n");
        }

        return sb.ToString();
    }

    /// <summary>The rows of <see cref="Render"/>, for clients that lay them out themselves (values already redacted).</summary>
    public static IReadOnlyList<EnvironmentRow> Rows(GoEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var rows = new List<EnvironmentRow>();
        foreach (var name in GoVariables)
        {
            var v = environment.Get(name);
            var value = name switch
            {
                "GOPROXY" => Redaction.List(v.Value),
                "GOSUMDB" => Redaction.Words(v.Value),
                _ => v.Value,
            };
            rows.Add(new EnvironmentRow(name, value, v.Describe()));
        }

        // GOFLAGS with a sanitizer: whether cgo is on decides whether go build and go list run at all.
        if (environment.GoFlags.Flags.Any(w => w.TrimStart('-').Split('=')[0] is "race" or "msan"))
        {
            rows.Add(CgoRow(environment, environment.BuildTarget));
        }

        // How go authenticates to proxies and go-get pages, and which VCS tools it may run going direct.
        var goauth = environment.GoAuth;
        var auth = GoAuthConfig.Parse(goauth.Value);
        rows.Add(new EnvironmentRow("GOAUTH", goauth.Value.Length == 0 ? "netrc" : goauth.Value, auth.Error is { } authError
            ? goauth.Describe() + "; invalid, go stops every download: " + authError
            : goauth.Describe()));
        var govcs = environment.Get("GOVCS");
        rows.Add(new EnvironmentRow("GOVCS", govcs.Value.Length == 0 ? "private:all,public:git|hg" : govcs.Value, govcs.Describe()));
        rows.Add(GoEnvRow(environment));
        var http = environment.HttpProxy;
        const string processOnly = "process environment (go env files do not apply)";
        rows.Add(new EnvironmentRow("HTTP_PROXY", Redaction.Url(http.HttpProxy), http.HttpProxy.Length == 0 ? "not set" : processOnly));
        rows.Add(new EnvironmentRow("HTTPS_PROXY", Redaction.Url(http.HttpsProxy), http.HttpsProxy.Length == 0 ? "not set" : processOnly));
        rows.Add(new EnvironmentRow("NO_PROXY", http.NoProxy, http.NoProxy.Length == 0 ? "not set" : processOnly));
        return rows;
    }

    private static EnvironmentRow CgoRow(GoEnvironment environment, BuildTarget target)
    {
        var set = environment.Get("CGO_ENABLED");
        var where = $"{target.Goos}/{target.Goarch}";
        return set.Value is "0" or "1" ? new EnvironmentRow("CGO_ENABLED", set.Value, set.Describe())
            : target.CrossCompiling ? new EnvironmentRow("CGO_ENABLED", "0", $"off when cross-compiling (for {where})")
            : !BuildTarget.CgoSupported(target.Goos, target.Goarch) ? new EnvironmentRow("CGO_ENABLED", "0", $"off: go has no cgo for {where}")
            : !target.CgoEnabled ? new EnvironmentRow("CGO_ENABLED", "0", $"off: CC is not set and no C compiler is on PATH ({where})")
            : new EnvironmentRow("CGO_ENABLED", "1", $"go's default for {where} with a C compiler on PATH");
    }

    private static EnvironmentRow GoEnvRow(GoEnvironment environment)
    {
        if (environment.EnvFilePath is { } path)
        {
            return new EnvironmentRow("GOENV", path, environment.EnvFileExplicit ? "set in the process environment" : "go's default location");
        }

        return new EnvironmentRow("GOENV", "", environment.EnvFileError ?? "no GOENV file");
    }
}
