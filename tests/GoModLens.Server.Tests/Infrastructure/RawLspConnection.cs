using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GoModLens.Server.Tests.Infrastructure;

/// <summary>Byte-level LSP framing for tests that must send what no well-behaved client would.</summary>
internal sealed class RawLspConnection(Stream stream)
{
    public Task SendAsync(object message) => SendBodyAsync(JsonSerializer.Serialize(message));

    public async Task SendBodyAsync(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var header = Encoding.ASCII.GetBytes($"Content-Length: {bytes.Length}\r\n\r\n");
        await stream.WriteAsync(header);
        await stream.WriteAsync(bytes);
        await stream.FlushAsync();
    }

    public async Task<JsonElement> ReadAsync(CancellationToken cancellationToken)
    {
        var length = -1;
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken);
            if (line.Length == 0)
            {
                break;
            }

            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Skips notifications until the response with <paramref name="id"/>.</summary>
    public async Task<JsonElement> ReadResponseAsync(int id)
    {
        using var timeout = new CancellationTokenSource(LspTestHarness.Timeout);
        while (true)
        {
            var message = await ReadAsync(timeout.Token);
            if (message.TryGetProperty("id", out var got) && got.ValueKind == JsonValueKind.Number && got.GetInt32() == id
                && !message.TryGetProperty("method", out _))
            {
                return message;
            }
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var builder = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            await stream.ReadExactlyAsync(one, cancellationToken);
            if (one[0] == '\n')
            {
                return builder.ToString().TrimEnd('\r');
            }

            builder.Append((char)one[0]);
        }
    }
}
