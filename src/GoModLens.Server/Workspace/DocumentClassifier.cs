using GoModLens.Server.Features;

namespace GoModLens.Server.Workspace;

/// <summary>
/// Decides what an opened document is. VS Code's Go extension uses languageId <c>go.mod</c>/<c>go.sum</c>/<c>go.work</c>,
/// Neovim <c>gomod</c>/<c>gosum</c>/<c>gowork</c>; clients without a Go grammar send <c>plaintext</c>, so the file name decides.
/// </summary>
internal static class DocumentClassifier
{
    public static DocumentKind Classify(string uri, string? languageId)
    {
        switch (languageId)
        {
            case "go.mod" or "gomod":
                return DocumentKind.GoMod;
            case "go.sum" or "gosum":
                return DocumentKind.GoSum;
            case "go.work" or "gowork":
                return DocumentKind.GoWork;
        }

        return FileName(uri) switch
        {
            "go.mod" => DocumentKind.GoMod,
            "go.sum" => DocumentKind.GoSum,
            "go.work" => DocumentKind.GoWork,
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
