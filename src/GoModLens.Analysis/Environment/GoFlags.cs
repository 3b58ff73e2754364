using GoModLens.ModFile.Text;

namespace GoModLens.Analysis.Environment;

/// <summary>
/// $GOFLAGS as cmd/go reads it (base.InitGOFLAGS with cmd/internal/quoted.Split): space-separated words, a word may
/// be wrapped in '…' or "…" (no escapes inside); every word must be a known flag as -name, --name, -name=value.
/// </summary>
/// <param name="Flags">The words in order.</param>
/// <param name="Mod">The last <c>-mod=</c> value (mod, readonly, vendor), or null.</param>
/// <param name="ExplicitMod">
/// The last <c>-mod=</c> value as written (empty included) once a non-empty one was set (go's BuildModExplicit); else null.
/// </param>
/// <param name="ModFile">The last <c>-modfile=</c> value, or null.</param>
/// <param name="ModCacheRw">-modcacherw is set.</param>
/// <param name="Problems">What stops go commands, in the order go meets them (<see cref="GoFlagsProblem"/>).</param>
public sealed partial record GoFlags(
    IReadOnlyList<string> Flags,
    string? Mod,
    string? ModFile,
    bool ModCacheRw,
    IReadOnlyList<GoFlagsProblem> Problems,
    string? ExplicitMod = null)
{
    /// <summary>Every flag name GOFLAGS may hold (<see cref="s_known"/>).</summary>
    internal static IReadOnlySet<string> KnownFlagNames => s_known;

    /// <summary>The last non-empty <c>-overlay=</c> value (a JSON file go reads before anything of the module), or null.</summary>
    public string? Overlay { get; init; }

    /// <summary>go's fatal message for every command except <c>go env</c>/<c>go bug</c> (GOFLAGS it cannot read), or null.</summary>
    public string? Error => Problems is [{ Stage: GoFlagsStage.Parse } unreadable, ..] ? unreadable.GoOutput : null;

    /// <summary>-mod=vendor: go fails every module lookup with "module lookup disabled by -mod=vendor".</summary>
    public bool LookupsDisabled => Mod == "vendor";

    /// <summary>-mod=mod: go writes go.mod and go.sum itself (a raised require, a missing go.sum line) instead of refusing them.</summary>
    public bool UpdatesModFiles => Mod == "mod";

    // Flag names some go subcommand defines (base.hasFlag walks every command, go test's -count and -test.v included):
    // go 1.26's answer for each, checked name by name (EnvironmentDifferentialTests.Flag_names_are_known_as_go_knows_them).
    private static readonly HashSet<string> s_known = new(StringComparer.Ordinal)
    {
        "C", "a", "artifacts", "asan", "asmflags", "bench", "benchmem", "benchtime", "blockprofile",
        "blockprofilerate", "buildmode", "buildvcs", "c", "cache", "changed", "compat", "compiled", "compiler",
        "count", "cover", "covermode", "coverpkg", "coverprofile", "cpu", "cpuprofile", "d", "debug-actiongraph",
        "debug-runtime-trace", "debug-trace", "deps", "diff", "dropexclude", "dropgodebug", "dropignore",
        "dropreplace", "droprequire", "dropretract", "droptool", "dropuse", "e", "exclude", "exec", "export", "f",
        "failfast", "find", "fix", "fixtool", "fmt", "fullpath", "fuzz", "fuzzcache", "fuzzminimizetime", "fuzztime",
        "gccgoflags", "gcflags", "go", "godebug", "i", "ignore", "insecure", "installsuffix", "json", "ldflags",
        "linkshared", "list", "m", "memprofile", "memprofilerate", "mod", "modcache", "modcacherw", "modfile",
        "module", "msan", "mutexprofile", "mutexprofilefraction", "n", "o", "outputdir", "overlay", "p", "parallel",
        "pgo", "pkgdir", "print", "r", "race", "replace", "require", "retract", "retracted", "reuse", "run", "short",
        "shuffle", "skip", "t", "tags", "test", "test.artifacts", "test.bench", "test.benchmem", "test.benchtime",
        "test.blockprofile", "test.blockprofilerate", "test.count", "test.coverprofile", "test.cpu", "test.cpuprofile",
        "test.failfast", "test.fullpath", "test.fuzz", "test.fuzzminimizetime", "test.fuzztime", "test.list",
        "test.memprofile", "test.memprofilerate", "test.mutexprofile", "test.mutexprofilefraction", "test.outputdir",
        "test.parallel", "test.run", "test.short", "test.shuffle", "test.skip", "test.timeout", "test.trace", "test.v",
        "testcache", "timeout", "tool", "toolchain", "toolexec", "trace", "trimpath", "u", "use", "v", "vendor",
        "versions", "vet", "vettool", "w", "work", "x",
    };

    /// <param name="localGoVersion">The version of the go that runs ("1.26.1"), for go mod tidy's -go and -compat; null when unknown.</param>
    /// <param name="target">
    /// The build target and its C compiler settings, for work.BuildInit's checks (sanitizers, build modes, CC/CXX/FC, the
    /// GOOS/GOARCH pair); null leaves them out.
    /// </param>
    public static GoFlags Parse(string value, GoOs os = GoOs.Linux, string? localGoVersion = null, BuildTarget? target = null)
    {
        var words = GoQuoted.Split(value, out var splitError);
        if (splitError is not null)
        {
            return Refused("parsing $GOFLAGS: " + splitError, null);
        }

        string? mod = null;
        var modExplicit = false;
        string? modFile = null;
        var modCacheRw = false;
        var insecure = false;
        string? getUpgrade = null;
        bool? getD = null;
        var getM = false;
        var build = new BuildSettings();
        string? overlay = null;
        var problems = new List<GoFlagsProblem>();
        var where = os == GoOs.Windows ? "%GOFLAGS%" : "$GOFLAGS";
        foreach (var word in words)
        {
            if (!word.StartsWith('-') || word is "-" or "--" || word.StartsWith("---", StringComparison.Ordinal)
                || word.StartsWith("-=", StringComparison.Ordinal) || word.StartsWith("--=", StringComparison.Ordinal))
            {
                return Refused("parsing $GOFLAGS: non-flag " + GoQuote.Quote(word), word);
            }

            var name = word[1..];
            if (name[0] == '-')
            {
                name = name[1..];
            }

            string? flagValue = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                flagValue = name[(eq + 1)..];
                name = name[..eq];
            }

            if (!s_known.Contains(name))
            {
                return Refused("parsing $GOFLAGS: unknown flag -" + name, word);
            }

            // base.SetFromGOFLAGS: each command sets the flags it defines, word by word, and stops at the first value its
            // flag refuses; go prints --flag as -flag.
            foreach (var (message, stops) in ValueErrors(name, flagValue, where, localGoVersion))
            {
                problems.Add(new GoFlagsProblem(message, stops, GoFlagsStage.FlagValues, name));
            }

            // The values go acts on once the flags are set (the last word wins); a refused value stopped the command above.
            switch (name)
            {
                case "mod" when flagValue is not null:
                    mod = flagValue;
                    modExplicit |= flagValue.Length > 0; // base.explicitStringFlag: an empty value leaves it as it was
                    break;
                case "modfile" when flagValue is not null:
                    modFile = flagValue.Length == 0 ? null : flagValue;
                    break;
                case "modcacherw" when ParseBool(flagValue) is { } on:
                    modCacheRw = on;
                    break;
                case "insecure" when ParseBool(flagValue) is { } on:
                    insecure = on;
                    break;
                case "u" when flagValue is not (null or "" or "true" or "false" or "patch" or "upgrade"):
                    getUpgrade = flagValue;
                    break;
                case "u":
                    getUpgrade = null;
                    break;
                case "d" when ParseBool(flagValue) is { } on:
                    getD = on;
                    break;
                case "m" when ParseBool(flagValue) is { } on:
                    getM = on;
                    break;
                case "race" when ParseBool(flagValue) is { } on:
                    build.Race = on;
                    break;
                case "msan" when ParseBool(flagValue) is { } on:
                    build.MSan = on;
                    break;
                case "asan" when ParseBool(flagValue) is { } on:
                    build.ASan = on;
                    break;
                case "p" when flagValue is not null && ParseInt(flagValue, out var p) is null:
                    build.P = p;
                    break;
                case "buildmode" when flagValue is not null:
                    build.BuildMode = flagValue;
                    break;
                case "compiler" when flagValue is "gc" or "gccgo":
                    build.Compiler = flagValue;
                    break;
                case "linkshared" when ParseBool(flagValue) is { } on:
                    build.LinkShared = on;
                    break;
                case "covermode" when flagValue is not null:
                    build.CoverMode = flagValue;
                    break;
                case "overlay" when flagValue is not null:
                    overlay = flagValue.Length == 0 ? null : flagValue;
                    break;
            }
        }

        // modget.runGet, before it loads anything.
        if (getUpgrade is not null)
        {
            problems.Add(new GoFlagsProblem("unknown upgrade flag -u=" + getUpgrade, GoFlagsScope.GoGet, GoFlagsStage.CommandStart, "u"));
        }

        if (getD == false)
        {
            problems.Add(new GoFlagsProblem("-d flag may not be set to false", GoFlagsScope.GoGet, GoFlagsStage.CommandStart, "d"));
        }

        if (getM)
        {
            problems.Add(new GoFlagsProblem("-m flag is no longer supported", GoFlagsScope.GoGet, GoFlagsStage.CommandStart, "m"));
        }

        if (insecure)
        {
            problems.Add(new GoFlagsProblem("-insecure flag is no longer supported; use GOINSECURE instead", GoFlagsScope.GoGet, GoFlagsStage.CommandStart, "insecure"));
        }

        // modload.Init, then work.BuildInit.
        if (modFile is not null && !modFile.EndsWith(".mod", StringComparison.Ordinal))
        {
            problems.Add(new GoFlagsProblem($"-modfile={modFile}: file does not have .mod extension", GoFlagsScope.ModuleCommands, GoFlagsStage.ModuleInit, "modfile"));
        }

        problems.AddRange(BuildInitProblems(build, mod, target, os));
        return new GoFlags(words, mod is "" ? null : mod, modFile, modCacheRw, problems, modExplicit ? mod : null) { Overlay = overlay };
    }

    /// <summary>
    /// work.BuildInit, which go build, test, run, install, vet and go list run before anything else (gopls too, through
    /// go list): instrumentInit, buildModeInit (which ends with the -mod check), then -p, CC/CXX/FC and the
    /// -race/-covermode pair; then the builder's check of the target. Not made: -asan's check of the C compiler's
    /// version, which runs it.
    /// </summary>
    private static IEnumerable<GoFlagsProblem> BuildInitProblems(BuildSettings build, string? mod, BuildTarget? target, GoOs os)
    {
        GoFlagsProblem Stop(string message, string flag, bool goPrefix) =>
            new(message, GoFlagsScope.BuildAndList, GoFlagsStage.BuildInit, flag) { GoPrefix = goPrefix };

        // instrumentInit: the sanitizers exclude each other, the target must support them, and they need cgo (-race
        // not on macOS).
        foreach (var (a, b, on) in new[] { ("race", "msan", build.Race && build.MSan), ("race", "asan", build.Race && build.ASan), ("msan", "asan", build.MSan && build.ASan) })
        {
            if (on)
            {
                yield return Stop($"may not use -{a} and -{b} simultaneously", b, true);
                yield break;
            }
        }

        if (target is { } t && (build.Race || build.MSan || build.ASan))
        {
            var sanitizer = build.MSan ? "msan" : build.ASan ? "asan" : "race";
            if (!(build.MSan ? t.MSanSupported : build.ASan ? t.ASanSupported : t.RaceSupported))
            {
                yield return Stop($"-{sanitizer} is not supported on {t.Goos}/{t.Goarch}", sanitizer, false);
                yield break;
            }

            // With -asan, go first runs $CC --version and stops on a compiler it does not take: what it says is unknown.
            if (build.ASan)
            {
                yield break;
            }

            if (!t.CgoEnabled && (t.Goos != "darwin" || build.MSan))
            {
                yield return Stop(t.CrossCompiling ? $"-{sanitizer} requires cgo" : $"-{sanitizer} requires cgo; enable cgo by setting CGO_ENABLED=1", sanitizer, true);
                yield break;
            }
        }

        // buildModeInit: a mode go does not know, PIE with -race where PIE is not the default, a mode the target does
        // not build (-msan makes the default mode PIE off linux/amd64: every -msan target builds PIE).
        if (build.BuildMode is not ("default" or "archive" or "c-archive" or "c-shared" or "exe" or "pie" or "plugin" or "shared"))
        {
            yield return Stop($"buildmode={build.BuildMode} not supported", "buildmode", false);
            yield break;
        }

        if (target is { } platform)
        {
            var gccgo = build.Compiler == "gccgo";
            if (build.BuildMode == "pie" && build.Race && !platform.DefaultPie(race: true))
            {
                yield return Stop($"-buildmode=pie not supported when -race is enabled on {platform.Goos}/{platform.Goarch}", "buildmode", false);
                yield break;
            }

            if (build.BuildMode != "default" && !platform.BuildModeSupported(build.BuildMode, gccgo))
            {
                yield return Stop($"-buildmode={build.BuildMode} not supported on {platform.Goos}/{platform.Goarch}", "buildmode", false);
                yield break;
            }

            if (build.LinkShared && !platform.BuildModeSupported("shared", gccgo))
            {
                yield return Stop($"-linkshared not supported on {platform.Goos}/{platform.Goarch}", "linkshared", false);
                yield break;
            }
        }

        if (mod is not (null or "" or "mod" or "readonly" or "vendor"))
        {
            yield return Stop($"-mod={mod} not supported (can be '', 'mod', 'readonly', or 'vendor')", "mod", false);
            yield break;
        }

        if (build.P is <= 0 and var p)
        {
            yield return Stop($"-p must be a positive integer: {p}", "p", true);
            yield break;
        }

        // Each compiler command's program must be an absolute path or a bare name go looks up on PATH.
        foreach (var setting in target?.CompilerCommands ?? [])
        {
            var words = GoQuoted.Split(setting.Value, out var unterminated);
            var message = unterminated is not null ? $"{setting.Name} environment variable could not be parsed: {unterminated}"
                : words is [var program, ..] && !os.IsAbsolutePath(program) && program != os.PathBase(program)
                    ? $"{setting.Name} environment variable is relative; must be absolute path: {program}"
                    : null;
            if (message is not null)
            {
                yield return new GoFlagsProblem(message, GoFlagsScope.BuildAndList, GoFlagsStage.BuildInit, null) { GoPrefix = true, Setting = setting };
                yield break;
            }
        }

        if (build.Race && build.CoverMode is { Length: > 0 } coverMode && coverMode != "atomic")
        {
            yield return Stop($"-covermode must be \"atomic\", not {GoQuote.Quote(coverMode)}, when -race is enabled", "covermode", false);
            yield break;
        }

        // work.NewBuilder, once BuildInit is done: go build, test, run, install and vet need a GOOS/GOARCH pair that is
        // a port (GOOS=macos, GOARCH=x86_64); go list does not build.
        if (target is { IsPort: false } && build.Compiler != "gccgo")
        {
            var culprit = target.PlatformSettings.LastOrDefault(v => v.Name == "GOARCH" && BuildTarget.IsKnownGoos(target.Goos))
                ?? (target.PlatformSettings.Count > 0 ? target.PlatformSettings[0] : null);
            yield return new GoFlagsProblem($"unsupported GOOS/GOARCH pair {target.Goos}/{target.Goarch}", GoFlagsScope.BuildCommands,
                GoFlagsStage.Builder, null) { GoPrefix = true, Setting = culprit };
        }
    }

    /// <summary>The build flags work.BuildInit checks, as the last GOFLAGS word of each left them.</summary>
    private sealed class BuildSettings
    {
        public bool Race { get; set; }

        public bool MSan { get; set; }

        public bool ASan { get; set; }

        /// <summary>-p as strconv.ParseInt read it; null when not set.</summary>
        public long? P { get; set; }

        public string BuildMode { get; set; } = "default";

        /// <summary>-compiler: gc or gccgo (gccgo builds every mode on every target).</summary>
        public string Compiler { get; set; } = "gc";

        public bool LinkShared { get; set; }

        public string? CoverMode { get; set; }
    }

    /// <summary>How a flag's value is set (the flag.Value behind it), which decides what go refuses.</summary>
    private enum FlagType
    {
        /// <summary>A boolean: strconv.ParseBool, a bare flag is true.</summary>
        Bool,
        /// <summary>An int (-p): strconv.ParseInt with base prefixes.</summary>
        Int,
        /// <summary>A string go takes as it is here (it may refuse it later, as -mod's value).</summary>
        Text,
        /// <summary>-C: refused in GOFLAGS whatever the value (it must be the first flag on the command line).</summary>
        Chdir,
        /// <summary>-compiler: gc or gccgo.</summary>
        Compiler,
        /// <summary>-buildvcs: auto, empty or a boolean.</summary>
        BuildVcs,
        /// <summary>-gcflags, -ldflags, -asmflags, -gccgoflags: [pattern=]flags (load.PerPackageFlag).</summary>
        PerPackage,
        /// <summary>-tags: a comma list, or quoted words when it holds a space or a quote.</summary>
        Tags,
        /// <summary>-toolexec: quoted words (base.StringsFlag).</summary>
        Words,
        /// <summary>-covermode: set, count or atomic.</summary>
        CoverMode,
        /// <summary>go mod tidy's -go and -compat: a go version.</summary>
        GoVersion,
        /// <summary>go get's -u: a boolean flag taking any value (checked when go get starts).</summary>
        AnyBool,
    }

    // The build flag set (work.AddBuildFlags with base.AddModCommonFlags, and work.AddCoverFlags) as go build, go test
    // and go run define it (go test's own -v and -json are booleans too); go list and go get start from it.
    private static readonly Dictionary<string, FlagType> s_buildFlags = new(StringComparer.Ordinal)
    {
        ["n"] = FlagType.Bool, ["x"] = FlagType.Bool, ["C"] = FlagType.Chdir, ["a"] = FlagType.Bool, ["p"] = FlagType.Int,
        ["v"] = FlagType.Bool, ["asan"] = FlagType.Bool, ["asmflags"] = FlagType.PerPackage, ["compiler"] = FlagType.Compiler,
        ["buildmode"] = FlagType.Text, ["buildvcs"] = FlagType.BuildVcs, ["gcflags"] = FlagType.PerPackage,
        ["gccgoflags"] = FlagType.PerPackage, ["mod"] = FlagType.Text, ["modcacherw"] = FlagType.Bool, ["modfile"] = FlagType.Text,
        ["overlay"] = FlagType.Text, ["installsuffix"] = FlagType.Text, ["ldflags"] = FlagType.PerPackage, ["linkshared"] = FlagType.Bool,
        ["msan"] = FlagType.Bool, ["pgo"] = FlagType.Text, ["pkgdir"] = FlagType.Text, ["race"] = FlagType.Bool, ["tags"] = FlagType.Tags,
        ["toolexec"] = FlagType.Words, ["trimpath"] = FlagType.Bool, ["work"] = FlagType.Bool, ["debug-actiongraph"] = FlagType.Text,
        ["debug-runtime-trace"] = FlagType.Text, ["debug-trace"] = FlagType.Text,
        ["cover"] = FlagType.Bool, ["covermode"] = FlagType.CoverMode, ["coverpkg"] = FlagType.Text, ["json"] = FlagType.Bool,
    };

    // Each command's flag set, from go 1.26's sources (checked flag by flag: EnvironmentDifferentialTests).
    private static readonly (GoFlagsScope Command, IReadOnlyDictionary<string, FlagType> Flags)[] s_commands =
    [
        (GoFlagsScope.BuildCommands, s_buildFlags),
        (GoFlagsScope.GoList, new Dictionary<string, FlagType>(
            s_buildFlags.Where(f => f.Key != "json")
                .Concat(new[] { "compiled", "deps", "e", "export", "find", "m", "retracted", "test", "u", "versions" }.Select(f => new KeyValuePair<string, FlagType>(f, FlagType.Bool)))
                .Concat([new("f", FlagType.Text), new("reuse", FlagType.Text), new("json", FlagType.AnyBool)]), // -json: a boolean or field names
            StringComparer.Ordinal)),
        (GoFlagsScope.ModDownload, new Dictionary<string, FlagType>(StringComparer.Ordinal)
        {
            ["json"] = FlagType.Bool, ["reuse"] = FlagType.Text, ["C"] = FlagType.Chdir, ["x"] = FlagType.Bool,
            ["modcacherw"] = FlagType.Bool, ["modfile"] = FlagType.Text, ["overlay"] = FlagType.Text,
        }),
        (GoFlagsScope.ModTidy, new Dictionary<string, FlagType>(StringComparer.Ordinal)
        {
            ["v"] = FlagType.Bool, ["x"] = FlagType.Bool, ["e"] = FlagType.Bool, ["diff"] = FlagType.Bool, ["go"] = FlagType.GoVersion,
            ["compat"] = FlagType.GoVersion, ["C"] = FlagType.Chdir, ["modcacherw"] = FlagType.Bool, ["modfile"] = FlagType.Text,
            ["overlay"] = FlagType.Text,
        }),
        (GoFlagsScope.GoGet, new Dictionary<string, FlagType>(
            s_buildFlags.Where(f => f.Key is not ("mod" or "cover" or "covermode" or "coverpkg"))
                .Concat([new("f", FlagType.Bool), new("fix", FlagType.Bool), new("m", FlagType.Bool), new("t", FlagType.Bool),
                    new("tool", FlagType.Bool), new("insecure", FlagType.Bool), new("d", FlagType.Bool), new("u", FlagType.AnyBool)]),
            StringComparer.Ordinal)),
    ];

    /// <summary>The flags whose values are checked, for some command (<see cref="Defines"/>).</summary>
    internal static IEnumerable<string> CheckedFlagNames => s_commands.SelectMany(c => c.Flags.Keys).Distinct().Order(StringComparer.Ordinal);

    /// <summary>Whether GoModLens checks <paramref name="name"/>'s value for <paramref name="command"/> (its flag set has it).</summary>
    internal static bool Defines(GoCommandKind command, string name) =>
        s_commands.Any(c => c.Command == GoFlagsProblem.ScopeOf(command) && c.Flags.ContainsKey(name));

    /// <summary>
    /// What each command's flag.Set says to one GOFLAGS word (base.SetFromGOFLAGS): every distinct message once, with
    /// the commands that print it. Commands without the flag ignore the word.
    /// </summary>
    private static List<(string Message, GoFlagsScope Stops)> ValueErrors(string name, string? value, string where, string? localGoVersion)
    {
        var errors = new List<(string Message, GoFlagsScope Stops)>();
        foreach (var (command, flags) in s_commands)
        {
            if (!flags.TryGetValue(name, out var type) || ValueError(type, "-" + name, value, where, localGoVersion) is not { } message)
            {
                continue;
            }

            var i = errors.FindIndex(e => e.Message == message);
            if (i >= 0)
            {
                errors[i] = (message, errors[i].Stops | command);
            }
            else
            {
                errors.Add((message, command));
            }
        }

        return errors;
    }

    private static string? ValueError(FlagType type, string flag, string? value, string where, string? localGoVersion)
    {
        // Boolean flags (IsBoolFlag, -buildvcs's included) may stand alone.
        if (type is FlagType.Bool or FlagType.AnyBool or FlagType.BuildVcs)
        {
            var refused = value is null || type == FlagType.AnyBool ? null
                : type == FlagType.BuildVcs ? (value is "" or "auto" || ParseBool(value) is not null ? null : "value is neither 'auto' nor a valid bool")
                : ParseBool(value) is null ? "parse error" : null;
            return refused is null ? null : $"invalid boolean value {GoQuote.Quote(value!)} for flag {flag} (from {where}): {refused}";
        }

        if (value is null)
        {
            return $"flag needs an argument: {flag} (from {where})";
        }

        var error = type switch
        {
            FlagType.Int => IntError(value),
            FlagType.Chdir => "-C flag must be first flag on command line",
            FlagType.Compiler => value is "gc" or "gccgo" ? null : $"unknown compiler {GoQuote.Quote(value)}",
            FlagType.PerPackage => PerPackageError(value),
            FlagType.Tags => value.Contains(' ') || value.Contains('\'') ? SplitError(value) : null,
            FlagType.Words => SplitError(value),
            FlagType.CoverMode => value is "" or "set" or "count" or "atomic" ? null : "valid modes are \"set\", \"count\", or \"atomic\"",
            FlagType.GoVersion => GoVersionError(value, localGoVersion),
            _ => null,
        };
        return error is null ? null : $"invalid value {GoQuote.Quote(value)} for flag {flag} (from {where}): {error}";
    }

    /// <summary>load.PerPackageFlag.Set.</summary>
    private static string? PerPackageError(string value)
    {
        var v = value.Trim(' ', '\t', '\n', '\r', '\v', '\f');
        if (v.Length == 0 || v[0] == '-')
        {
            return v.Length == 0 ? null : SplitError(v);
        }

        var eq = v.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? "missing =<value> in <pattern>=<value>"
            : eq == 0 ? "missing <pattern> in <pattern>=<value>"
            : v[0] is '\'' or '"' ? $"parameter may not start with quote character {v[0]}"
            : SplitError(v[(eq + 1)..]);
    }

    private static string? SplitError(string value)
    {
        _ = GoQuoted.Split(value, out var error);
        return error;
    }

    /// <summary>flag's intValue.Set: strconv.ParseInt(s, 0, 64): a sign, a base prefix (0b, 0o, 0x, or 0 for octal), underscores.</summary>
    private static string? IntError(string value) => ParseInt(value, out _);

    /// <summary>strconv.ParseInt(value, 0, 64): null and the value, or the error flag.Set reports.</summary>
    private static string? ParseInt(string value, out long result)
    {
        result = 0;
        var s = value.Length > 0 && value[0] is '+' or '-' ? value[1..] : value;
        if (s.Length == 0)
        {
            return "parse error";
        }

        var (radix, digits) = s[0] != '0' ? (10, s)
            : s.Length >= 3 && char.ToLowerInvariant(s[1]) == 'b' ? (2, s[2..])
            : s.Length >= 3 && char.ToLowerInvariant(s[1]) == 'o' ? (8, s[2..])
            : s.Length >= 3 && char.ToLowerInvariant(s[1]) == 'x' ? (16, s[2..])
            : (8, s[1..]);
        System.Numerics.BigInteger n = 0;
        foreach (var c in digits)
        {
            var lower = char.ToLowerInvariant(c);
            var d = c == '_' ? -1 : c is >= '0' and <= '9' ? c - '0' : lower is >= 'a' and <= 'z' ? lower - 'a' + 10 : 99;
            if (d >= radix)
            {
                return "parse error";
            }

            if (d >= 0 && (n = n * radix + d) > ulong.MaxValue)
            {
                return "value out of range"; // ParseUint stops at the overflow
            }
        }

        if (digits.Contains('_', StringComparison.Ordinal) && !UnderscoresOk(s))
        {
            return "parse error";
        }

        var negative = value[0] == '-';
        if (n > (negative ? System.Numerics.BigInteger.One << 63 : long.MaxValue))
        {
            return "value out of range";
        }

        result = (long)(negative ? -n : n);
        return null;
    }

    /// <summary>strconv's underscoreOK: underscores only between digits (or after a base prefix), in a prefixed number.</summary>
    private static bool UnderscoresOk(string s)
    {
        // 'x' marks a base prefix, '0' a digit, '_' an underscore; an underscore must follow a digit or the prefix and precede a digit.
        var saw = '^';
        var i = 0;
        var hex = false;
        if (s.Length >= 2 && s[0] == '0' && char.ToLowerInvariant(s[1]) is 'b' or 'o' or 'x')
        {
            hex = char.ToLowerInvariant(s[1]) == 'x';
            i = 2;
            saw = '0'; // the base prefix counts as a digit
        }

        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c is >= '0' and <= '9' || (hex && char.ToLowerInvariant(c) is >= 'a' and <= 'f'))
            {
                saw = '0';
                continue;
            }

            if (c == '_')
            {
                if (saw != '0')
                {
                    return false;
                }

                saw = '_';
                continue;
            }

            if (saw == '_')
            {
                return false;
            }

            saw = '!';
        }

        return saw != '_';
    }

    /// <summary>x/mod modfile.GoVersionRE.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$")]
    private static partial System.Text.RegularExpressions.Regex GoVersionPattern();

    /// <summary>
    /// go mod tidy's goVersionFlag.Set: a go version no newer than the go that runs, which its message shows (gover.Local);
    /// without that version, the go 1.26 GoModLens follows.
    /// </summary>
    private static string? GoVersionError(string value, string? localGoVersion) =>
        value.Length == 0 ? null
        : !GoVersionPattern().IsMatch(value) ? $"expecting a Go version like {GoQuote.Quote(localGoVersion ?? "1.26")}"
        : localGoVersion is not null && Toolchain.GoVersions.Compare(value, localGoVersion) > 0 ? "maximum supported Go version is " + localGoVersion
        : null;

    /// <summary>base.InitGOFLAGS: a GOFLAGS go cannot read stops every command but go env and go bug.</summary>
    private static GoFlags Refused(string goMessage, string? word) =>
        new([], null, null, false, [new GoFlagsProblem(goMessage, GoFlagsScope.EveryCommand, GoFlagsStage.Parse, null, word)]);

    /// <summary>
    /// The problems go commands stop at, each kind of command (<see cref="GoCommandKind"/>) at its first, without
    /// repeats: one when they all stop at the same word.
    /// </summary>
    public IReadOnlyList<GoFlagsProblem> FirstProblems(bool workspaceMode) =>
        [.. Enum.GetValues<GoCommandKind>().Select(c => FirstProblem(c, workspaceMode)).OfType<GoFlagsProblem>().Distinct()];

    /// <summary>What a go command stops at first, or null when GOFLAGS lets it run.</summary>
    public GoFlagsProblem? FirstProblem(GoCommandKind command, bool workspaceMode)
    {
        var mine = Problems.Where(p => p.StopsCommand(command));
        if (workspaceMode && command is GoCommandKind.Build or GoCommandKind.List && ModFile is null && ExplicitMod is not (null or "readonly" or "vendor"))
        {
            // modload.Init's setDefaultBuildMod, before work.BuildInit looks at the value itself.
            return mine.FirstOrDefault(p => p.Stage < GoFlagsStage.ModuleInit) ?? new GoFlagsProblem(
                $"-mod may only be set to readonly or vendor when in workspace mode, but it is set to {GoQuote.Quote(ExplicitMod)}"
                + "\n\tRemove the -mod flag to use the default readonly value, \n\tor set GOWORK=off to disable workspace mode.",
                GoFlagsScope.BuildAndList, GoFlagsStage.ModuleInit, "mod") { ReportedByWorkspace = true };
        }

        // modload.Init refuses -modfile in workspace mode, which go mod tidy ignores; go build, go list and go mod
        // download check that before the file's name, go get after it.
        if (!workspaceMode || ModFile is null || command == GoCommandKind.ModTidy)
        {
            return mine.FirstOrDefault();
        }

        var workspaceFirst = command != GoCommandKind.Get;
        return mine.FirstOrDefault(p => p.Stage < GoFlagsStage.ModuleInit || (!workspaceFirst && p.Stage == GoFlagsStage.ModuleInit))
            ?? new GoFlagsProblem("-modfile cannot be used in workspace mode", GoFlagsScope.WorkspaceMode, GoFlagsStage.ModuleInit, "modfile");
    }

    /// <summary>strconv.ParseBool, with a bare flag true; null when go's flag package refuses the value.</summary>
    private static bool? ParseBool(string? value) => value switch
    {
        null or "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => null,
    };

    /// <summary>
    /// GOFLAGS without the words a problem is about (every word of its flag, or the one word go could not read), quoted
    /// as go env -w writes them; null when GOFLAGS cannot be split at all.
    /// </summary>
    public static string? Without(string value, GoFlagsProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Without(value, problem.Flag, problem.Word);
    }

    /// <summary>GOFLAGS without every word of <paramref name="flag"/> (e.g. <c>modfile</c>), or, with no flag, the one <paramref name="word"/>.</summary>
    public static string? Without(string value, string? flag, string? word)
    {
        var words = GoQuoted.Split(value, out var error);
        if (error is not null)
        {
            return null;
        }

        bool IsProblem(string candidate)
        {
            if (flag is null)
            {
                return candidate == word;
            }

            var name = candidate.TrimStart('-');
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            return (eq >= 0 ? name[..eq] : name) == flag;
        }

        return string.Join(' ', words.Where(w => !IsProblem(w)).Select(w => !w.Any(GoQuoted.IsSpace) ? w : w.Contains('\'') ? "\"" + w + "\"" : "'" + w + "'"));
    }
}

