using System.Runtime.CompilerServices;
using GoModLens.ModFile.GoSum;
using GoModLens.ModFile.Semantics;
using GoModLens.Server.Workspace;

namespace GoModLens.Server.Features.GoMod;

/// <summary>Parses memoized per document version (every request on the same snapshot shares one parse).</summary>
internal sealed class DocumentModels
{
    private readonly ConditionalWeakTable<TextDocumentSnapshot, ParseResult> _mods = new();
    private readonly ConditionalWeakTable<TextDocumentSnapshot, GoSumFile> _sums = new();
    // Weakly held: a 4 000-line go.sum parses to ~2 MB, and a session may read many (every module's, in a workspace);
    // an idle server's collection frees them and the next analysis parses again.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Path, string Name), (long Stamp, WeakReference<GoSumFile> Sum)> _diskSums = new();

    /// <summary>The shared parse (a go.work parsed as one): callers must not mutate its model (format parses its own copy).</summary>
    public ParseResult GoMod(TextDocumentSnapshot document) =>
        _mods.GetValue(document, d => d.Kind == DocumentKind.GoWork ? ModFileParser.ParseWork(FileName(d), d.Text) : ModFileParser.Parse(FileName(d), d.Text));

    public GoSumFile GoSum(TextDocumentSnapshot document) =>
        _sums.GetValue(document, d => GoSumFile.Parse(FileName(d), d.Text));

    /// <summary>
    /// The go.sum next to a go.mod (tools.sum next to tools.mod, which go reads with <c>-modfile=tools.mod</c>): the open
    /// document if there is one, else the file on disk. A go.mod on disk without one gets an empty go.sum: go needs the
    /// lines all the same (<c>missing go.sum entry for go.mod file</c>). Null only for an unsaved go.mod.
    /// </summary>
    public GoSumFile? GoSumFor(TextDocumentSnapshot goMod, WorkspaceSnapshot workspace)
    {
        if (SiblingUri(goMod.Uri, Analysis.Workspace.GoPaths.SumFileFor(LastSegment(goMod.Uri))) is { } uri && workspace.TryGetDocument(uri) is { } open)
        {
            return GoSum(open);
        }

        if (goMod.FilePath is not { } path)
        {
            return null;
        }

        var sumPath = Analysis.Workspace.GoPaths.SumFileFor(path);
        var name = Path.GetFileName(sumPath);
        return ReadDisk(sumPath, name) ?? (name == "go.sum" ? s_absent : GoSumFile.Absent(name));
    }

    private static readonly GoSumFile s_absent = GoSumFile.Absent("go.sum");

    /// <summary>The go.mod next to a go.sum (tools.mod next to tools.sum; open or on disk), or null.</summary>
    public ParseResult? GoModFor(TextDocumentSnapshot goSum, WorkspaceSnapshot workspace)
    {
        if (SiblingUri(goSum.Uri, Analysis.Workspace.GoPaths.ModFileForSum(LastSegment(goSum.Uri))) is { } uri && workspace.TryGetDocument(uri) is { } open)
        {
            return GoMod(open);
        }

        if (goSum.FilePath is { } path && Analysis.Workspace.GoPaths.ModFileForSum(path) is var modPath && File.Exists(modPath))
        {
            try
            {
                return ModFileParser.Parse(Path.GetFileName(modPath), File.ReadAllText(modPath));
            }
            catch (IOException)
            {
                return null;
            }
        }

        return null;
    }

    // The file name as the URI has it (still percent-encoded): GoPaths changes only its suffix.
    internal static string LastSegment(string uri) => uri[(uri.LastIndexOf('/') + 1)..];

    /// <summary>A file's text as the editor has it when it is open (unsaved edits included), else from disk; null when unreadable.</summary>
    public static string? OpenOrDiskText(Workspace.WorkspaceSnapshot workspace, string path)
    {
        if (workspace.TryGetDocument(new Uri(path).AbsoluteUri) is { } open)
        {
            return open.Text;
        }

        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static string? SiblingUri(string uri, string name)
    {
        var slash = uri.LastIndexOf('/');
        return slash < 0 ? null : uri[..(slash + 1)] + name;
    }

    private static string FileName(TextDocumentSnapshot d)
    {
        var slash = d.Uri.LastIndexOf('/');
        return slash < 0 ? d.Uri : Uri.UnescapeDataString(d.Uri[(slash + 1)..]);
    }

    /// <summary>
    /// The go.sum-format file at <paramref name="path"/> (a go.sum or go.work.sum): the open document if there is one,
    /// else the file on disk (named by its path), else an empty one, as go reads a missing file.
    /// </summary>
    public GoSumFile GoSumAt(string path, WorkspaceSnapshot workspace) =>
        workspace.TryGetDocument(new Uri(path).AbsoluteUri) is { } open ? GoSum(open)
            : ReadDisk(path, path) ?? GoSumFile.Absent(path);

    // Parsed once per version of the file on disk (its write time and length): a workspace reads every module's.
    private GoSumFile? ReadDisk(string path, string name = "go.sum")
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return null;
            }

            var stamp = info.LastWriteTimeUtc.Ticks ^ info.Length;
            if (_diskSums.TryGetValue((path, name), out var cached) && cached.Stamp == stamp && cached.Sum.TryGetTarget(out var kept))
            {
                return kept;
            }

            var sum = GoSumFile.Parse(name, File.ReadAllText(path));
            _diskSums[(path, name)] = (stamp, new WeakReference<GoSumFile>(sum));
            return sum;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
