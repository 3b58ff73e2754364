using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using System.Text.Json;
using GoModLens.Protocol;
using Nerdbank.Streams;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace GoModLens.Server.Transport;

/// <summary>
/// LSP base protocol framing (Content-Length headers) whose reader survives a message body that is not valid
/// JSON-RPC: StreamJsonRpc would otherwise drop the whole connection. The body has already been consumed by the
/// time deserialization fails, so skipping to the next message is safe. Broken headers are not recoverable
/// (there is no way to find the next message boundary) and still end the connection.
/// </summary>
internal sealed class LspMessageHandler : HeaderDelimitedMessageHandler
{
    private readonly Action<string> _reportMalformed;

    public LspMessageHandler(Stream sendingStream, Stream receivingStream, Action<string> reportMalformed)
        : base(
            sendingStream.UsePipeWriter(new PipeOptions(pool: SmallBufferPool.Instance)),
            receivingStream.UsePipeReader(0, new PipeOptions(pool: SmallBufferPool.Instance)),
            CreateFormatter())
    {
        _reportMalformed = reportMalformed;
    }

    // The formatter is marked as not hardened against dynamic code because of features we do not use (marshaled
    // objects, IProgress<T>, async enumerables); every type it serializes for us resolves through ServerJson's
    // compile-time metadata (no reflection fallback). Checked on the Native AOT build by the end-to-end suites.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only source-generated metadata is used; see above.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only source-generated metadata is used; see above.")]
    public static SystemTextJsonFormatter CreateFormatter()
    {
        var formatter = new SystemTextJsonFormatter();
        ServerJson.Configure(formatter.JsonSerializerOptions);
        return formatter;
    }

    protected override async ValueTask<JsonRpcMessage?> ReadCoreAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await base.ReadCoreAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsBodyError(ex))
            {
                _reportMalformed($"dropped malformed message: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    private static bool IsBodyError(Exception ex) =>
        ex is JsonException or InvalidOperationException or FormatException or NotSupportedException or ArgumentException
        && ex is not BadRpcHeaderException and not ObjectDisposedException and not OperationCanceledException;
}
