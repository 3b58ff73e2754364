using GoModLens.ModFile.Text;

namespace GoModLens.Analysis.Environment;

/// <summary>
/// $GOFLAGS as cmd/go reads it (base.InitGOFLAGS with cmd/internal/quoted.Split): space-separated words, a word may
/// be wrapped in '…' or "…" (no escapes inside); every word must be a known flag as -name, --name, -name=value.
/// </summary>
/// <param name="Flags">The words in order.</param>
/// <param name="Error">go's fatal message for every command except <c>go env</c>/<c>go bug</c>, or null.</param>
/// <param name="Mod">The last <c>-mod=</c> value (mod, readonly, vendor), or null.</param>
/// <param name="ModFile">The last <c>-modfile=</c> value, or null.</param>
/// <param name="ModCacheRw">-modcacherw is set.</param>
/// <param name="Warnings">Flags go accepts in GOFLAGS but that fail in some command, e.g. -insecure for go get.</param>
public sealed record GoFlags(
    IReadOnlyList<string> Flags,
    string? Error,
    string? Mod,
    string? ModFile,
    bool ModCacheRw,
    IReadOnlyList<string> Warnings)
{
    /// <summary>-mod=vendor: go fails every module lookup with "module lookup disabled by -mod=vendor".</summary>
    public bool LookupsDisabled => Mod == "vendor";

    /// <summary>-mod=mod: go writes go.mod and go.sum itself (a raised require, a missing go.sum line) instead of refusing them.</summary>
    public bool UpdatesModFiles => Mod == "mod";

    // Flag names defined by some go subcommand (base.hasFlag walks all commands); go 1.26.
    private static readonly HashSet<string> s_known = new(StringComparer.Ordinal)
    {
        "C", "a", "all", "artifacts", "asan", "asmflags", "b", "bench", "benchmem", "benchtime", "blockprofile",
        "blockprofilerate", "buildmode", "buildvcs", "c", "cache", "changed", "compat", "compiled", "compiler", "cover",
        "covermode", "coverpkg", "coverprofile", "cpu", "cpuprofile", "d", "debug-actiongraph", "debug-runtime-trace",
        "debug-trace", "deps", "diff", "dropexclude", "dropgodebug", "dropignore", "dropreplace", "droprequire",
        "dropretract", "droptool", "dropuse", "e", "exclude", "exec", "export", "f", "failfast", "find", "fix", "fmt",
        "fullpath", "fuzz", "fuzzcache", "fuzzminimizetime", "fuzztime", "gccgoflags", "gcflags", "go", "godebug", "http",
        "i", "ignore", "insecure", "installsuffix", "json", "ldflags", "linkshared", "list", "m", "memprofile",
        "memprofilerate", "mod", "modcache", "modcacherw", "modfile", "module", "msan", "mutexprofile",
        "mutexprofilefraction", "n", "o", "outputdir", "overlay", "p", "pgo", "pkgdir", "print", "r", "race", "replace",
        "require", "retract", "retracted", "reuse", "run", "short", "shuffle", "skip", "src", "t", "tags", "test",
        "testcache", "tool", "toolchain", "toolexec", "trace", "trimpath", "u", "use", "v", "vendor", "versions", "vet",
        "w", "work", "x",
    };

    public static GoFlags Parse(string value, GoOs os = GoOs.Linux)
    {
        var words = Split(value, out var splitError);
        if (splitError is not null)
        {
            return new GoFlags([], "go: parsing $GOFLAGS: " + splitError, null, null, false, []);
        }

        string? error = null;
        string? mod = null;
        string? modFile = null;
        var modCacheRw = false;
        var warnings = new List<string>();
        foreach (var word in words)
        {
            if (!word.StartsWith('-') || word is "-" or "--" || word.StartsWith("---", StringComparison.Ordinal)
                || word.StartsWith("-=", StringComparison.Ordinal) || word.StartsWith("--=", StringComparison.Ordinal))
            {
                error ??= "go: parsing $GOFLAGS: non-flag " + GoModLens.ModFile.Text.GoQuote.Quote(word);
                continue;
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
                error ??= "go: parsing $GOFLAGS: unknown flag -" + name;
                continue;
            }

            switch (name)
            {
                case "mod":
                    mod = flagValue;
                    break;
                case "modfile":
                    modFile = flagValue;
                    break;
                case "modcacherw":
                    modCacheRw = flagValue is null || flagValue is "1" or "t" or "T" or "true" or "TRUE" or "True";
                    break;
                case "insecure":
                    warnings.Add("go get: -insecure flag is no longer supported; use GOINSECURE instead");
                    break;
            }
        }

        if (mod is not null && mod is not ("mod" or "readonly" or "vendor"))
        {
            var where = os == GoOs.Windows ? "%GOFLAGS%" : "$GOFLAGS";
            warnings.Add("go: invalid -mod=" + mod + " (from " + where + ")");
        }

        return new GoFlags(words, error, mod, modFile, modCacheRw, warnings);
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
