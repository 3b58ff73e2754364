using System.Collections.Immutable;
using System.Text.Json.Serialization;
using GoModLens.Analysis.Findings;

namespace GoModLens.Server.Features.GoMod;

/// <summary>A suggested fix as it travels in a diagnostic's data (offsets are UTF-16 into the diagnosed version).</summary>
internal sealed record FixData(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("edits"), JsonConverter(typeof(LuaSafeArrayConverter<FixEdit>))] ImmutableArray<FixEdit> Edits,
    [property: JsonPropertyName("value")] string? Value = null,
    [property: JsonPropertyName("pattern")] string? Pattern = null,
    [property: JsonPropertyName("module")] string? Module = null,
    [property: JsonPropertyName("directory")] string? Directory = null,
    [property: JsonPropertyName("version")] string? Version = null)
{
    public static FixData From(SuggestedFix fix) => fix switch
    {
        SetGoproxyMirror m => new(fix.Kind, fix.Title, [], Value: m.GoProxyValue),
        AddGoPrivate p => new(fix.Kind, fix.Title, [], Value: p.NewValue, Pattern: p.Pattern),
        AddGoNoSumDb n => new(fix.Kind, fix.Title, [], Value: n.NewValue, Pattern: n.Pattern),
        SetGoSumDb d => new(fix.Kind, fix.Title, [], Value: d.Value),
        SetGoFlags g => new(fix.Kind, fix.Title, [], Value: g.Value, Pattern: g.Dropped),
        AddReplaceLocal r => new(fix.Kind, fix.Title, EditsOf(fix), Module: r.Module, Directory: r.Directory),
        UpgradeTo u => new(fix.Kind, fix.Title, EditsOf(fix), Value: u.Version, Module: u.Module),
        AddGoWorkUse w => new(fix.Kind, fix.Title, [], Value: w.GoWorkPath),
        ReplaceInGoWork r => new(fix.Kind, fix.Title, [], Value: r.GoWorkPath, Module: r.Module, Directory: r.Directory, Version: r.Version),
        Analysis.Findings.RunGoCommand g => new(fix.Kind, fix.Title, [], Value: g.GoCommand),
        _ => new(fix.Kind, fix.Title, EditsOf(fix)),
    };

    private static ImmutableArray<FixEdit> EditsOf(SuggestedFix fix) =>
        [.. fix.Edits.Select(e => new FixEdit(e.Range.Start.Utf16Offset, e.Range.End.Utf16Offset, e.NewText))];
}

internal sealed record FixEdit(
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("end")] int End,
    [property: JsonPropertyName("newText")] string NewText);
