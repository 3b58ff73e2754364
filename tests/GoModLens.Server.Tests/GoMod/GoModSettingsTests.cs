using System.Text.Json;
using GoModLens.Server.Configuration;

namespace GoModLens.Server.Tests.GoMod;

/// <summary>The go.mod features' settings: mirrors (nested and the older bare list) and checkout search roots.</summary>
public sealed class GoModSettingsTests
{
    [Fact]
    public void Mirrors_accepts_the_nested_form_and_the_older_bare_list_of_extras()
    {
        var problems = new List<string>();
        var nested = SettingsReader.Apply(ServerSettings.Default, Json("""{"mirrors":{"public":false,"extra":["https://m1"," "]},"checkouts":{"searchRoots":["/src"]}}"""), problems);
        var bare = SettingsReader.Apply(ServerSettings.Default, Json("""{"gomodlens":{"mirrors":["https://m2"]}}"""), problems);

        Assert.Empty(problems);
        Assert.False(nested.PublicMirrors);
        Assert.Equal(["https://m1"], nested.ExtraMirrors.ToArray());
        Assert.Equal(["/src"], nested.CheckoutSearchRoots.ToArray());
        Assert.True(bare.PublicMirrors);
        Assert.Equal(["https://m2"], bare.ExtraMirrors.ToArray());
        Assert.True(ServerSettings.Default.PublicMirrors);
        Assert.NotEqual(ServerSettings.Default, nested);
        Assert.Equal(nested, SettingsReader.Apply(ServerSettings.Default, Json("""{"mirrors":{"public":false,"extra":["https://m1"]},"checkouts":{"searchRoots":["/src"]}}"""), problems));
    }

    [Fact]
    public void Wrong_types_are_reported_and_keep_the_previous_value()
    {
        var problems = new List<string>();
        var start = ServerSettings.Default with { PublicMirrors = false };
        var result = SettingsReader.Apply(start, Json("""{"mirrors":{"public":"no","extra":[1]},"checkouts":{"searchRoots":"x"}}"""), problems);

        Assert.False(result.PublicMirrors);
        Assert.Empty(result.ExtraMirrors);
        Assert.Equal(["mirrors.public must be true or false", "mirrors.extra must be an array of strings", "checkouts.searchRoots must be an array of strings"], problems);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
