using System.Text.Json;
using GoModLens.Server.Configuration;
using GoModLens.Server.Features;
using GoModLens.Server.Workspace;

namespace GoModLens.Server.Tests;

public sealed class ClassificationAndSettingsTests
{
    [Theory]
    [InlineData("file:///p/go.mod", "go.mod", DocumentKind.GoMod)]
    [InlineData("file:///p/anything.txt", "gomod", DocumentKind.GoMod)]
    [InlineData("file:///p/go.sum", "go.sum", DocumentKind.GoSum)]
    [InlineData("file:///p/x", "gosum", DocumentKind.GoSum)]
    [InlineData("file:///p/go.mod", "plaintext", DocumentKind.GoMod)]
    [InlineData("file:///p/go.sum", null, DocumentKind.GoSum)]
    [InlineData("untitled:go.mod", "plaintext", DocumentKind.GoMod)]
    [InlineData("file:///p/main.go", "go", DocumentKind.Other)]
    [InlineData("file:///p/go.mod.bak", "plaintext", DocumentKind.Other)]
    [InlineData("file:///p/go.work", "go.work", DocumentKind.GoWork)]
    [InlineData("file:///p/x", "gowork", DocumentKind.GoWork)]
    [InlineData("file:///p/go.work", "plaintext", DocumentKind.GoWork)]
    [InlineData("file:///p/go.work.sum", "plaintext", DocumentKind.GoSum)] // go.sum's format
    [InlineData("file:///p/go.work.sum", "go.sum", DocumentKind.GoSum)]
    [InlineData("file:///p/go.work", "go.mod", DocumentKind.GoWork)]       // the name wins, as in go
    [InlineData("file:///p/go.sum", "hercules", DocumentKind.GoSum)]       // Neovim 0.7's filetype for go.sum
    [InlineData("file:///p/go.work.sum.orig", "plaintext", DocumentKind.Other)]
    public void Documents_are_classified_by_file_name_then_language_id(string uri, string? languageId, DocumentKind expected) =>
        Assert.Equal(expected, DocumentClassifier.Classify(uri, languageId));

    [Fact]
    public void Settings_read_both_wrapped_and_bare_objects()
    {
        var problems = new List<string>();
        var wrapped = SettingsReader.Apply(ServerSettings.Default, Json("""{"gomodlens":{"goproxy":"https://p.example","network":false}}"""), problems);
        var bare = SettingsReader.Apply(ServerSettings.Default, Json("""{"mirrors":["https://m1", " "],"timeoutMs":2500,"concurrency":3,"inlayHints":false,"logLevel":"debug"}"""), problems);

        Assert.Empty(problems);
        Assert.Equal("https://p.example", wrapped.GoProxy);
        Assert.False(wrapped.NetworkEnabled);
        Assert.True(wrapped.InlayHintsEnabled);
        Assert.Equal(["https://m1"], bare.ExtraMirrors.ToArray());
        Assert.Equal(TimeSpan.FromMilliseconds(2500), bare.RequestTimeout);
        Assert.Equal(3, bare.MaxConcurrency);
        Assert.False(bare.InlayHintsEnabled);
        Assert.Equal(LogLevel.Debug, bare.LogLevel);
    }

    [Fact]
    public void Settings_with_wrong_types_are_reported_and_keep_the_previous_value()
    {
        var problems = new List<string>();
        var settings = SettingsReader.Apply(ServerSettings.Default, Json("""{"timeoutMs":"soon","concurrency":0,"network":"yes","mirrors":[1],"unknown":true}"""), problems);

        Assert.Equal(ServerSettings.Default, settings);
        Assert.Equal(4, problems.Count);
    }

    [Fact]
    public void Missing_or_non_object_settings_change_nothing()
    {
        var problems = new List<string>();

        Assert.Same(ServerSettings.Default, SettingsReader.Apply(ServerSettings.Default, null, problems));
        Assert.Same(ServerSettings.Default, SettingsReader.Apply(ServerSettings.Default, Json("42"), problems));
        Assert.Empty(problems);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