/// <summary>The kinds of go command GOFLAGS problems tell apart.</summary>
public enum GoCommandKind
{
    /// <summary>go build, test, run (vet, install): build flags, -mod included.</summary>
    Build,

    /// <summary>go list (what gopls runs): the build flags and its own (-e, -m, -u, -json…).</summary>
    List,

    /// <summary>go mod download.</summary>
    ModDownload,

    /// <summary>go mod tidy (which ignores workspace mode).</summary>
    ModTidy,

    /// <summary>go get.</summary>
    Get,
}

/// <summary>Which go commands a GOFLAGS problem stops: a set of the kinds in <see cref="GoCommandKind"/>, plus the rest.</summary>
[Flags]
public enum GoFlagsScope
{
    /// <summary>go build, test, run, install, vet.</summary>
    BuildCommands = 1,

    /// <summary>go mod download alone.</summary>
    ModDownload = 2,

    /// <summary>go mod tidy alone.</summary>
    ModTidy = 4,

    /// <summary>go get alone.</summary>
    GoGet = 8,

    /// <summary>go list alone.</summary>
    GoList = 16,

    /// <summary>The commands with build flags that use -mod: go build, list, test, run, install, vet.</summary>
    BuildAndList = BuildCommands | GoList,

    /// <summary>Every command that works on modules: go build, list, test, run, get, go mod download, tidy….</summary>
    ModuleCommands = BuildAndList | ModDownload | ModTidy | GoGet,

