using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GoModLens.LspBenchmarks;

/// <summary>
/// A minimal LSP client over the server process' stdio: Content-Length framing, request/response correlation,
/// answers to the few server→client requests, and a timestamped log of every notification. Timestamps are taken
/// right after a whole message is read (before JSON parsing) and right before a message is written, so the
/// measured latencies include both pipes and the server's own serialization.
/// </summary>
internal sealed class LspConnection : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly Stream _stdout;
    private readonly Lock _writeGate = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<(JsonElement Message, long Timestamp)>> _pending = new();
    private readonly List<PublishEvent> _publishes = [];
    private readonly Lock _publishGate = new();
    private readonly Task _reader;
    private readonly Task _stderrPump;
    private int _nextId;
    private long _lastNotificationTimestamp = Stopwatch.GetTimestamp();
    private int _progressActive;

    private LspConnection(Process process, long spawnTimestamp, string? stderrLogPath)
    {
        _process = process;
        SpawnTimestamp = spawnTimestamp;
        _stdin = process.StandardInput.BaseStream;
        _stdout = process.StandardOutput.BaseStream;
        _reader = Task.Factory.StartNew(ReadLoop, TaskCreationOptions.LongRunning);
        _stderrPump = PumpStderrAsync(process.StandardError, stderrLogPath);
    }

    public long SpawnTimestamp { get; }

    public int ProcessId => _process.Id;

    /// <summary>Raised on the reader thread for every publishDiagnostics.</summary>
    public event Action<PublishEvent>? Published;

    public static LspConnection Start(ServerLaunch launch)
    {
        var info = new ProcessStartInfo(launch.ServerPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add("--debounce-ms");
        info.ArgumentList.Add(launch.DebounceMs.ToString(CultureInfo.InvariantCulture));
        foreach (var (key, value) in launch.Environment)
        {
            info.Environment[key] = value;
        }

        var spawn = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {launch.ServerPath}");
        return new LspConnection(process, spawn, launch.StderrLogPath);
    }

    public IReadOnlyList<PublishEvent> Publishes
    {
        get
        {
            lock (_publishGate)
            {
                return [.. _publishes];
            }
        }
    }

    public long LastNotificationTimestamp => Interlocked.Read(ref _lastNotificationTimestamp);

    public bool ProgressActive => Volatile.Read(ref _progressActive) > 0;

    /// <summary>Sends a request; returns the response and the send/receive timestamps.</summary>
    public async Task<(JsonElement Response, long Sent, long Received)> RequestAsync(string method, JsonNode? parameters, TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref _nextId);
        var completion = new TaskCompletionSource<(JsonElement, long)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        var sent = Write(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        var (response, received) = await completion.Task.WaitAsync(timeout);
        if (response.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"{method} failed: {error.GetRawText()}");
        }

        return (response.GetProperty("result"), sent, received);
    }

    /// <summary>Sends a notification; returns the timestamp taken just before the write.</summary>
    public long Notify(string method, JsonNode? parameters) =>
        Write(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    /// <summary>Waits until no notification arrived and no progress was open for <paramref name="quiet"/>.</summary>
    public async Task WaitForQuietAsync(TimeSpan quiet, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (!ProgressActive && Stopwatch.GetElapsedTime(LastNotificationTimestamp) >= quiet)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"server not quiet after {timeout.TotalSeconds:0} s");
    }

    /// <summary>VmRSS and VmHWM of the server process, in KiB (Linux).</summary>
    public (long RssKiB, long HwmKiB) ReadMemory()
    {
        long rss = 0, hwm = 0;
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = ParseKiB(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = ParseKiB(line);
            }
        }

        return (rss, hwm);
    }

    public async Task ShutdownAsync()
    {
        try
        {
            await RequestAsync("shutdown", null, TimeSpan.FromSeconds(10));
            Notify("exit", null);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is TimeoutException or IOException or InvalidOperationException)
        {
            Console.Error.WriteLine($"server did not shut down cleanly: {ex.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await Task.WhenAny(Task.WhenAll(_reader, _stderrPump), Task.Delay(2000));
        _process.Dispose();
    }

    private static long ParseKiB(string line) =>
        long.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);

    private static async Task PumpStderrAsync(StreamReader stderr, string? logPath)
    {
        await using var log = logPath is null ? null : new StreamWriter(logPath, append: true);
        while (await stderr.ReadLineAsync() is { } line)
        {
            if (log is not null)
            {
                await log.WriteLineAsync(line);
            }
        }
    }

    private long Write(JsonObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        lock (_writeGate)
        {
            var timestamp = Stopwatch.GetTimestamp();
            _stdin.Write(header);
            _stdin.Write(body);
            _stdin.Flush();
            return timestamp;
        }
    }

    private void ReadLoop()
    {
        try
        {
            while (ReadMessage() is { } frame)
            {
                using var document = JsonDocument.Parse(frame.Body);
                Dispatch(document.RootElement.Clone(), frame.Timestamp);
            }
        }
        catch (IOException)
        {
            // The process went away; pending requests fail below.
        }

        foreach (var pending in _pending.Values)
        {
            pending.TrySetException(new IOException("server closed its output"));
        }
    }

    private (byte[] Body, long Timestamp)? ReadMessage()
    {
        var contentLength = -1;
        while (true)
        {
            var line = ReadHeaderLine();
            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                break;
            }

            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                contentLength = int.Parse(line.AsSpan(15).Trim(), CultureInfo.InvariantCulture);
            }
        }

        var body = new byte[contentLength];
        _stdout.ReadExactly(body);
        return (body, Stopwatch.GetTimestamp());
    }

    private string? ReadHeaderLine()
    {
        var builder = new StringBuilder();
        while (true)
        {
            var b = _stdout.ReadByte();
            if (b < 0)
            {
                return null;
            }

            if (b == '\n')
            {
                return builder.ToString().TrimEnd('\r');
            }

            builder.Append((char)b);
        }
    }

    private void Dispatch(JsonElement message, long timestamp)
    {
        var hasId = message.TryGetProperty("id", out var id);
        var hasMethod = message.TryGetProperty("method", out var methodElement);
        if (hasId && !hasMethod)
        {
            if (id.ValueKind == JsonValueKind.Number && _pending.TryRemove(id.GetInt32(), out var completion))
            {
                completion.TrySetResult((message, timestamp));
            }

            return;
        }

        var method = methodElement.GetString();
        if (hasId)
        {
            AnswerServerRequest(id, method);
            return;
        }

        Interlocked.Exchange(ref _lastNotificationTimestamp, timestamp);
        switch (method)
        {
            case "textDocument/publishDiagnostics":
                var parameters = message.GetProperty("params");
                var evt = new PublishEvent(
                    parameters.GetProperty("uri").GetString()!,
                    parameters.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null,
                    parameters.GetProperty("diagnostics").GetArrayLength(),
                    timestamp);
                lock (_publishGate)
                {
                    _publishes.Add(evt);
                }

                Published?.Invoke(evt);
                break;
            case "$/progress":
                var kind = message.GetProperty("params").GetProperty("value").GetProperty("kind").GetString();
                if (kind == "begin")
                {
                    Interlocked.Increment(ref _progressActive);
                }
                else if (kind == "end")
                {
                    Interlocked.Decrement(ref _progressActive);
                }

                break;
            case "window/logMessage" or "window/showMessage":
                var type = message.GetProperty("params").GetProperty("type").GetInt32();
                if (type == 1)
                {
                    Console.Error.WriteLine($"server error: {message.GetProperty("params").GetProperty("message").GetString()}");
                }

                break;
        }
    }

    private void AnswerServerRequest(JsonElement id, string? method)
    {
        // workspace/configuration is not advertised, so the server only sees initializationOptions.
        JsonNode? result = method switch
        {
            "workspace/configuration" => new JsonArray(),
            _ => null,
        };
        var response = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = JsonNode.Parse(id.GetRawText()), ["result"] = result };
        Write(response);
    }
}
