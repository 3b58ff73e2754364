namespace GoModLens.LspBenchmarks;

/// <summary>
/// Keystrokes that alternately break and repair one require line: append 'x' to a version (v1.2.3x), delete the
/// 'v' of a version, delete the first '/' of an "// indirect" comment. Every edit changes the diagnostics, which
/// matters because the server skips a publish identical to the previous one; an odd count ends on a broken line,
/// so the last version is always published.
/// </summary>
internal static class EditScript
{
    public static IReadOnlyList<SingleCharEdit> Create(GeneratedGoMod goMod, int count)
    {
        var direct = goMod.Requires.Where(r => r.CommentStart < 0).ToList();
        var indirect = goMod.Requires.Where(r => r.CommentStart >= 0).ToList();
        var edits = new List<SingleCharEdit>(count);
        for (var i = 0; i < count; i++)
        {
            var pair = i / 2;
            var breaking = i % 2 == 0;
            var kind = pair % 3;

            // Spread over the file (the 37 stride visits lines far apart) so no position is favoured.
            var pool = kind == 2 ? indirect : (pair % 2 == 0 ? direct : indirect);
            var target = pool[pair * 37 % pool.Count];
            edits.Add(kind switch
            {
                0 => breaking
                    ? new SingleCharEdit(target.Line, target.VersionEnd, target.VersionEnd, "x", "insert in version")
                    : new SingleCharEdit(target.Line, target.VersionEnd, target.VersionEnd + 1, "", "delete in version"),
                1 => breaking
                    ? new SingleCharEdit(target.Line, target.VersionStart, target.VersionStart + 1, "", "delete in version")
                    : new SingleCharEdit(target.Line, target.VersionStart, target.VersionStart, "v", "insert in version"),
                _ => breaking
                    ? new SingleCharEdit(target.Line, target.CommentStart, target.CommentStart + 1, "", "delete in comment")
                    : new SingleCharEdit(target.Line, target.CommentStart, target.CommentStart, "/", "insert in comment"),
            });
        }

        return edits;
    }
}
