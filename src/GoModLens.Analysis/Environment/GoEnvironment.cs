using GoModLens.Analysis.ProxyConfig;

namespace GoModLens.Analysis.Environment;

/// <summary>
/// The effective go configuration, computed like cmd/go (cfg.Getenv/EnvOrAndChanged): editor override, then a
/// non-empty process variable, then the user GOENV file, then $GOROOT/go.env (keys already in the user file shadow
/// it even when empty there), then go's default. Every value carries its provenance.
/// </summary>
public sealed class GoEnvironment
{
    private readonly GoEnvironmentInput _input;
    private readonly IReadOnlyDictionary<string, string> _userFile;
    private readonly IReadOnlyDictionary<string, string> _goRootFile;
    private readonly string? _goRootFoundAt;
    // Stand-ins for go.env or the compiled defaults when the toolchain cannot tell us (see ToolchainDefaults).
    private readonly IReadOnlyDictionary<string, string> _standardGoEnv;
    private readonly IReadOnlyDictionary<string, string> _compiledDefaults;
    private readonly string? _fallbackNote;
    private readonly Lazy<string?> _localToolchain; // read once: hovers and every network run ask
    // One environment is shared by the server's local-diagnostics thread and concurrent requests.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, EnvValue> _cache = new(StringComparer.Ordinal);

    private GoEnvironment(GoEnvironmentInput input)
    {
        _input = input;
        EnvFilePath = GoEnvFile.Locate(input, out var explicitly, out var envFileError);
        EnvFileExplicit = explicitly;
        EnvFileError = envFileError;
        _userFile = EnvFilePath is not null && input.Files.ReadAllText(EnvFilePath) is { } userText
            ? GoEnvFile.Parse(userText)
            : new Dictionary<string, string>();
        GoRoot = GoRootLocator.Find(input, _userFile.GetValueOrDefault("GOROOT"), out _goRootFoundAt);
        GoRootEnvFilePath = GoRoot is null ? null : input.Os.JoinPath(GoRoot, "go.env");
        var rootText = GoRootEnvFilePath is null ? null : input.Files.ReadAllText(GoRootEnvFilePath);
        _goRootFile = rootText is null ? new Dictionary<string, string>() : GoEnvFile.Parse(rootText);
        (_standardGoEnv, _compiledDefaults, _fallbackNote) = ToolchainDefaults(input, GoRoot, rootText is not null);
        var goRoot = GoRoot;
        _localToolchain = new Lazy<string?>(() => goRoot is null ? null : ToolchainAt(input, goRoot));
    }

