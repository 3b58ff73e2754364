namespace GoModLens.Server.Dispatch;

/// <summary>A request failure with an LSP error code; the dispatcher turns it into a JSON-RPC error response.</summary>
internal sealed class LspErrorException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}
