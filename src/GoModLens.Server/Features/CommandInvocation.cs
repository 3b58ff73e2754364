using System.Collections.Immutable;
using System.Text.Json;

namespace GoModLens.Server.Features;

public sealed record CommandInvocation(string Title, string Name, ImmutableArray<JsonElement> Arguments);