    /// <summary>Every command but go env and go bug (GOFLAGS cannot be read).</summary>
    EveryCommand = ModuleCommands | 32,

    /// <summary>Every module command that works in workspace mode (all but go mod tidy).</summary>
    WorkspaceMode = BuildAndList | ModDownload | GoGet,

    /// <summary>go get and go mod tidy: in workspace mode, the module commands that open -modfile.</summary>
    GoGetAndModTidy = ModTidy | GoGet,

    /// <summary>go mod download, go mod tidy and go get (go build and go list stopped earlier, at -mod).</summary>
    ModuleCommandsButBuild = ModDownload | ModTidy | GoGet,
}

/// <summary>Where in a go command's start a GOFLAGS problem stops it (go reports the first).</summary>
public enum GoFlagsStage
{
    /// <summary>base.InitGOFLAGS: the words themselves.</summary>
    Parse,

    /// <summary>base.SetFromGOFLAGS: a flag's value, word by word.</summary>
    FlagValues,

    /// <summary>The command's own first checks (go get's removed flags).</summary>
    CommandStart,

    /// <summary>modload.Init: -modfile in workspace mode, then its name.</summary>
    ModuleInit,

    /// <summary>work.BuildInit: the -mod value.</summary>
    BuildInit,

    /// <summary>work.NewBuilder, for the commands that build: the target.</summary>
    Builder,
}

