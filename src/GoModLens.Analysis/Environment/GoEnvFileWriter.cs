using System.Text;
using GoModLens.Analysis.ProxyConfig;
using GoModLens.ModFile.Text;

namespace GoModLens.Analysis.Environment;

/// <summary>
/// <c>go env -w</c> / <c>go env -u</c> (cmd/go envcmd runEnvW, runEnvU, checkEnvWrite, updateEnvFile): the same
/// validation and messages, the same in-place rewrite (other lines and comments kept, duplicate keys collapsed to the
/// last one, new keys appended, runs of KEY=VALUE lines sorted by key), and an atomic write that cannot leave a
/// half-written file behind (go itself overwrites in place).
/// </summary>
public static class GoEnvFileWriter
{
    private static readonly HashSet<string> s_knownEnv = new(StringComparer.Ordinal)
    {
        "AR", "CC", "CGO_CFLAGS", "CGO_CFLAGS_ALLOW", "CGO_CFLAGS_DISALLOW", "CGO_CPPFLAGS", "CGO_CPPFLAGS_ALLOW",
        "CGO_CPPFLAGS_DISALLOW", "CGO_CXXFLAGS", "CGO_CXXFLAGS_ALLOW", "CGO_CXXFLAGS_DISALLOW", "CGO_ENABLED",
        "CGO_FFLAGS", "CGO_FFLAGS_ALLOW", "CGO_FFLAGS_DISALLOW", "CGO_LDFLAGS", "CGO_LDFLAGS_ALLOW",
        "CGO_LDFLAGS_DISALLOW", "CXX", "FC", "GCCGO", "GO111MODULE", "GO386", "GOAMD64", "GOARCH", "GOARM", "GOARM64",
        "GOAUTH", "GOBIN", "GOCACHE", "GOCACHEPROG", "GOENV", "GOEXE", "GOEXPERIMENT", "GOFIPS140", "GOFLAGS",
        "GOGCCFLAGS", "GOHOSTARCH", "GOHOSTOS", "GOINSECURE", "GOMIPS", "GOMIPS64", "GOMODCACHE", "GONOPROXY",
        "GONOSUMDB", "GOOS", "GOPATH", "GOPPC64", "GOPRIVATE", "GOPROXY", "GORISCV64", "GOROOT", "GOSUMDB", "GOTMPDIR",
        "GOTOOLCHAIN", "GOTOOLDIR", "GOVCS", "GOWASM", "GOWORK", "GO_EXTLINK_ENABLED", "PKG_CONFIG",
    };

    /// <summary>Plans <c>go env -w K=V …</c>. Arguments are the raw <c>K=V</c> strings, as on go's command line.</summary>
    public static GoEnvWritePlan PlanSet(GoEnvironment env, IReadOnlyList<string> arguments)
    {
        var old = ReadCurrent(env);
        if (arguments.Count == 0)
        {
            return Fail(env, old, "go: no KEY=VALUE arguments given");
        }

        var add = new List<KeyValuePair<string, string>>();
        var warnings = new List<string>();
        foreach (var arg in arguments)
        {
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                return Fail(env, old, "go: arguments must be KEY=VALUE: invalid argument: " + arg);
            }

            var key = arg[..eq];
            var value = arg[(eq + 1)..];
            if (CheckEnvWrite(env, key, value) is { } error)
            {
                return Fail(env, old, "go: " + error);
            }

            if (add.Any(kv => kv.Key == key))
            {
                return Fail(env, old, "go: multiple values for key: " + key);
            }

            add.Add(new(key, value));
            if (env.Input.ProcessEnvironment.TryGetValue(key, out var osValue) && osValue.Length > 0 && osValue != value)
            {
                warnings.Add("warning: go env -w " + key + "=... does not override conflicting OS environment variable");
            }
        }

        if (add.FirstOrDefault(kv => kv.Key == "GOTMPDIR") is { Key: not null } tmp && tmp.Value.Length > 0 && !env.Os.IsAbsolutePath(tmp.Value))
        {
            return Fail(env, old, "go: GOTMPDIR must be an absolute path");
        }

        if (env.EnvFilePath is null)
        {
            return Fail(env, old, "go: cannot find go env config: " + env.EnvFileError);
        }

