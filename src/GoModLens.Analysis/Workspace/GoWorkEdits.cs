using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Toolchain;
using GoModLens.ModFile.Editing;
using GoModLens.ModFile.Formatting;
using GoModLens.ModFile.Semantics;

namespace GoModLens.Analysis.Workspace;

/// <summary>The go.work files the go work commands write, for quick fixes that edit a go.work.</summary>
public static class GoWorkEdits
{
    /// <summary>
    /// What <c>go work use &lt;dir&gt;</c> writes for one module directory (workcmd.workUse, then WriteWorkFile): the
    /// directory spelled relative to the go.work (other spellings of it dropped), the go line raised to the newest go
    /// line of the workspace's modules (a toolchain line it implies dropped), blocks sorted, go's format.
    /// </summary>
    /// <returns>The new go.work text; null when go would refuse: the go.work does not parse, or a module's go.mod is unreadable.</returns>
    public static string? Use(string goWorkPath, string goWorkText, string moduleDirectory, IGoEnvFileSystem files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var parse = ModFileParser.ParseWork("go.work", goWorkText);
        if (!parse.IsAcceptedByGo || !files.FileExists(Path.Combine(moduleDirectory, "go.mod")))
        {
            return null;
        }

        var workDirectory = Path.GetDirectoryName(Path.GetFullPath(goWorkPath))!;
        var model = parse.Model;
        var editor = new ModFileEditor(model);
        var spelled = DirectoryPath(workDirectory, moduleDirectory);
        var others = model.Use.Where(u => u.Path != spelled && GoPaths.Resolve(workDirectory, u.Path) is { } other && GoPaths.SameDirectory(other, moduleDirectory))
            .Select(u => u.Path).ToList();
        foreach (var other in others)
        {
            editor.DropUse(other);
        }

        editor.AddUse(spelled, "");

        // UpdateWorkGoVersion: the go.work must be at least as new as each module it uses.
        var go = model.Go?.Version ?? "1.18";
        foreach (var use in model.Use.Where(u => u.Path.Length > 0))
        {
            if (GoPaths.Resolve(workDirectory, use.Path) is not { } useDirectory || files.ReadAllText(Path.Combine(useDirectory, "go.mod")) is not { } text)
            {
                return null;
            }

            var moduleGo = ModFileParser.Parse("go.mod", text, ParseMode.Lax).Model.Go?.Version ?? "1.16";
            go = GoVersions.Compare(moduleGo, go) > 0 ? moduleGo : go;
        }

        if (GoVersions.Compare(go, model.Go?.Version ?? "1.18") > 0)
        {
            editor.AddWorkGoStmt(go);
            if (model.Toolchain is { Name: var toolchain }
                && (toolchain == "go" + go || GoVersions.Compare(GoVersions.FromToolchain(toolchain), go) < 0 || GoVersions.Compare(GoVersions.FromToolchain(toolchain), "1.21") < 0))
            {
                editor.DropToolchainStmt();
            }
        }

        // UpdateWorkFile: AddUse again for each directory whose go.mod it can read, which drops repeated lines of one
        // spelling. It reads the path as written from the current directory (the module's, for go work use .), not
        // from the go.work's, so in practice only absolute paths and paths that happen to resolve from there qualify.
        foreach (var path in model.Use.Select(u => u.Path).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList())
        {
            if (GoPaths.Resolve(moduleDirectory, path) is { } fromHere && files.FileExists(Path.Combine(fromHere, "go.mod")))
            {
                editor.AddUse(path, "");
            }
        }

        return ModFilePrinter.FormatLikeGoModEdit(parse);
    }

    /// <summary>
    /// What <c>go work edit -replace=path@version=directory</c> writes (WorkFile.AddReplace, then SortBlocks, Cleanup
    /// and go's format); null when the go.work does not parse.
    /// </summary>
    public static string? AddReplace(string goWorkText, string path, string version, string directory)
    {
        var parse = ModFileParser.ParseWork("go.work", goWorkText);
        if (!parse.IsAcceptedByGo)
        {
            return null;
        }

        new ModFileEditor(parse.Model).AddReplace(path, version, directory, "");
        return ModFilePrinter.FormatLikeGoModEdit(parse);
    }

    /// <summary>pathRel's canonical form: relative to the go.work's directory with slashes, starting with ./ or ../ (or absolute).</summary>
    public static string DirectoryPath(string workDirectory, string directory)
    {
        var relative = Path.GetRelativePath(workDirectory, directory);
        if (Path.IsPathRooted(relative))
        {
            return relative;
        }

        relative = relative.Replace(Path.DirectorySeparatorChar, '/');
        return relative is "." or ".." || relative.StartsWith("../", StringComparison.Ordinal) ? relative : "./" + relative;
    }
}
