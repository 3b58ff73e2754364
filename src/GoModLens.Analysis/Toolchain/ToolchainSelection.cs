namespace GoModLens.Analysis.Toolchain;

/// <summary>Why a toolchain other than the local one runs.</summary>
public enum ToolchainReason
{
    /// <summary>The local toolchain runs.</summary>
    Local,

    /// <summary>GOTOOLCHAIN names the toolchain (or its minimum).</summary>
    Setting,

    /// <summary>The go.mod <c>toolchain</c> line asks for a newer one (GOTOOLCHAIN allows +auto/+path).</summary>
    ToolchainLine,

    /// <summary>The go.mod <c>go</c> line needs a newer one.</summary>
    GoLine,
}

/// <summary>
/// Which toolchain the go command runs for a go.mod, decided like cmd/go's toolchain.Select before any other work.
/// </summary>
/// <param name="Setting">The effective GOTOOLCHAIN.</param>
/// <param name="Toolchain">The toolchain to run, e.g. <c>go1.22.0</c>; null for the local one.</param>
/// <param name="Mode"><c>auto</c> (PATH, then download), <c>path</c> (PATH only), or empty (a fixed toolchain: PATH, then download).</param>
/// <param name="Reason">What asked for <see cref="Toolchain"/>.</param>
/// <param name="Error">go's message when GOTOOLCHAIN or the toolchain line is invalid (without the <c>go: </c> prefix).</param>
/// <param name="TooNew">go's message when the toolchain that runs is older than the go line (<c>go.mod requires go &gt;= …</c>).</param>
public sealed record ToolchainSelection(string Setting, string? Toolchain, string Mode, ToolchainReason Reason, string? Error, string? TooNew)
{
    /// <summary>The go line the decision was made with, as go read it.</summary>
    public string? GoLine { get; init; }

    /// <summary>Where the go and toolchain lines were read: <c>go.mod</c>, or the go.work (as go names it) in workspace mode.</summary>
    public string File { get; init; } = "go.mod";

    /// <summary>A <c>toolchain default</c> line go honoured (go's Startup.AutoToolchain), which its TooNewError names.</summary>
    public string? AutoToolchain { get; init; }

    /// <summary>
    /// go's TooNewError for something else the toolchain that runs reads, e.g. a vendored module's go version
    /// (<paramref name="what"/> = <c>example.com/m in vendor/modules.txt</c>); null when that toolchain is new enough.
    /// </summary>
    public string? TooNewFor(string what, string goVersion, string localToolchain) =>
        Error is null ? TooNewMessage(Setting, GoVersions.FromToolchain(Toolchain ?? localToolchain), goVersion, AutoToolchain, File, what) : null;

    /// <summary>golang.org/toolchain, the module every Go release is published as.</summary>
    public const string Module = ProxyConfig.ProxyRouting.ToolchainModule;

    /// <param name="setting">GOTOOLCHAIN.</param>
    /// <param name="localToolchain">The running go's own name, e.g. <c>go1.26.11</c>.</param>
    /// <param name="goLine">The go.mod's <c>go</c> version, if any.</param>
    /// <param name="toolchainLine">The go.mod's <c>toolchain</c> name, if any.</param>
    /// <param name="file">The file the lines come from as go names it: <c>go.mod</c>, or the go.work in workspace mode.</param>
    public static ToolchainSelection Select(string setting, string localToolchain, string? goLine, string? toolchainLine, string file = "go.mod") =>
        Decide(setting, localToolchain, goLine, toolchainLine, file) with { GoLine = goLine, File = file };

