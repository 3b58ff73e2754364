using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Tests.Differential;

namespace GoModLens.ModFile.Tests.Editing;

/// <summary>Edit flag sets derived from a corpus file's content, all with canonical versions so the result parses cleanly.</summary>
internal static class EditCases
{
    /// <summary>A version that fits the path's major-version suffix (x/v3 → v3.99.0, plain → v1.99.0).</summary>
    public static string VersionFor(string path, string minorPatch = "99.0")
    {
        var (_, pathMajor, _) = GoModLens.ModFile.Module.ModulePath.SplitPathVersion(path);
        var major = pathMajor.Length == 0 ? "v1" : pathMajor.Replace("-unstable", "", StringComparison.Ordinal)[1..];
        return major + "." + minorPatch;
    }

    /// <summary>Accepted corpus files, evenly spread over the corpus (count at most <paramref name="count"/>).</summary>
    public static IReadOnlyList<string> AcceptedFiles(int count)
    {
        var accepted = DifferentialCorpus.Files
            .Where(f => ModFileParser.Parse("go.mod", File.ReadAllBytes(f)).IsAcceptedByGo)
            .ToList();
        if (accepted.Count <= count)
        {
            return accepted;
        }

        return [.. Enumerable.Range(0, count).Select(i => accepted[(int)((long)i * accepted.Count / count)])];
    }

    public static IReadOnlyList<string[]> For(string text)
    {
        var m = ModFileParser.Parse("go.mod", text).Model;
        var cases = new List<string[]>
        {
            new[] { "-require=example.com/newmod@v1.2.3" },
            new[] { "-exclude=example.com/excluded@v0.1.0" },
            new[] { "-replace=example.com/old=../local" },
            new[] { "-replace=example.com/old@v1.0.0=example.com/fork@v1.0.1" },
            new[] { "-go=1.22" },
            new[] { "-go=none" },
            new[] { "-toolchain=go1.23.4" },
            new[] { "-toolchain=none" },
            new[] { "-tool=example.com/tool/cmd/x" },
            new[] { "-godebug=panicnil=1" },
            new[] { "-module=example.com/renamed" },

            // Refused by modfile (non-canonical or wrong-major versions): both must refuse with the same message.
            new[] { "-exclude=example.com/x@v1.2" },
            new[] { "-exclude=example.com/x/v2@v1.0.0" },
            new[] { "-exclude=example.com/x@v2.0.0" },
            new[] { "-retract=v1.0" },
        };

        var modPath = m.Module?.Mod.Path ?? "";
        cases.Add([$"-retract={VersionFor(modPath, "0.0")}"]);
        cases.Add([$"-retract=[{VersionFor(modPath, "1.0")},{VersionFor(modPath, "2.0")}]"]);

        var live = m.Require.Where(r => r.Mod.Path.Length > 0).ToList();
        if (live.Count > 0)
        {
            var first = live[0].Mod.Path;
            var last = live[^1].Mod.Path;
            cases.Add([$"-require={first}@{VersionFor(first)}"]);
            cases.Add([$"-require={last}@{VersionFor(last, "98.1")}"]);
            cases.Add([$"-droprequire={first}"]);
            cases.Add([$"-droprequire={last}", $"-droprequire={live[live.Count / 2].Mod.Path}"]);
            cases.Add([$"-exclude={first}@{VersionFor(first)}"]);
            cases.Add([$"-replace={first}=../local/{live.Count}"]);
            cases.Add([$"-replace={last}@{live[^1].Mod.Version}=example.com/fork@v1.0.1"]);
        }

        if (m.Exclude.Count > 0)
        {
            cases.Add([$"-dropexclude={m.Exclude[0].Mod.Path}@{m.Exclude[0].Mod.Version}"]);
            cases.Add([$"-exclude={m.Exclude[0].Mod.Path}@{VersionFor(m.Exclude[0].Mod.Path, "97.0")}"]);
        }

        if (m.Replace.Count > 0)
        {
            var r = m.Replace[^1];
            cases.Add([r.Old.Version.Length > 0 ? $"-dropreplace={r.Old.Path}@{r.Old.Version}" : $"-dropreplace={r.Old.Path}"]);
            cases.Add([$"-replace={r.Old.Path}=../elsewhere"]);
        }

        if (m.Retract.Count > 0)
        {
            var r = m.Retract[0];
            cases.Add([r.Low == r.High ? $"-dropretract={r.Low}" : $"-dropretract=[{r.Low},{r.High}]"]);
        }

        if (m.Tool.Count > 0)
        {
            cases.Add([$"-droptool={m.Tool[0].Path}"]);
        }

        if (m.Godebug.Count > 0)
        {
            cases.Add([$"-dropgodebug={m.Godebug[0].Key}"]);
            cases.Add([$"-godebug={m.Godebug[0].Key}=changed"]);
        }

        // Several edits in one run, in go's application order.
        cases.Add(["-go=1.21", "-require=example.com/a@v1.0.0", "-require=example.com/b@v0.1.0", "-exclude=example.com/a@v0.9.0", "-replace=example.com/a=../a", "-tool=example.com/a/cmd", "-godebug=x=1"]);
        return cases;
    }
}
