using System.Globalization;
using GoModLens.ModFile.Formatting;
using GoModLens.ModFile.Module;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Syntax;
using GoModLens.ModFile.Text;
using GoModLens.ModFile.Versions;

namespace GoModLens.ModFile.Editing;

/// <summary>
/// Edits a go.mod model and its syntax tree in place with x/mod modfile's operations and names, keeping comments and
/// layout: only the lines an edit must touch change. Removals only mark lines; <see cref="Format"/> (or
/// <see cref="Cleanup"/>) sweeps them. <see cref="FormatLikeGoModEdit"/> adds the SortBlocks step `go mod edit` does.
/// Operations modfile can refuse throw <see cref="ModEditException"/> with go's message.
/// </summary>
public sealed class ModFileEditor
{
    private const string SeparateIndirectVersion = "1.17";

    public ModFileEditor(GoModFile model)
    {
        Model = model;
    }

    /// <summary>The model being edited (its <see cref="GoModFile.Syntax"/> is the tree being edited).</summary>
    public GoModFile Model { get; }

    public ModFileSyntax Syntax => Model.Syntax;

    /// <summary>Parses <paramref name="text"/> into a fresh tree to edit, so no cached parse result is mutated.</summary>
    public static ModFileEditor Open(string path, string text, ParseMode mode = ParseMode.Strict) =>
        new(ModFileParser.Parse(path, text, mode).Model);

    // ---------------------------------------------------------------- module, go, toolchain

    public void AddModuleStmt(string path)
    {
        if (Model.Module is null)
        {
            Model.Module = new ModuleStmt(ModSyntaxEditing.AddLine(Syntax, null, "module", ModQuoting.AutoQuote(path)))
            {
                Mod = new ModPathVersion(path, ""),
            };
            return;
        }

        Model.Module.Mod = new ModPathVersion(path, "");
        ModSyntaxEditing.UpdateLine(Model.Module.Syntax, "module", ModQuoting.AutoQuote(path));
    }

    /// <summary>Sets the go version ("1.23", "1.21.0", "1.22rc1"), adding the line after the module line if missing.</summary>
    public void AddGoStmt(string version)
    {
        if (!ModFileBinder.GoVersionRegex().IsMatch(version))
        {
            throw new ModEditException($"invalid language version {GoQuote.Quote(version)}");
        }

        if (Model.Go is null)
        {
            Model.Go = new GoStmt(version, ModSyntaxEditing.AddLine(Syntax, Model.Module?.Syntax, "go", version));
            return;
        }

        Model.Go.Version = version;
        ModSyntaxEditing.UpdateLine(Model.Go.Syntax, "go", version);
    }

    public void DropGoStmt()
    {
        if (Model.Go is not null)
        {
            Model.Go.Syntax.MarkRemoved();
            Model.Go = null;
        }
    }

    /// <summary>Sets the toolchain ("go1.23.4" or "default"), adding the line after the go (or module) line if missing.</summary>
    public void AddToolchainStmt(string name)
    {
        if (!ModFileBinder.ToolchainRegex().IsMatch(name))
        {
            throw new ModEditException($"invalid toolchain name {GoQuote.Quote(name)}");
        }

        if (Model.Toolchain is null)
        {
            ModExpr? hint = Model.Go?.Syntax ?? Model.Module?.Syntax;
            Model.Toolchain = new ToolchainStmt(name, ModSyntaxEditing.AddLine(Syntax, hint, "toolchain", name));
            return;
        }

        Model.Toolchain.Name = name;
        ModSyntaxEditing.UpdateLine(Model.Toolchain.Syntax, "toolchain", name);
    }

    public void DropToolchainStmt()
    {
        if (Model.Toolchain is not null)
        {
            Model.Toolchain.Syntax.MarkRemoved();
            Model.Toolchain = null;
        }
    }

    // ---------------------------------------------------------------- go.work (WorkFile)

    /// <summary>
    /// WorkFile.AddGoStmt: sets the go version of a go.work; a missing line goes before the first statement that is
    /// not a comment block (a go.work has no module line to follow), so file comments stay on top.
    /// </summary>
    public void AddWorkGoStmt(string version)
    {
        if (!ModFileBinder.GoVersionRegex().IsMatch(version))
        {
            throw new ModEditException($"invalid language version {GoQuote.Quote(version)}");
        }

        if (Model.Go is not null)
        {
            AddGoStmt(version);
            return;
        }

        var line = new ModLine { Tokens = ModSyntaxEditing.Tokens(["go", version]) };
        var i = Syntax.Stmt.FindIndex(s => s is not ModCommentBlock);
        Syntax.Stmt.Insert(i < 0 ? Syntax.Stmt.Count : i, line);
        Model.Go = new GoStmt(version, line);
    }