/// <summary>A GOFLAGS word that stops go commands.</summary>
/// <param name="GoMessage">go's message (without its <c>go: </c> prefix where go prints one).</param>
/// <param name="Stops">Which commands it stops.</param>
/// <param name="Stage">When go meets it.</param>
/// <param name="Flag">The flag at fault (<c>mod</c>, <c>modfile</c>, <c>modcacherw</c>), or null for a word go cannot read.</param>
/// <param name="Word">The word go cannot read, when <paramref name="Flag"/> is null.</param>
public sealed record GoFlagsProblem(string GoMessage, GoFlagsScope Stops, GoFlagsStage Stage, string? Flag, string? Word = null)
{
    /// <summary>A refusal of the workspace (GML2012 says it, with the go.work), not a GOFLAGS diagnostic of its own.</summary>
    public bool ReportedByWorkspace { get; init; }

    /// <summary>The setting at fault when it is not GOFLAGS (CC, CXX or FC, which work.BuildInit checks too).</summary>
    public EnvValue? Setting { get; init; }

    /// <summary>The name of the setting at fault: GOFLAGS, or <see cref="Setting"/>'s.</summary>
    public string SettingName => Setting?.Name ?? "GOFLAGS";

    /// <summary>Whether go prints <c>go: </c> before the message; by default every stage but work.BuildInit's.</summary>
    public bool? GoPrefix { get; init; }