        return new GoEnvWritePlan(env.EnvFilePath, old, Update(old ?? "", add, []), null, warnings);
    }

    /// <summary>Plans <c>go env -u K …</c>.</summary>
    public static GoEnvWritePlan PlanUnset(GoEnvironment env, IReadOnlyList<string> keys)
    {
        var old = ReadCurrent(env);
        if (keys.Count == 0)
        {
            return Fail(env, old, "go: 'go env -u' requires an argument");
        }

        foreach (var key in keys)
        {
            if (CheckEnvWrite(env, key, "") is { } error)
            {
                return Fail(env, old, "go: " + error);
            }
        }

        if (env.EnvFilePath is null)
        {
            return Fail(env, old, "go: cannot find go env config: " + env.EnvFileError);
        }

        if (old is null)
        {
            // -u requires the file to exist.
            return Fail(env, old, "go: reading go env config: open " + env.EnvFilePath + ": no such file or directory");
        }

        return new GoEnvWritePlan(env.EnvFilePath, old, Update(old, [], keys), null, []);
    }

    /// <summary>envcmd.updateEnvFile on text: pure, for previews and tests.</summary>
    public static string Update(string text, IReadOnlyList<KeyValuePair<string, string>> add, IReadOnlyCollection<string> delete)
    {
        var lines = SplitAfterNewline(text);

        // Keep only the last copy of a duplicated key: it is the one that takes effect.
        var prev = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            if (LineToKey(lines[i]) is { Length: > 0 } key)
            {
                if (prev.TryGetValue(key, out var p))
                {
                    lines[p] = "";
                }

                prev[key] = i;
            }
        }

        var appended = new List<string>();
        foreach (var (key, value) in add)
        {
            if (prev.TryGetValue(key, out var p))
            {
                lines[p] = key + "=" + value + "\n";
            }
            else
            {
                appended.Add(key + "=" + value + "\n");
            }
        }

        lines.AddRange(appended);
        foreach (var key in delete)
        {
            if (prev.TryGetValue(key, out var p))
            {
                lines[p] = "";
            }
        }

        // Sort each run of KEY=VALUE lines; blank, comment, invalid (and just-removed) lines separate runs.
        var start = 0;
        for (var i = 0; i <= lines.Count; i++)
        {
            if (i == lines.Count || LineToKey(lines[i]).Length == 0)
            {
                lines.Sort(start, i - start, Comparer<string>.Create((a, b) => CompareUtf8(LineToKey(a), LineToKey(b))));
                start = i + 1;
            }
        }

        return string.Concat(lines);
    }

    /// <summary>Writes the planned text atomically: a temporary file in the same directory, then a rename.</summary>
    public static async Task WriteAsync(GoEnvWritePlan plan, CancellationToken cancellationToken)
    {
        if (!plan.IsValid)
        {
            throw new InvalidOperationException(plan.Error ?? "nothing to write");
        }

        var path = plan.Path!;
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var temp = System.IO.Path.Combine(dir, "." + System.IO.Path.GetFileName(path) + ".gomodlens-" + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            await File.WriteAllBytesAsync(temp, ModFile.Text.GoUtf8.Encode(plan.NewText!), cancellationToken).ConfigureAwait(false);
            if (!OperatingSystem.IsWindows() && File.Exists(path))
            {
                File.SetUnixFileMode(temp, File.GetUnixFileMode(path));
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>envcmd.checkEnvWrite; returns the message without the "go: " prefix, or null.</summary>
    public static string? CheckEnvWrite(GoEnvironment env, string key, string value)
    {
        switch (key)
        {
            case "GOEXE" or "GOGCCFLAGS" or "GOHOSTARCH" or "GOHOSTOS" or "GOMOD" or "GOWORK" or "GOTOOLDIR" or "GOVERSION" or "GOTELEMETRY" or "GOTELEMETRYDIR":
                return key + " cannot be modified";
            case "GOENV" or "GODEBUG":
                return key + " can only be set using the OS environment";
        }

        // Keys already present in either env file count as known, like cfg.CanGetenv.
        if (!env.EnvFileEntries.ContainsKey(key) && !env.GoRootEnvFileEntries.ContainsKey(key) && !s_knownEnv.Contains(key))
        {
            return "unknown go command variable " + key;
        }

        switch (key)
        {
            case "GO111MODULE":
                if (value is not ("" or "auto" or "on" or "off"))
                {
                    return "invalid " + key + " value " + GoQuote.Quote(value);
                }

                break;
            case "GOPATH":
                if (value.StartsWith('~'))
                {
                    return "GOPATH entry cannot start with shell metacharacter '~': " + GoQuote.Quote(value);
                }

                if (value.Length > 0 && !env.Os.IsAbsolutePath(value))
                {
                    return "GOPATH entry is relative; must be absolute path: " + GoQuote.Quote(value);
                }

                break;
            case "GOMODCACHE":
                if (value.Length > 0 && !env.Os.IsAbsolutePath(value))
                {
                    return "GOMODCACHE entry is relative; must be absolute path: " + GoQuote.Quote(value);
                }

                break;
            case "CC" or "CXX":
                if (value.Length == 0)
                {
                    break;
                }

                var words = GoQuoted.Split(value, out var splitError);
                if (splitError is not null)
                {
                    return "invalid " + key + ": " + splitError;
                }

                if (words.Count == 0)
                {
                    return key + " entry cannot contain only space";
                }

                var first = words[0];
                var isBase = first.IndexOfAny(env.Os == GoOs.Windows ? ['/', '\\'] : ['/']) < 0;
                if (!env.Os.IsAbsolutePath(first) && !isBase)
                {
                    return key + " entry is relative; must be absolute path: " + GoQuote.Quote(first);
                }

                break;
        }

        if (value.Any(char.IsSurrogate) && !Utf16Text.IsWellFormed(value))
        {
            return "invalid UTF-8 in " + key + "=... value";
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            return "invalid NUL in " + key + "=... value";
        }

        if (value.AsSpan().IndexOfAny("\v\r\n") >= 0)
        {
            return "invalid newline in " + key + "=... value";
        }

        return null;
    }

    /// <summary>lineToKey: the text before the first '=' unless it contains '#'; "" for non-key lines.</summary>
    internal static string LineToKey(string line)
    {
        var eq = line.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0 || line.AsSpan(0, eq).Contains('#'))
        {
            return "";
        }

        return line[..eq];
    }

    private static List<string> SplitAfterNewline(string text)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var nl = text.IndexOf('\n', start);
            if (nl < 0)
            {
                // A last line without newline gets one, as in go.
                lines.Add(text[start..] + "\n");
                break;
            }

            lines.Add(text[start..(nl + 1)]);
            start = nl + 1;
        }

        return lines;
    }

    // Go compares strings bytewise (UTF-8); ordinal UTF-16 order differs only around surrogates.
    private static int CompareUtf8(string a, string b) =>
        Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));


    private static string? ReadCurrent(GoEnvironment env) =>
        env.EnvFilePath is null ? null : env.Input.Files.ReadAllText(env.EnvFilePath);

    private static GoEnvWritePlan Fail(GoEnvironment env, string? old, string error) =>
        new(env.EnvFilePath, old, null, error, []);
}
