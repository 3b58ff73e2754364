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
public sealed record GoFlags(
    IReadOnlyList<string> Flags,
    string? Mod,
    string? ModFile,
    bool ModCacheRw,
    IReadOnlyList<GoFlagsProblem> Problems,
    string? ExplicitMod = null)
{
    /// <summary>Every flag name GOFLAGS may hold (<see cref="s_known"/>).</summary>
    internal static IReadOnlySet<string> KnownFlagNames => s_known;

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

    public static GoFlags Parse(string value, GoOs os = GoOs.Linux)
    {
        var words = Split(value, out var splitError);
        if (splitError is not null)
        {
            return Refused("parsing $GOFLAGS: " + splitError, null);
        }

        string? mod = null;
        var modExplicit = false;
        string? modFile = null;
        var modCacheRw = false;
        var insecure = false;
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

            // base.SetFromGOFLAGS: each command sets the flags it defines; -mod is a build flag (go build, list, test,
            // run…), -modfile and -modcacherw belong to every module command (go mod download and tidy, go get too).
            var written = "-" + name; // go prints --flag as -flag
            switch (name)
            {
                case "mod" or "modfile" when flagValue is null:
                    problems.Add(new GoFlagsProblem($"flag needs an argument: {written} (from {where})",
                        name == "mod" ? GoFlagsScope.BuildCommands : GoFlagsScope.ModuleCommands, GoFlagsStage.FlagValues, name));
                    break;
                case "mod":
                    mod = flagValue;
                    modExplicit |= flagValue.Length > 0; // base.explicitStringFlag: an empty value leaves it as it was
                    break;
                case "modfile":
                    modFile = flagValue.Length == 0 ? null : flagValue;
                    break;
                case "modcacherw" or "insecure":
                    if (ParseBool(flagValue) is not { } on)
                    {
                        problems.Add(new GoFlagsProblem($"invalid boolean value {GoQuote.Quote(flagValue!)} for flag {written} (from {where}): parse error",
                            name == "insecure" ? GoFlagsScope.GoGet : GoFlagsScope.ModuleCommands, GoFlagsStage.FlagValues, name));
                    }
                    else if (name == "insecure")
                    {
                        insecure = on;
                    }
                    else
                    {
                        modCacheRw = on;
                    }

                    break;
            }
        }

        // modget.runGet, before it loads anything.
        if (insecure)
        {
            problems.Add(new GoFlagsProblem("-insecure flag is no longer supported; use GOINSECURE instead", GoFlagsScope.GoGet, GoFlagsStage.CommandStart, "insecure"));
        }

        // modload.Init, then work.BuildInit.
        if (modFile is not null && !modFile.EndsWith(".mod", StringComparison.Ordinal))
        {
            problems.Add(new GoFlagsProblem($"-modfile={modFile}: file does not have .mod extension", GoFlagsScope.ModuleCommands, GoFlagsStage.ModuleInit, "modfile"));
        }

        if (mod is not (null or "" or "mod" or "readonly" or "vendor"))
        {
            problems.Add(new GoFlagsProblem($"-mod={mod} not supported (can be '', 'mod', 'readonly', or 'vendor')", GoFlagsScope.BuildCommands, GoFlagsStage.BuildInit, "mod"));
        }

        return new GoFlags(words, mod is "" ? null : mod, modFile, modCacheRw, problems, modExplicit ? mod : null);
    }

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
        GoFlagsScope[] scopes = command switch
        {
            GoCommandKind.Build => [GoFlagsScope.EveryCommand, GoFlagsScope.ModuleCommands, GoFlagsScope.BuildCommands],
            GoCommandKind.Get => [GoFlagsScope.EveryCommand, GoFlagsScope.ModuleCommands, GoFlagsScope.GoGet],
            _ => [GoFlagsScope.EveryCommand, GoFlagsScope.ModuleCommands],
        };
        var mine = Problems.Where(p => scopes.Contains(p.Stops));
        if (workspaceMode && command == GoCommandKind.Build && ModFile is null && ExplicitMod is not (null or "readonly" or "vendor"))
        {
            // modload.Init's setDefaultBuildMod, before work.BuildInit looks at the value itself.
            return mine.FirstOrDefault(p => p.Stage < GoFlagsStage.ModuleInit) ?? new GoFlagsProblem(
                $"-mod may only be set to readonly or vendor when in workspace mode, but it is set to {GoQuote.Quote(ExplicitMod)}"
                + "\n\tRemove the -mod flag to use the default readonly value, \n\tor set GOWORK=off to disable workspace mode.",
                GoFlagsScope.BuildCommands, GoFlagsStage.ModuleInit, "mod") { ReportedByWorkspace = true };
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
        var words = Split(value, out var error);
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

        return string.Join(' ', words.Where(w => !IsProblem(w)).Select(w => !w.Any(IsSpace) ? w : w.Contains('\'') ? "\"" + w + "\"" : "'" + w + "'"));
    }

    /// <summary>cmd/internal/quoted.Split.</summary>
    internal static IReadOnlyList<string> Split(string s, out string? error)
    {
        error = null;
        var fields = new List<string>();
        var i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && IsSpace(s[i]))
            {
                i++;
            }

            if (i >= s.Length)
            {
                break;
            }

            if (s[i] is '"' or '\'')
            {
                var quote = s[i];
                var end = s.IndexOf(quote, i + 1);
                if (end < 0)
                {
                    error = "unterminated " + quote + " string";
                    return [];
                }

                fields.Add(s[(i + 1)..end]);
                i = end + 1;
                continue;
            }

            var start = i;
            while (i < s.Length && !IsSpace(s[i]))
            {
                i++;
            }

            fields.Add(s[start..i]);
        }

        return fields;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r';
}