    /// <summary>go.env's content as the Go distribution ships it (Go 1.21+).</summary>
    public static readonly IReadOnlyDictionary<string, string> StandardGoEnv = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["GOPROXY"] = "https://proxy.golang.org,direct",
        ["GOSUMDB"] = "sum.golang.org",
        ["GOTOOLCHAIN"] = "auto",
    };

    /// <summary>
    /// The defaults go would start from when its go.env cannot be read here. With no toolchain found, the user runs a
    /// go we cannot see, and the go.env every distribution ships stands in for it: an empty GOPROXY would make every
    /// module a configuration error. A toolchain older than Go 1.21 has no go.env and compiled these defaults in. A
    /// Go 1.21+ toolchain without go.env gets nothing, as go itself does (its GOPROXY is then empty).
    /// </summary>
    private static (IReadOnlyDictionary<string, string> GoEnv, IReadOnlyDictionary<string, string> Compiled, string? Note) ToolchainDefaults(
        GoEnvironmentInput input, string? goRoot, bool hasGoEnv)
    {
        var none = new Dictionary<string, string>();
        if (goRoot is null)
        {
            return (StandardGoEnv, none, "go.env's standard default, as no Go installation was found: set GOROOT or put go on PATH");
        }

        if (!hasGoEnv && ToolchainAt(input, goRoot) is { } toolchain && Toolchain.GoVersions.Compare(Toolchain.GoVersions.FromToolchain(toolchain), "1.21") < 0)
        {
            var compiled = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["GOPROXY"] = StandardGoEnv["GOPROXY"],
                ["GOSUMDB"] = StandardGoEnv["GOSUMDB"],
            };
            return (none, compiled, $"compiled-in default of {toolchain} (before go.env)");
        }

        return (none, none, null);
    }

    public static GoEnvironment Compute(GoEnvironmentInput input) => new(input);

    public GoOs Os => _input.Os;

    /// <summary>The user GOENV file go reads and <c>go env -w</c> writes; null when GOENV=off or no config dir.</summary>
    public string? EnvFilePath { get; }

    /// <summary>True when $GOENV named the file.</summary>
    public bool EnvFileExplicit { get; }

    /// <summary>Why there is no GOENV file (e.g. <c>GOENV=off</c>).</summary>
    public string? EnvFileError { get; }

    /// <summary>The GOROOT used to find go.env (null when no toolchain was found).</summary>
    public string? GoRoot { get; }

    public string? GoRootEnvFilePath { get; }

    /// <summary>The toolchain at GOROOT, from its VERSION file (e.g. <c>go1.26.11</c>); null when unknown.</summary>
    public string? LocalToolchain => _localToolchain.Value;

    // The first line of $GOROOT/VERSION names the release ("go1.26.11"; "devel …" for a source build).
    private static string? ToolchainAt(GoEnvironmentInput input, string goRoot) =>
        input.Files.ReadAllText(input.Os.JoinPath(goRoot, "VERSION")) is { } text
        && text.Split('\n', 2)[0].Trim() is var first && Toolchain.GoVersions.FromToolchain(first).Length > 0
            ? first
            : null;

    /// <summary>An executable on PATH as go's exec.LookPath finds it, e.g. a <c>go1.22.0</c> wrapper; null when absent.</summary>
    public string? FindOnPath(string command) => GoRootLocator.FindOnPath(_input, command);

    internal GoEnvironmentInput Input => _input;

    /// <summary>The file access this environment was computed with (the module cache is looked at through it too).</summary>
    public IGoEnvFileSystem Files => _input.Files;

    /// <summary>$GOROOT/go.env's entries as go reads them.</summary>
    public IReadOnlyDictionary<string, string> GoRootEnvFileEntries => _goRootFile;

    /// <summary>The user GOENV file's entries as go reads them.</summary>
    public IReadOnlyDictionary<string, string> EnvFileEntries => _userFile;

    public EnvValue GoProxy => Get("GOPROXY");

    public EnvValue GoSumDb => Get("GOSUMDB");

    public EnvValue GoPrivate => Get("GOPRIVATE");

    public EnvValue GoNoProxy => Get("GONOPROXY");

    public EnvValue GoNoSumDb => Get("GONOSUMDB");

    public EnvValue GoInsecure => Get("GOINSECURE");

    public EnvValue GoPath => Get("GOPATH");

    public EnvValue GoModCache => Get("GOMODCACHE");

    /// <summary>go's cfg.SumdbDir: the first GOPATH entry + /pkg/sumdb, where go keeps each checksum database's latest tree.</summary>
    public string? SumDbDirectory => GoPath.Value.Split(_input.Os.ListSeparator())[0] is { Length: > 0 } first ? _input.Os.JoinPath(first, "pkg", "sumdb") : null;

    public EnvValue GoFlagsValue => Get("GOFLAGS");

    public EnvValue GoAuth => Get("GOAUTH");

    public EnvValue GoToolchain => Get("GOTOOLCHAIN");

    /// <summary>GOFLAGS parsed (module-relevant flags extracted).</summary>
    public GoFlags GoFlags => GoFlags.Parse(GoFlagsValue.Value, _input.Os, LocalToolchain is { } local && Toolchain.GoVersions.FromToolchain(local) is { Length: > 0 } v ? v : null,
        BuildTarget);

    /// <summary>
    /// What go builds for (GOOS/GOARCH, else the go command's own) and whether cgo is on for it, as go's cfg decides:
    /// CGO_ENABLED=0/1, else off for a cross-compile or a target without cgo, else off when CC is unset and no C
    /// compiler is on PATH.
    /// </summary>
    public BuildTarget BuildTarget => (_buildTarget ??= new Lazy<BuildTarget>(ComputeBuildTarget)).Value;

    private Lazy<BuildTarget>? _buildTarget;

    private BuildTarget ComputeBuildTarget()
    {
        var hostOs = _input.Os switch { GoOs.MacOS => "darwin", GoOs.Windows => "windows", GoOs.Plan9 => "plan9", _ => "linux" };
        var hostArch = Toolchain.ToolchainCheck.HostPlatform().Goarch;
        var goos = Get("GOOS") is { Value.Length: > 0 } os ? os.Value : hostOs;
        var goarch = Get("GOARCH") is { Value.Length: > 0 } arch ? arch.Value : hostArch;
        var cross = goos != hostOs || goarch != hostArch;
        var cgo = Get("CGO_ENABLED").Value switch
        {
            "0" => false,
            "1" => true,
            _ when cross || !BuildTarget.CgoSupported(goos, goarch) => false,
            // go looks for the C compiler it was built with (gcc, clang, or a target-prefixed gcc on Debian): when
            // none of them is on PATH it is surely missing; when one is, cgo is taken to be on.
            _ when _input.Env("CC") is null && !new[] { "gcc", "clang", "cc", CrossGccName(goarch) }.Any(c => c is not null && FindOnPath(c) is not null) => false,
            _ => true,
        };
        return new BuildTarget(goos, goarch, cgo, cross)
        {
            CompilerCommands = [.. new[] { "CC", "CXX", "FC" }.Select(Get).Where(v => v.Value.Length > 0)],
            PlatformSettings = [.. new[] { "GOOS", "GOARCH" }.Select(Get).Where(v => v.Value.Length > 0)],
        };
    }

    private static string? CrossGccName(string goarch) => goarch switch
    {
        "amd64" => "x86_64-linux-gnu-gcc",
        "arm64" => "aarch64-linux-gnu-gcc",
        "386" => "i686-linux-gnu-gcc",
        _ => null,
    };

    /// <summary>HTTP_PROXY/HTTPS_PROXY/NO_PROXY as net/http reads them (process environment only; go env files do not apply).</summary>
    public HttpProxyConfig HttpProxy => HttpProxyConfig.FromEnvironment(_input.Env);

    /// <summary>The .netrc go would read ($NETRC, else ~/.netrc; %USERPROFILE%\_netrc first on Windows).</summary>
    public string? NetrcPath => Netrc.Locate(_input);

    /// <summary>.netrc credentials (empty when GOAUTH does not include netrc or the file is missing).</summary>
    public NetrcCredentials Credentials
    {
        get
        {
            if (!GoAuthConfig.Parse(GoAuth.Value, _input.Os == GoOs.Windows).Netrc || NetrcPath is not { } path || _input.Files.ReadAllText(path) is not { } text)
            {
                return NetrcCredentials.Empty;
            }

            return new NetrcCredentials(Netrc.Parse(text));
        }
    }

    /// <summary>The effective value of any go env variable with its provenance.</summary>
    public EnvValue Get(string name)
    {
        // Compute is pure, so a rare duplicate computation under a race is harmless.
        return _cache.TryGetValue(name, out var cached) ? cached : _cache.GetOrAdd(name, Compute(name));
    }

    /// <summary>Only the effective string.</summary>
    public string this[string name] => Get(name).Value;

    /// <summary>The settings that decide module lookups, for <see cref="ProxyRouting"/>.</summary>
    public ProxySettings ToProxySettings() => new(
        GoProxy.Value,
        GoNoProxy.Value,
        GoNoSumDb.Value,
        GoSumDb.Value,
        GoInsecure.Value,
        GoFlags.Mod,
        _input.Os == GoOs.Windows)
    {
        GoPrivate = GoPrivate.Value,
        GoVcs = Get("GOVCS").Value,
        GoModCache = GoModCache.Value is { Length: > 0 } cache ? cache : null,
    };

    private EnvValue Compute(string name)
    {
        if (_input.EditorSettings is { } editor && editor.TryGetValue(name, out var fromEditor))
        {
            return new EnvValue(name, fromEditor, EnvSource.EditorSetting, Note: _input.OverridesDescription);
        }

        if (name == "GOROOT")
        {
            // go uses the located GOROOT for everything; $GOROOT (non-empty) wins, as with any variable.
            if (_input.Env("GOROOT") is { } processRoot)
            {
                return new EnvValue(name, processRoot, EnvSource.ProcessEnvironment);
            }

            return _userFile.TryGetValue(name, out var fileRoot) && fileRoot.Length > 0
                ? new EnvValue(name, fileRoot, EnvSource.GoEnvFile, EnvFilePath)
                : new EnvValue(name, GoRoot ?? "", EnvSource.Default, Note: GoRoot is null ? "no Go installation found" : _goRootFoundAt ?? "location of the go command");
        }

        if (Layered(name) is { } layered)
        {
            return layered;
        }

        return Default(name);
    }

    // cfg.Getenv: a non-empty OS value, else the merged file map (user file first; go.env only for keys the user file lacks).
    private EnvValue? Layered(string name)
    {
        if (_input.Env(name) is { } fromProcess)
        {
            return new EnvValue(name, fromProcess, EnvSource.ProcessEnvironment);
        }

        if (_userFile.TryGetValue(name, out var fromUser))
        {
            // An empty user value shadows go.env but then counts as unset for EnvOrAndChanged's default.
            return fromUser.Length > 0 ? new EnvValue(name, fromUser, EnvSource.GoEnvFile, EnvFilePath) : null;
        }

        if (_goRootFile.TryGetValue(name, out var fromRoot) && fromRoot.Length > 0)
        {
            return new EnvValue(name, fromRoot, EnvSource.GoRootGoEnv, GoRootEnvFilePath);
        }

        return _standardGoEnv.TryGetValue(name, out var standard) ? new EnvValue(name, standard, EnvSource.Default, Note: _fallbackNote) : null;
    }

    private EnvValue Default(string name)
    {
        switch (name)
        {
            case "GONOPROXY" or "GONOSUMDB":
                var priv = GoPrivate;
                return new EnvValue(name, priv.Value, EnvSource.Default, priv.SourcePath, "defaults to GOPRIVATE (" + priv.Describe() + ")");
            case "GOAUTH":
                return new EnvValue(name, "netrc", EnvSource.Default);
            case "GOPATH":
                return new EnvValue(name, DefaultGoPath(), EnvSource.Default, Note: "defaults to $" + _input.Os.HomeVariable() + "/go");
            case "GOMODCACHE":
                var first = GoPath.Value.Split(_input.Os.ListSeparator())[0];
                return new EnvValue(name, first.Length == 0 ? "" : _input.Os.JoinPath(first, "pkg", "mod"), EnvSource.Default,
                    Note: "defaults to the first GOPATH entry + /pkg/mod");
            case "GO111MODULE" or "GOPROXY" or "GOSUMDB" or "GOPRIVATE" or "GOINSECURE" or "GOFLAGS" or "GOTOOLCHAIN" or "GOVCS":
                // Since Go 1.21 GOPROXY/GOSUMDB/GOTOOLCHAIN defaults live in $GOROOT/go.env; the compiled default is empty.
                return _compiledDefaults.TryGetValue(name, out var compiled)
                    ? new EnvValue(name, compiled, EnvSource.Default, Note: _fallbackNote)
                    : new EnvValue(name, "", EnvSource.Default);
            default:
                return new EnvValue(name, "", EnvSource.Default);
        }
    }

    // go/build.defaultGOPATH: $HOME/go unless that is GOROOT itself.
    private string DefaultGoPath()
    {
        if (_input.Env(_input.Os.HomeVariable()) is not { } home)
        {
            return "";
        }

        var def = _input.Os.JoinPath(home, "go");
        return GoRoot is not null && string.Equals(def.TrimEnd('/', '\\'), GoRoot.TrimEnd('/', '\\'), StringComparison.Ordinal) ? "" : def;
    }
}