    /// <summary>WorkFile.AddUse: the first use line of <paramref name="diskPath"/> is kept (rewritten), later ones removed; else a new line.</summary>
    public void AddUse(string diskPath, string modulePath)
    {
        var need = true;
        foreach (var use in Model.Use.Where(u => u.Path == diskPath))
        {
            if (need)
            {
                use.ModulePath = modulePath;
                ModSyntaxEditing.UpdateLine(use.Syntax, "use", ModQuoting.AutoQuote(diskPath));
                need = false;
            }
            else
            {
                use.Syntax.MarkRemoved();
                use.Path = "";
            }
        }

        if (need)
        {
            Model.Use.Add(new UseStmt(diskPath, modulePath, ModSyntaxEditing.AddLine(Syntax, null, "use", ModQuoting.AutoQuote(diskPath))));
        }
    }

    /// <summary>WorkFile.DropUse: removes every use line of <paramref name="diskPath"/>.</summary>
    public void DropUse(string diskPath)
    {
        foreach (var use in Model.Use.Where(u => u.Path == diskPath))
        {
            use.Syntax.MarkRemoved();
            use.Path = "";
        }
    }

    // ---------------------------------------------------------------- godebug

    /// <summary>Sets the first godebug line for key (keeping its comments), drops the others; adds a line if none.</summary>
    public void AddGodebug(string key, string value)
    {
        var need = true;
        foreach (var g in Model.Godebug)
        {
            if (g.Key != key)
            {
                continue;
            }

            if (need)
            {
                g.Value = value;
                ModSyntaxEditing.UpdateLine(g.Syntax, "godebug", key + "=" + value);
                need = false;
            }
            else
            {
                g.Syntax.MarkRemoved();
                g.Key = "";
                g.Value = "";
            }
        }

        if (need)
        {
            Model.Godebug.Add(new GodebugStmt(key, value, ModSyntaxEditing.AddLine(Syntax, null, "godebug", key + "=" + value)));
        }
    }

    public void DropGodebug(string key)
    {
        foreach (var g in Model.Godebug.Where(g => g.Key == key))
        {
            g.Syntax.MarkRemoved();
            g.Key = "";
            g.Value = "";
        }
    }

    // ---------------------------------------------------------------- require

    /// <summary>
    /// Sets the first require line for path to <paramref name="version"/> (keeping its comments) and drops other lines
    /// for path; with none, adds a new line at the end of the last require block (<see cref="AddNewRequire"/>).
    /// </summary>
    public void AddRequire(string path, string version)
    {
        var need = true;
        foreach (var r in Model.Require)
        {
            if (r.Mod.Path != path)
            {
                continue;
            }

            if (need)
            {
                r.Mod = new ModPathVersion(path, version);
                ModSyntaxEditing.UpdateLine(r.Syntax, "require", ModQuoting.AutoQuote(path), version);
                need = false;
            }
            else
            {
                MarkRemoved(r);
            }
        }

        if (need)
        {
            AddNewRequire(path, version, indirect: false);
        }
    }

    /// <summary>
    /// Adds a require line at the end of the last require statement: appended to the last require block, or turning
    /// a lone require line into a block, or (no require yet) a new line at the end of the file.
    /// </summary>
    public RequireStmt AddNewRequire(string path, string version, bool indirect)
    {
        var line = ModSyntaxEditing.AddLine(Syntax, null, "require", ModQuoting.AutoQuote(path), version);
        var r = new RequireStmt(new ModPathVersion(path, version), false, line);
        IndirectComment.Set(r, indirect);
        Model.Require.Add(r);
        return r;
    }

    public void DropRequire(string path)
    {
        foreach (var r in Model.Require.Where(r => r.Mod.Path == path))
        {
            MarkRemoved(r);
        }
    }

    /// <summary>Adds or removes the "// indirect" marker of one requirement, keeping any other comment text.</summary>
    public static void SetIndirect(RequireStmt require, bool indirect) => IndirectComment.Set(require, indirect);

