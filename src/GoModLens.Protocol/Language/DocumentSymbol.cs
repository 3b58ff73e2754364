namespace GoModLens.Protocol;

public sealed record DocumentSymbolParams(TextDocumentIdentifier TextDocument);

public sealed record DocumentSymbol
{
    public required string Name { get; init; }
    public string? Detail { get; init; }
    public required SymbolKind Kind { get; init; }
    public required Range Range { get; init; }
    public required Range SelectionRange { get; init; }
    public IReadOnlyList<DocumentSymbol>? Children { get; init; }
}

/// <summary>The flat form of a document symbol, for clients without <c>hierarchicalDocumentSymbolSupport</c>.</summary>
public sealed record SymbolInformation
{
    public required string Name { get; init; }
    public required SymbolKind Kind { get; init; }
    public required Location Location { get; init; }

    /// <summary>The name of the symbol that contains this one, for the client to qualify it with.</summary>
    public string? ContainerName { get; init; }
}

public enum SymbolKind
{
    File = 1,
    Module = 2,
    Namespace = 3,
    Package = 4,
    Class = 5,
    Method = 6,
    Property = 7,
    Field = 8,
    Constructor = 9,
    Enum = 10,
    Interface = 11,
    Function = 12,
    Variable = 13,
    Constant = 14,
    String = 15,
    Number = 16,
    Boolean = 17,
    Array = 18,
    Object = 19,
    Key = 20,
    Null = 21,
    EnumMember = 22,
    Struct = 23,
    Event = 24,
    Operator = 25,
    TypeParameter = 26,
}