    /// <summary>The line go prints (work.BuildInit's -mod message has no <c>go: </c> prefix, its -p message has).</summary>
    public string GoOutput => GoPrefix ?? Stage != GoFlagsStage.BuildInit ? "go: " + GoMessage : GoMessage;

    /// <summary>The scope of exactly <paramref name="commands"/>.</summary>
    public static GoFlagsScope ScopeOf(IReadOnlyList<GoCommandKind> commands) =>
        commands.Aggregate((GoFlagsScope)0, (scope, c) => scope | ScopeOf(c));

    /// <summary>The one kind of command.</summary>
    public static GoFlagsScope ScopeOf(GoCommandKind command) => command switch
    {
        GoCommandKind.Build => GoFlagsScope.BuildCommands,
        GoCommandKind.List => GoFlagsScope.GoList,
        GoCommandKind.ModDownload => GoFlagsScope.ModDownload,
        GoCommandKind.ModTidy => GoFlagsScope.ModTidy,
        _ => GoFlagsScope.GoGet,
    };

    /// <summary>Whether it stops <paramref name="command"/>.</summary>
    public bool StopsCommand(GoCommandKind command) => (Stops & ScopeOf(command)) != 0;

    /// <summary>Whether it stops what <c>gomodlens check</c> stands for: downloads (go mod download), builds or go list.</summary>
    public bool StopsDownloadsOrBuilds => StopsCommand(GoCommandKind.Build) || StopsCommand(GoCommandKind.List) || StopsCommand(GoCommandKind.ModDownload);