    /// <summary>
    /// Makes the requirements exactly <paramref name="requirements"/>: the first existing line per path keeps its place
    /// and comments (version and indirect marker updated), other lines go, new paths join the last require block;
    /// then blocks are sorted. Call <see cref="Cleanup"/> (or <see cref="Format"/>) afterwards.
    /// </summary>
    public void SetRequire(IReadOnlyList<RequireSpec> requirements)
    {
        var need = new Dictionary<string, RequireSpec>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var r in requirements)
        {
            if (need.TryGetValue(r.Path, out var prev))
            {
                if (prev.Version != r.Version)
                {
                    throw new ModEditException($"SetRequire called with conflicting versions for path {r.Path} ({prev.Version} and {r.Version})");
                }
            }
            else
            {
                order.Add(r.Path);
            }

            need[r.Path] = r;
        }

        foreach (var r in Model.Require.ToList())
        {
            var path = r.Mod.Path;
            if (need.Remove(path, out var e))
            {
                SetVersion(r, e.Version);
                IndirectComment.Set(r, e.Indirect);
            }
            else
            {
                MarkRemoved(r);
            }
        }

        foreach (var path in order)
        {
            if (need.TryGetValue(path, out var e))
            {
                AddNewRequire(e.Path, e.Version, e.Indirect);
            }
        }

