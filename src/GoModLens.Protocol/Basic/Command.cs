using System.Text.Json;
using System.Text.Json.Serialization;

namespace GoModLens.Protocol;

/// <summary>A member may not share its record's name, so the wire name <c>command</c> is mapped explicitly.</summary>
public sealed record Command(
    string Title,
    [property: JsonPropertyName("command")] string CommandName,
    IReadOnlyList<JsonElement>? Arguments = null);
