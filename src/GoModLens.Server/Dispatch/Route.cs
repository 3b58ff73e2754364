using System.Text.Json;

namespace GoModLens.Server.Dispatch;

/// <summary>
/// One registered LSP method. <see cref="Invoke"/> must do all ordering-relevant work (parse, enqueue)
/// synchronously, before its first await: that is what keeps queue order equal to arrival order.
/// </summary>
internal sealed record Route(string Method, bool IsNotification, Func<JsonElement?, CancellationToken, Task<object?>> Invoke);