/// <summary>The kinds of go command GOFLAGS problems tell apart.</summary>
public enum GoCommandKind
{
    /// <summary>go build, list, test, run: build flags, -mod included.</summary>
    Build,

    /// <summary>go mod download.</summary>
    ModDownload,

    /// <summary>go mod tidy (which ignores workspace mode).</summary>
    ModTidy,

    /// <summary>go get.</summary>
    Get,
}

/// <summary>Which go commands a GOFLAGS problem stops.</summary>
public enum GoFlagsScope
{
    /// <summary>Every command but go env and go bug (GOFLAGS cannot be read).</summary>
    EveryCommand,

    /// <summary>Every command that works on modules: go build, list, test, run, get, go mod download, tidy….</summary>
    ModuleCommands,

    /// <summary>The commands with build flags that use -mod: go build, list, test, run, install, vet.</summary>
    BuildCommands,

    /// <summary>go get alone.</summary>
    GoGet,

    /// <summary>Every module command that works in workspace mode (all but go mod tidy).</summary>
    WorkspaceMode,

    /// <summary>go mod tidy alone (it ignores workspace mode).</summary>
    ModTidy,

    /// <summary>go get and go mod tidy: in workspace mode, the module commands that open -modfile.</summary>
    GoGetAndModTidy,

    /// <summary>go mod download, go mod tidy and go get (go build and go list stopped earlier, at -mod).</summary>
    ModuleCommandsButBuild,
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

    /// <summary>The line go prints (work.BuildInit's -mod message has no <c>go: </c> prefix).</summary>
    public string GoOutput => Stage == GoFlagsStage.BuildInit ? GoMessage : "go: " + GoMessage;

    /// <summary>The scope that names exactly <paramref name="commands"/> (one of each kind, in <see cref="GoCommandKind"/> order), as far as one does.</summary>
    public static GoFlagsScope ScopeOf(IReadOnlyList<GoCommandKind> commands) => commands switch
    {
        [GoCommandKind.Get] => GoFlagsScope.GoGet,
        [GoCommandKind.ModTidy] => GoFlagsScope.ModTidy,
        [GoCommandKind.ModTidy, GoCommandKind.Get] => GoFlagsScope.GoGetAndModTidy,
        [GoCommandKind.Build] => GoFlagsScope.BuildCommands,
        _ when !commands.Contains(GoCommandKind.Build) => GoFlagsScope.ModuleCommandsButBuild,
        _ => GoFlagsScope.ModuleCommands,
    };

    /// <summary>The commands, in words.</summary>
    public string Commands => Stops switch
    {
        GoFlagsScope.EveryCommand => "every go command but go env",
        GoFlagsScope.ModuleCommands => "every module command (go build, go list, go mod download, go mod tidy, go get)",
        GoFlagsScope.GoGet => "go get",
        GoFlagsScope.WorkspaceMode => "every module command but go mod tidy (go build, go list, go mod download, go get)",
        GoFlagsScope.ModTidy => "go mod tidy (which ignores the workspace)",
        GoFlagsScope.GoGetAndModTidy => "go get and go mod tidy (which open -modfile before anything refuses it in workspace mode)",
        GoFlagsScope.ModuleCommandsButBuild => "go mod download, go mod tidy and go get",
        _ => "go build, go test, go run and go list (go mod download, go mod tidy and go get ignore -mod)",
    };
}
