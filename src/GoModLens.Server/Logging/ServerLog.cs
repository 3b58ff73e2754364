using System.Globalization;
using System.Threading.Channels;
using GoModLens.Protocol;
using GoModLens.Server.Features;

namespace GoModLens.Server.Logging;

/// <summary>
/// Log sink for the whole server: every message goes to stderr (stdout carries the protocol and is never
/// written), and messages at or above <see cref="ClientLevel"/> also go to the client as window/logMessage once a
/// client is attached. Client delivery is queued so logging never blocks or reorders the caller.
/// </summary>
internal sealed class ServerLog : IServerLog, IAsyncDisposable
{
    private readonly TextWriter _stderr;
    private readonly TimeProvider _timeProvider;
    private readonly Channel<LogMessageParams> _toClient = Channel.CreateUnbounded<LogMessageParams>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _stderrLock = new();
    private volatile ILanguageClient? _client;
    private Task _pump = Task.CompletedTask;

    public ServerLog(TextWriter stderr, TimeProvider timeProvider)
    {
        _stderr = stderr;
        _timeProvider = timeProvider;
    }

    public LogLevel ClientLevel { get; set; } = LogLevel.Information;

    public LogLevel StderrLevel { get; set; } = LogLevel.Debug;

    public void AttachClient(ILanguageClient client)
    {
        _client = client;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Stops forwarding to the client (the connection is closing); stderr logging continues.</summary>
    public void DetachClient() => _client = null;

    public void Log(LogLevel level, string message)
    {
        if (level >= StderrLevel)
        {
            var stamp = _timeProvider.GetUtcNow().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
            lock (_stderrLock)
            {
                _stderr.WriteLine($"[{stamp} {level}] {message}");
                _stderr.Flush();
            }
        }

        if (_client is not null && level >= ClientLevel)
        {
            _toClient.Writer.TryWrite(new LogMessageParams(ToMessageType(level), message));
        }
    }

    public void Debug(string message) => Log(LogLevel.Debug, message);

    public void Info(string message) => Log(LogLevel.Information, message);

    public void Warn(string message) => Log(LogLevel.Warning, message);

    public void Error(string message) => Log(LogLevel.Error, message);

    public void Error(string message, Exception exception) => Log(LogLevel.Error, $"{message}: {exception}");

    public async ValueTask DisposeAsync()
    {
        _toClient.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }

    private async Task PumpAsync()
    {
        await foreach (var message in _toClient.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                if (_client is not { } client)
                {
                    continue;
                }

                await client.NotifyAsync("window/logMessage", message).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or StreamJsonRpc.ConnectionLostException)
            {
                return; // The connection is gone; stderr has every message.
            }
            catch (Exception ex)
            {
                lock (_stderrLock)
                {
                    _stderr.WriteLine($"[log] window/logMessage failed: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }
    }

    private static MessageType ToMessageType(LogLevel level) => level switch
    {
        LogLevel.Error => MessageType.Error,
        LogLevel.Warning => MessageType.Warning,
        LogLevel.Information => MessageType.Info,
        LogLevel.Debug => MessageType.Log,
        _ => MessageType.Debug,
    };
}
