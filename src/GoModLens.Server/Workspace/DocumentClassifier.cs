using GoModLens.Server.Features;

namespace GoModLens.Server.Workspace;

/// <summary>
/// Decides what an opened document is: by its file name, as go does (go.mod, go.sum, go.work, go.work.sum), else by
/// languageId for other names (an untitled buffer): VS Code's Go extension uses <c>go.mod</c>/<c>go.sum</c>/<c>go.work</c>,
/// Neovim <c>gomod</c>/<c>gosum</c>/<c>gowork</c>.
/// </summary>
internal static class DocumentClassifier
{
    public static DocumentKind Classify(string uri, string? languageId)
    {
        // go decides by name: a file named go.work is a workspace file whatever an editor's mapping says. go.work.sum
        // has go.sum's format.
        switch (FileName(uri))
        {
            case "go.mod":
                return DocumentKind.GoMod;
            case "go.sum" or "go.work.sum":
                return DocumentKind.GoSum;
            case "go.work":
                return DocumentKind.GoWork;
        }

        return languageId switch
        {
            "go.mod" or "gomod" => DocumentKind.GoMod,
            "go.sum" or "gosum" => DocumentKind.GoSum,
            "go.work" or "gowork" => DocumentKind.GoWork,
            _ => DocumentKind.Other,
        };
    }

    private static string FileName(string uri)
    {
        var end = uri.IndexOfAny(['?', '#']);
        var path = end >= 0 ? uri[..end] : uri;
        var slash = path.LastIndexOfAny(['/', ':']); // untitled:go.mod has no slash
        return Uri.UnescapeDataString(slash >= 0 ? path[(slash + 1)..] : path);
    }
}