        SortBlocks();
    }

    /// <summary>
    /// Like <see cref="SetRequire"/> but keeps direct and indirect requirements in two separate blocks (go ≥ 1.17):
    /// new requirements go to the last uncommented direct-only or indirect-only block, requirements whose marker
    /// changed move between those blocks, and a single uncommented mixed block is split in two.
    /// </summary>
    public void SetRequireSeparateIndirect(IReadOnlyList<RequireSpec> requirements)
    {
        int lastDirectIndex = -1, lastIndirectIndex = -1, lastRequireIndex = -1, requireCount = 0;
        var lineToBlock = new Dictionary<ModLine, ModLineBlock>(ReferenceEqualityComparer.Instance);
        var stmts = Syntax.Stmt;
        for (var i = 0; i < stmts.Count; i++)
        {
            switch (stmts[i])
            {
                case ModLine line when line.Tokens.Count > 0 && line.Tokens[0].Text == "require":
                    lastRequireIndex = i;
                    requireCount++;
                    if (!HasComments(line.Comments))
                    {
                        if (IndirectComment.IsIndirect(line))
                        {
                            lastIndirectIndex = i;
                        }
                        else
                        {
                            lastDirectIndex = i;
                        }
                    }

                    break;
                case ModLineBlock block when block.Tokens.Count > 0 && block.Tokens[0].Text == "require":
                {
                    lastRequireIndex = i;
                    requireCount++;
                    var allDirect = block.Lines.Count > 0 && !HasComments(block.Comments);
                    var allIndirect = allDirect;
                    foreach (var line in block.Lines)
                    {
                        lineToBlock[line] = block;
                        if (HasComments(line.Comments))
                        {
                            allDirect = allIndirect = false;
                        }
                        else if (IndirectComment.IsIndirect(line))
                        {
                            allDirect = false;
                        }
                        else
                        {
                            allIndirect = false;
                        }
                    }

                    if (allDirect)
                    {
                        lastDirectIndex = i;
                    }

                    if (allIndirect)
                    {
                        lastIndirectIndex = i;
                    }

                    break;
                }
            }
        }

        var oneFlatUncommentedBlock = requireCount == 1 && !HasComments(stmts[lastRequireIndex].Comments);

        ModLineBlock lastDirectBlock;
        if (lastDirectIndex < 0)
        {
            if (lastIndirectIndex >= 0)
            {
                lastDirectIndex = lastIndirectIndex;
                lastIndirectIndex++;
            }
            else
            {
                lastDirectIndex = lastRequireIndex >= 0 ? lastRequireIndex + 1 : stmts.Count;
            }

            lastDirectBlock = InsertBlock(lastDirectIndex);
        }
        else
        {
            lastDirectBlock = EnsureBlock(lastDirectIndex);
        }

        ModLineBlock lastIndirectBlock;
        if (lastIndirectIndex < 0)
        {
            lastIndirectIndex = lastDirectIndex + 1;
            lastIndirectBlock = InsertBlock(lastIndirectIndex);
        }
        else
        {
            lastIndirectBlock = EnsureBlock(lastIndirectIndex);
        }

        var need = new Dictionary<string, RequireSpec>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var r in requirements)
        {
            if (!need.ContainsKey(r.Path))
            {
                order.Add(r.Path);
            }

            need[r.Path] = r;
        }

        var have = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in Model.Require.ToList())
        {
            var path = r.Mod.Path;
            if (!need.TryGetValue(path, out var wanted) || !have.Add(path))
            {
                MarkRemoved(r);
                continue;
            }

            SetVersion(r, wanted.Version);
            IndirectComment.Set(r, wanted.Indirect);
            lineToBlock.TryGetValue(r.Syntax, out var inBlock);
            if (wanted.Indirect && (oneFlatUncommentedBlock || ReferenceEquals(inBlock, lastDirectBlock)))
            {
                MoveRequire(r, lastIndirectBlock);
            }
            else if (!wanted.Indirect && (oneFlatUncommentedBlock || ReferenceEquals(inBlock, lastIndirectBlock)))
            {
                MoveRequire(r, lastDirectBlock);
            }
        }

        foreach (var path in order)
        {
            if (have.Contains(path))
            {
                continue;
            }

            var wanted = need[path];
            var line = new ModLine { Tokens = ModSyntaxEditing.Tokens([ModQuoting.AutoQuote(path), wanted.Version]), InBlock = true };
            var r = new RequireStmt(new ModPathVersion(path, wanted.Version), false, line);
            if (wanted.Indirect)
            {
                IndirectComment.Set(r, true);
            }

            (wanted.Indirect ? lastIndirectBlock : lastDirectBlock).Lines.Add(line);
            Model.Require.Add(r);
        }

        SortBlocks();

        ModLineBlock InsertBlock(int i)
        {
            var block = new ModLineBlock { Tokens = ModSyntaxEditing.Tokens(["require"]) };
            stmts.Insert(i, block);
            return block;
        }

        ModLineBlock EnsureBlock(int i)
        {
            switch (stmts[i])
            {
                case ModLineBlock block:
                    return block;
                case ModLine line:
                {
                    var block = new ModLineBlock { Start = line.Start, Tokens = [line.Tokens[0]], Lines = [line] };
                    line.Tokens = line.Tokens[1..];
                    line.InBlock = true;
                    stmts[i] = block;
                    return block;
                }

                default:
                    throw new InvalidOperationException("unexpected statement at require index " + i.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>What the go command does when it rewrites requirements: separate indirect blocks from go 1.17 on.</summary>
    public void UpdateRequirements(IReadOnlyList<RequireSpec> requirements)
    {
        if (UsesSeparateIndirectBlocks(Model.Go?.Version))
        {
            SetRequireSeparateIndirect(requirements);
        }
        else
        {
            SetRequire(requirements);
        }
    }

    /// <summary>Whether a go version (null: no go line, i.e. go 1.16) puts indirect requirements in their own block.</summary>
    public static bool UsesSeparateIndirectBlocks(string? goVersion) =>
        LanguageVersion(goVersion ?? "1.16").CompareTo(LanguageVersion(SeparateIndirectVersion)) >= 0;

    private static (int Major, int Minor) LanguageVersion(string v)
    {
        var parts = v.Split('.');
        var major = parts.Length > 0 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 0;
        var minorText = parts.Length > 1 ? new string([.. parts[1].TakeWhile(char.IsAsciiDigit)]) : "0";
        var minor = int.TryParse(minorText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return (major, minor);
    }

    private void MoveRequire(RequireStmt r, ModLineBlock block)
    {
        var old = r.Syntax;
        var tokens = !old.InBlock && old.Tokens.Count > 0 && old.Tokens[0].Text == "require" ? old.Tokens[1..] : [.. old.Tokens];
        var line = new ModLine { Start = old.Start, End = old.End, Tokens = tokens, Comments = old.Comments, InBlock = true };
        old.Tokens = []; // Cleanup drops the old line.
        r.Syntax = line;
        block.Lines.Add(line);
    }

    private static bool HasComments(ModComments c) =>
        c.Before.Count > 0 || c.After.Count > 0 || c.Suffix.Count > 1
        || (c.Suffix.Count == 1 && GoUnicode.TrimSpace(c.Suffix[0].Token.StartsWith("//", StringComparison.Ordinal) ? c.Suffix[0].Token[2..] : c.Suffix[0].Token) != "indirect");

    /// <summary>modfile Require.setVersion: also drops a blank line right before the line in its block (go.dev/issue/33779).</summary>
    private static void SetVersion(RequireStmt r, string version)
    {
        r.Mod = r.Mod with { Version = version };
        var line = r.Syntax;
        if (line.Tokens.Count == 0)
        {
            return;
        }

        if (line.InBlock)
        {
            if (line.Comments.Before.Count == 1 && line.Comments.Before[0].IsBlankLine)
            {
                line.Comments.Before = [];
            }

            if (line.Tokens.Count >= 2)
            {
                line.Tokens[1] = ModToken.Synthetic(version);
            }
        }
        else if (line.Tokens.Count >= 3)
        {
            line.Tokens[2] = ModToken.Synthetic(version);
        }
    }

    private static void MarkRemoved(RequireStmt r)
    {
        r.Syntax.MarkRemoved();
        r.Mod = new ModPathVersion("", "");
        r.Indirect = false;
    }

    // ---------------------------------------------------------------- exclude

    /// <summary>
    /// Adds an exclude after the last exclude of the same path, or else as a new line at the end of the file (as
    /// modfile does); the version must be canonical.
    /// </summary>
    public void AddExclude(string path, string version)
    {
        CheckCanonicalVersion(path, version);
        ModLine? hint = null;
        foreach (var x in Model.Exclude)
        {
            if (x.Mod.Path == path && x.Mod.Version == version)
            {
                return;
            }

            if (x.Mod.Path == path)
            {
                hint = x.Syntax;
            }
        }

        var line = ModSyntaxEditing.AddLine(Syntax, hint, false, "exclude", ModQuoting.AutoQuote(path), version);
        Model.Exclude.Add(new ExcludeStmt(new ModPathVersion(path, version), line));
    }

    public void DropExclude(string path, string version)
    {
        foreach (var x in Model.Exclude.Where(x => x.Mod.Path == path && x.Mod.Version == version))
        {
            x.Syntax.MarkRemoved();
            x.Mod = new ModPathVersion("", "");
        }
    }

    // ---------------------------------------------------------------- replace

    /// <summary>
    /// Replaces old[@oldVersion] with new[@newVersion] (an empty newVersion means a directory): rewrites the first
    /// matching replace line, drops other matches, or adds a line after the last replace of the same path (else a new
    /// line at the end of the file, as modfile does).
    /// </summary>
    public void AddReplace(string oldPath, string oldVersion, string newPath, string newVersion)
    {
        var tokens = new List<string> { "replace", ModQuoting.AutoQuote(oldPath) };
        if (oldVersion.Length > 0)
        {
            tokens.Add(oldVersion);
        }

        tokens.Add("=>");
        tokens.Add(ModQuoting.AutoQuote(newPath));
        if (newVersion.Length > 0)
        {
            tokens.Add(newVersion);
        }

        var need = true;
        ModLine? hint = null;
        foreach (var r in Model.Replace)
        {
            if (r.Old.Path == oldPath && (oldVersion.Length == 0 || r.Old.Version == oldVersion))
            {
                if (need)
                {
                    r.New = new ModPathVersion(newPath, newVersion);
                    ModSyntaxEditing.UpdateLine(r.Syntax, [.. tokens]);
                    need = false;
                    continue;
                }

                r.Syntax.MarkRemoved();
                r.Old = new ModPathVersion("", "");
                r.New = new ModPathVersion("", "");
            }

            if (r.Old.Path == oldPath)
            {
                hint = r.Syntax;
            }
        }

        if (need)
        {
            var line = ModSyntaxEditing.AddLine(Syntax, hint, false, [.. tokens]);
            Model.Replace.Add(new ReplaceStmt(new ModPathVersion(oldPath, oldVersion), new ModPathVersion(newPath, newVersion), line));
        }
    }

    public void DropReplace(string oldPath, string oldVersion)
    {
        foreach (var r in Model.Replace.Where(r => r.Old.Path == oldPath && r.Old.Version == oldVersion))
        {
            r.Syntax.MarkRemoved();
            r.Old = new ModPathVersion("", "");
            r.New = new ModPathVersion("", "");
        }
    }

    // ---------------------------------------------------------------- retract

    /// <summary>
    /// Adds a retract line (at the end of the last retract block) with the rationale as comment lines before it; both
    /// bounds must be canonical versions. Unlike modfile (which forgets to), the new entry is also added to the model.
    /// </summary>
    public void AddRetract(VersionInterval interval, string rationale = "")
    {
        var path = Model.Module?.Mod.Path ?? "";
        CheckCanonicalVersion(path, interval.High);
        CheckCanonicalVersion(path, interval.Low);
        var line = interval.Low == interval.High
            ? ModSyntaxEditing.AddLine(Syntax, null, "retract", ModQuoting.AutoQuote(interval.Low))
            : ModSyntaxEditing.AddLine(Syntax, null, "retract", "[", ModQuoting.AutoQuote(interval.Low), ",", ModQuoting.AutoQuote(interval.High), "]");
        if (rationale.Length > 0)
        {
            foreach (var text in rationale.Split('\n'))
            {
                line.Comments.Before.Add(new ModComment(default, "// " + text, false, null));
            }
        }

        Model.Retract.Add(new RetractStmt(interval.Low, interval.High, rationale, line));
    }

    public void DropRetract(VersionInterval interval)
    {
        foreach (var r in Model.Retract.Where(r => r.Low == interval.Low && r.High == interval.High))
        {
            r.Syntax.MarkRemoved();
            r.Low = r.High = r.Rationale = "";
        }
    }

    // ---------------------------------------------------------------- tool, ignore

    /// <summary>Adds a tool line (path written as given, as modfile does) unless present, then sorts blocks.</summary>
    public void AddTool(string path)
    {
        if (Model.Tool.Any(t => t.Path == path))
        {
            return;
        }

        Model.Tool.Add(new ToolStmt(path, ModSyntaxEditing.AddLine(Syntax, null, "tool", path)));
        SortBlocks();
    }

    public void DropTool(string path)
    {
        foreach (var t in Model.Tool.Where(t => t.Path == path))
        {
            t.Syntax.MarkRemoved();
            t.Path = "";
        }
    }

    public void AddIgnore(string path)
    {
        if (Model.Ignore.Any(t => t.Path == path))
        {
            return;
        }

        Model.Ignore.Add(new IgnoreStmt(path, ModSyntaxEditing.AddLine(Syntax, null, "ignore", path)));
        SortBlocks();
    }

    public void DropIgnore(string path)
    {
        foreach (var t in Model.Ignore.Where(t => t.Path == path))
        {
            t.Syntax.MarkRemoved();
            t.Path = "";
        }
    }

    // ---------------------------------------------------------------- finishing

    /// <summary>modfile SortBlocks: drops duplicate exclude/replace/tool/ignore lines and sorts every block.</summary>
    public void SortBlocks() => Model.SortBlocks();

    /// <summary>Sweeps entries and lines marked removed, collapses one-line blocks.</summary>
    public void Cleanup()
    {
        Model.Cleanup();
        Model.Tool = Model.Tool.FindAll(t => t.Path.Length > 0);
        Model.Ignore = Model.Ignore.FindAll(t => t.Path.Length > 0);
    }

    /// <summary>Cleans up and prints the file (modfile Cleanup + Format).</summary>
    public string Format()
    {
        Cleanup();
        return ModFilePrinter.Format(Syntax);
    }

    /// <summary>What `go mod edit` writes after its edits: SortBlocks, Cleanup, Format.</summary>
    public string FormatLikeGoModEdit()
    {
        SortBlocks();
        return Format();
    }

    /// <summary>
    /// The edits that turn <paramref name="originalText"/> (the text this editor was opened on) into the edited file,
    /// line-granular (see <see cref="TextEdits.Diff"/>); with <paramref name="likeGoModEdit"/> blocks are sorted first.
    /// </summary>
    public IReadOnlyList<ModTextEdit> ToTextEdits(string originalText, bool likeGoModEdit = false) =>
        TextEdits.Diff(originalText, likeGoModEdit ? FormatLikeGoModEdit() : Format());

    /// <summary>modfile checkCanonicalVersion, with go's error text.</summary>
    private static void CheckCanonicalVersion(string path, string version)
    {
        var (_, pathMajor, pathMajorOk) = ModulePath.SplitPathVersion(path);
        if (version.Length == 0 || version != ModulePath.CanonicalVersion(version))
        {
            var form = pathMajor.Length == 0 ? "v1.2.3" : PathMajorPrefix(pathMajor) + ".2.3";
            throw new ModEditException($"version {GoQuote.Quote(version)} invalid: must be of the form {form}");
        }

        if (pathMajorOk && ModulePath.CheckPathMajor(version, pathMajor) is { } why)
        {
            throw new ModEditException(pathMajor.Length == 0
                ? $"version {GoQuote.Quote(version)} invalid: should be {version}+incompatible (or module {path}/{Semver.Major(version)})"
                : $"version {GoQuote.Quote(version)} invalid: {why}");
        }
    }

    private static string PathMajorPrefix(string pathMajor)
    {
        if (pathMajor.StartsWith(".v", StringComparison.Ordinal) && pathMajor.EndsWith("-unstable", StringComparison.Ordinal))
        {
            pathMajor = pathMajor[..^"-unstable".Length];
        }

        return pathMajor[1..];
    }
}
