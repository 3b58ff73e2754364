using System.Text.RegularExpressions;

namespace GoModLens.Analysis.Resolution;

/// <summary>Finds <c>&lt;meta name="go-import" content="prefix vcs repo"&gt;</c> in a ?go-get=1 page (cmd/go vcs discovery).</summary>
internal static partial class GoImportMetaParser
{
    [GeneratedRegex("<meta\\s+[^>]*name\\s*=\\s*[\"']go-import[\"'][^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaTag();

    [GeneratedRegex("content\\s*=\\s*[\"']([^\"']*)[\"']", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Content();

    /// <summary>The go-import meta whose prefix is a prefix of <paramref name="importPath"/>, or null.</summary>
    public static GoImportMeta? Find(string html, string importPath)
    {
        foreach (Match tag in MetaTag().Matches(html))
        {
            var content = Content().Match(tag.Value);
            if (!content.Success)
            {
                continue;
            }

            var fields = content.Groups[1].Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3)
            {
                continue;
            }

            if (importPath == fields[0] || importPath.StartsWith(fields[0] + "/", StringComparison.Ordinal))
            {
                return new GoImportMeta(fields[0], fields[1], fields[2]);
            }
        }

        return null;
    }
}
