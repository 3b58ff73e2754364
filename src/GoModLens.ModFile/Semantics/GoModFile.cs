using GoModLens.ModFile.Syntax;
using GoModLens.ModFile.Text;
using GoModLens.ModFile.Versions;
using GoModLens.ModFile.Module;

namespace GoModLens.ModFile.Semantics;

/// <summary>
/// The interpreted go.mod (modfile.File), or go.work (modfile.WorkFile: only Go, Toolchain, Godebug, Use and Replace
/// are ever filled): one entry per accepted directive, each pointing at its syntax line in <see cref="Syntax"/>.
/// Edits change both the entry and its line, then call <see cref="Cleanup"/>.
/// </summary>
public sealed class GoModFile(ModFileSyntax syntax)
{
    public ModuleStmt? Module { get; set; }

    public GoStmt? Go { get; set; }

    public ToolchainStmt? Toolchain { get; set; }

    public List<GodebugStmt> Godebug { get; set; } = [];

    public List<RequireStmt> Require { get; set; } = [];

    public List<ExcludeStmt> Exclude { get; set; } = [];

    public List<ReplaceStmt> Replace { get; set; } = [];

    public List<RetractStmt> Retract { get; set; } = [];

    public List<ToolStmt> Tool { get; set; } = [];

    public List<IgnoreStmt> Ignore { get; set; } = [];

    /// <summary>The use directives of a go.work file; always empty for a go.mod.</summary>
    public List<UseStmt> Use { get; set; } = [];

    public ModFileSyntax Syntax { get; set; } = syntax;

    /// <summary>
    /// modfile SortBlocks: removes duplicate exclude/replace/tool/ignore lines, then stably sorts the lines of every
    /// block (exclude semantically from go 1.21, retract by descending interval, everything else by tokens).
    /// </summary>
    public void SortBlocks()
    {
        RemoveDups();
        var semanticExclude = Go is not null && Semver.Compare("v" + Go.Version, "v1.21") >= 0;
        foreach (var stmt in Syntax.Stmt)
        {
            if (stmt is not ModLineBlock block)
            {
                continue;
            }

            Comparison<ModLine> less = CompareLine;
            if (block.Tokens.Count > 0 && block.Tokens[0].Text == "exclude" && semanticExclude)
            {
                less = CompareLineExclude;
            }
            else if (block.Tokens.Count > 0 && block.Tokens[0].Text == "retract")
            {
                less = CompareLineRetract;
            }

            // List.Sort is unstable; go uses a stable sort.
            block.Lines = [.. block.Lines.Select((l, i) => (l, i)).OrderBy(p => p, Comparer<(ModLine L, int I)>.Create((a, b) =>
            {
                var c = less(a.L, b.L);
                return c != 0 ? c : a.I.CompareTo(b.I);
            })).Select(p => p.l)];
        }
    }

    /// <summary>
    /// Removes entries cleared by edits (empty path/key/interval) and cleans up the syntax tree (modfile File.Cleanup,
    /// and WorkFile.Cleanup, which drops use entries with an empty path, including a parsed `use ""`).
    /// </summary>
    public void Cleanup()
    {
        Godebug = Godebug.FindAll(g => g.Key.Length > 0);
        Require = Require.FindAll(r => r.Mod.Path.Length > 0);
        Exclude = Exclude.FindAll(x => x.Mod.Path.Length > 0);
        Replace = Replace.FindAll(r => r.Old.Path.Length > 0);
        Retract = Retract.FindAll(r => r.Low.Length > 0 || r.High.Length > 0);
        if (Use.Count > 0)
        {
            Use = Use.FindAll(u => u.Path.Length > 0);
        }

        Syntax.Cleanup();
    }

    private void RemoveDups()
    {
        var kill = new HashSet<ModLine>(ReferenceEqualityComparer.Instance);

        var haveExclude = new HashSet<ModPathVersion>();
        foreach (var x in Exclude)
        {
            if (!haveExclude.Add(x.Mod))
            {
                kill.Add(x.Syntax);
            }
        }

        Exclude = Exclude.FindAll(x => !kill.Contains(x.Syntax));

        // Later replacements win.
        var haveReplace = new HashSet<ModPathVersion>();
        for (var i = Replace.Count - 1; i >= 0; i--)
        {
            if (!haveReplace.Add(Replace[i].Old))
            {
                kill.Add(Replace[i].Syntax);
            }
        }

        Replace = Replace.FindAll(x => !kill.Contains(x.Syntax));

        var haveTool = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in Tool)
        {
            if (!haveTool.Add(t.Path))
            {
                kill.Add(t.Syntax);
            }
        }

        Tool = Tool.FindAll(t => !kill.Contains(t.Syntax));

        var haveIgnore = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in Ignore)
        {
            if (!haveIgnore.Add(t.Path))
            {
                kill.Add(t.Syntax);
            }
        }

        Ignore = Ignore.FindAll(t => !kill.Contains(t.Syntax));

        var stmts = new List<ModExpr>(Syntax.Stmt.Count);
        foreach (var stmt in Syntax.Stmt)
        {
            if (stmt is ModLine line && kill.Contains(line))
            {
                continue;
            }

            if (stmt is ModLineBlock block)
            {
                block.Lines = block.Lines.FindAll(l => !kill.Contains(l));
                if (block.Lines.Count == 0)
                {
                    continue;
                }
            }

            stmts.Add(stmt);
        }

        Syntax.Stmt = stmts;
    }

    private static int CompareLine(ModLine li, ModLine lj)
    {
        for (var k = 0; k < li.Tokens.Count && k < lj.Tokens.Count; k++)
        {
            var c = GoUnicode.CompareUtf8(li.Tokens[k].Text, lj.Tokens[k].Text);
            if (c != 0)
            {
                return c;
            }
        }

        return li.Tokens.Count.CompareTo(lj.Tokens.Count);
    }

    private static int CompareLineExclude(ModLine li, ModLine lj)
    {
        if (li.Tokens.Count != 2 || lj.Tokens.Count != 2)
        {
            return CompareLine(li, lj);
        }

        var c = GoUnicode.CompareUtf8(li.Tokens[0].Text, lj.Tokens[0].Text);
        return c != 0 ? c : Semver.Compare(li.Tokens[1].Text, lj.Tokens[1].Text);
    }

    private static int CompareLineRetract(ModLine li, ModLine lj)
    {
        var (lowI, highI) = Interval(li);
        var (lowJ, highJ) = Interval(lj);
        var c = Semver.Compare(lowI, lowJ);
        return c != 0 ? -c : -Semver.Compare(highI, highJ);

        static (string Low, string High) Interval(ModLine l)
        {
            var t = l.Tokens;
            if (t.Count == 1)
            {
                return (t[0].Text, t[0].Text);
            }

            if (t.Count == 5 && t[0].Text == "[" && t[2].Text == "," && t[4].Text == "]")
            {
                return (t[1].Text, t[3].Text);
            }

            return ("", "");
        }
    }
}
