namespace GoModLens.Protocol;

public sealed record LogMessageParams(MessageType Type, string Message);

public sealed record ShowMessageParams(MessageType Type, string Message);

/// <summary>window/showMessageRequest: a message with buttons; the client answers with the chosen item, or null.</summary>
public sealed record ShowMessageRequestParams(MessageType Type, string Message, IReadOnlyList<MessageActionItem> Actions);

public sealed record MessageActionItem(string Title);

public enum MessageType
{
    Error = 1,
    Warning = 2,
    Info = 3,
    Log = 4,
    Debug = 5,
}