    /// <summary>The commands, in words.</summary>
    public string Commands => Stops switch
    {
        GoFlagsScope.EveryCommand => "every go command but go env",
        GoFlagsScope.ModuleCommands => "every module command (go build, go list, go mod download, go mod tidy, go get)",
        GoFlagsScope.WorkspaceMode => "every module command but go mod tidy (go build, go list, go mod download, go get)",
        GoFlagsScope.GoGetAndModTidy when Flag == "modfile" => "go get and go mod tidy (which open -modfile before anything refuses it in workspace mode)",
        GoFlagsScope.ModTidy when Flag == "modfile" => "go mod tidy (which ignores the workspace)",
        GoFlagsScope.BuildCommands => "go build, go test, go run, go install and go vet",
        GoFlagsScope.BuildAndList when Flag == "mod" => "go build, go test, go run and go list (go mod download, go mod tidy and go get ignore -mod)",
        _ => Join([.. new[]
        {
            (GoFlagsScope.BuildCommands, "go build, go test, go run"),
            (GoFlagsScope.GoList, "go list"),
            (GoFlagsScope.ModDownload, "go mod download"),
            (GoFlagsScope.ModTidy, "go mod tidy"),
            (GoFlagsScope.GoGet, "go get"),
        }.Where(c => (Stops & c.Item1) != 0).Select(c => c.Item2)]),
    };

    private static string Join(IReadOnlyList<string> parts) =>
        parts.Count <= 1 ? string.Concat(parts) : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1];
}