    /// <summary>
    /// The selection go makes for a module directory: the go.work's go and toolchain lines in workspace mode (whether
    /// or not it uses the module), else the go.mod's; null without a Go installation to compare with.
    /// </summary>
    public static ToolchainSelection? For(Environment.GoEnvironment environment, string? goLine, string? toolchainLine, Workspace.GoWorkspace? workspace)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.LocalToolchain is not { } local)
        {
            return null;
        }

        return workspace is null
            ? Select(environment.GoToolchain.Value, local, goLine, toolchainLine)
            : Select(environment.GoToolchain.Value, local, workspace.GoLine, workspace.ToolchainLine, workspace.FilePath);
    }

    private static ToolchainSelection Decide(string setting, string localToolchain, string? goLine, string? toolchainLine, string file)
    {
        var local = GoVersions.FromToolchain(localToolchain);
        if (setting.Length == 0)
        {
            // No GOTOOLCHAIN at all (a packager removed it from go.env): go runs locally and lets the go line fail.
            return new(setting, null, "", ToolchainReason.Local, null, TooNewMessage(setting, local, goLine, null, file, file));
        }

        var min = "local";
        var minVersion = local;
        string mode;
        if (setting is "auto" or "path")
        {
            mode = setting;
        }
        else
        {
            var plus = setting.IndexOf('+', StringComparison.Ordinal);
            var name = plus < 0 ? setting : setting[..plus];
            var suffix = plus < 0 ? "" : setting[(plus + 1)..];
            if (name != "local")
            {
                var v = GoVersions.FromToolchain(name);
                if (v.Length == 0)
                {
                    return Invalid(setting, plus < 0 ? $"invalid GOTOOLCHAIN \"{setting}\"" : $"invalid GOTOOLCHAIN \"{setting}\": invalid minimum toolchain \"{name}\"");
                }

                min = name;
                minVersion = v;
            }

            if (plus >= 0 && suffix is not ("auto" or "path"))
            {
                return Invalid(setting, $"invalid GOTOOLCHAIN \"{setting}\": only version suffixes are +auto and +path");
            }

            mode = suffix;
        }

        var chosen = min;
        var reason = min == "local" ? ToolchainReason.Local : ToolchainReason.Setting;
        string? autoToolchain = null;
        if (mode is "auto" or "path")
        {
            if (toolchainLine == "default")
            {
                autoToolchain = toolchainLine; // the user's own toolchain (or minimum) only, whatever the go line says
            }
            else
            {
                if (!string.IsNullOrEmpty(toolchainLine))
                {
                    var toolchainVersion = GoVersions.FromToolchain(toolchainLine);
                    if (toolchainVersion.Length == 0 || (!toolchainLine.StartsWith("go", StringComparison.Ordinal) && !toolchainLine.Contains("-go", StringComparison.Ordinal)))
                    {
                        return Invalid(setting, $"invalid toolchain \"{toolchainLine}\" in {file}");
                    }

                    if (GoVersions.Compare(toolchainVersion, minVersion) > 0)
                    {
                        (chosen, minVersion, reason) = (toolchainLine, toolchainVersion, ToolchainReason.ToolchainLine);
                    }
                }

                if (goLine is { Length: > 0 } && GoVersions.Compare(goLine, minVersion) > 0)
                {
                    // Since Go 1.21 the first release of a language version is 1.N.0: "go 1.22" runs go1.22.0.
                    chosen = "go" + goLine + (GoVersions.IsLang(goLine) && GoVersions.Compare(goLine, "1.21") >= 0 ? ".0" : "");
                    minVersion = goLine;
                    reason = ToolchainReason.GoLine;
                }
            }
        }

        if (chosen == "local" || chosen == localToolchain)
        {
            return new(setting, null, mode, ToolchainReason.Local, null, TooNewMessage(setting, local, goLine, autoToolchain, file, file)) { AutoToolchain = autoToolchain };
        }

        if (!chosen.StartsWith("go1", StringComparison.Ordinal) && !chosen.Contains("-go1", StringComparison.Ordinal))
        {
            return Invalid(setting, $"invalid GOTOOLCHAIN \"{chosen}\"");
        }

        return new(setting, chosen, mode, reason, null, TooNewMessage(setting, GoVersions.FromToolchain(chosen), goLine, autoToolchain, file, file))
        {
            AutoToolchain = autoToolchain,
        };
    }

    /// <summary>
    /// A <c>go</c> or <c>toolchain</c> value as go reads it for this decision (gover.GoModLookup): the first line that
    /// starts with the key and a blank, comment cut off. It is a line scan, not the parser, so a toolchain line the
    /// parser rejects still decides, as it does for go.
    /// </summary>
    public static string? Lookup(string goModText, string key)
    {
        foreach (var raw in goModText.AsSpan().EnumerateLines())
        {
            var line = raw.Trim();
            if (line.Length > key.Length && line.StartsWith(key, StringComparison.Ordinal) && line[key.Length] is ' ' or '\t')
            {
                var value = line[key.Length..];
                var comment = value.IndexOf("//", StringComparison.Ordinal);
                return (comment >= 0 ? value[..comment] : value).Trim().ToString();
            }
        }

        return null;
    }

    /// <summary>The golang.org/toolchain version go downloads for a toolchain on a platform: <c>v0.0.1-go1.22.0.linux-amd64</c>.</summary>
    public static string ModuleVersion(string toolchain, string goos, string goarch) => $"v0.0.1-{toolchain}.{goos}-{goarch}";

    private static ToolchainSelection Invalid(string setting, string error) => new(setting, null, "", ToolchainReason.Local, error, null);

    // gover.TooNewError as the go command prints it: what needs goVersion (the main module's go.mod or the go.work, a
    // vendored module), and the file whose toolchain line go honoured.
    private static string? TooNewMessage(string setting, string running, string? goVersion, string? autoToolchain, string autoFile, string what)
    {
        if (goVersion is not { Length: > 0 } || GoVersions.Compare(goVersion, running) <= 0)
        {
            return null;
        }

        var explain = setting is "" or "auto" ? "" : "; GOTOOLCHAIN=" + setting;
        if (autoToolchain is not null)
        {
            explain += $"; {autoFile} sets toolchain {autoToolchain}";
        }

        return $"{what} requires go >= {goVersion} (running go {running}{explain})";
    }
}
