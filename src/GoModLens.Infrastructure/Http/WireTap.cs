using System.Text;

namespace GoModLens.Infrastructure.Http;

/// <summary>
/// A connection's stream that watches the first bytes of its first exchanges (a write, then the reads that follow it),
/// which .NET's errors leave out and go's are made of: the status line an HTTP proxy answers CONNECT with (go prints its
/// reason phrase verbatim) and the first record header a server answers a TLS ClientHello with (crypto/tls judges it
/// and gives up before the handshake goes further, as this stream does by failing the read with go's error). Once the
/// TLS record header is in it only passes reads and writes through. A peer that closes during one of those exchanges
/// fails the read with go's words for that early end (<see cref="EarlyCloseException"/>), which .NET's leave out too.
/// </summary>
/// <param name="connectRefused">
/// Null for a direct connection (its first exchange is the TLS handshake). For a connection to an HTTP proxy, told the
/// target ("host:port"), status code and go's text of each CONNECT answer other than 200 (a refused CONNECT leaves the
/// connection open for the next one); the exchange after a 200 is the TLS handshake.
/// </param>
/// <param name="connectAuthorization">
/// For a connection to a plain-HTTP proxy: the <c>Proxy-Authorization</c> value go sends on a CONNECT to the target
/// ("host:port"), or null for none. .NET's CONNECT carries no header of the request it tunnels and answers a proxy's
/// challenge at best, where go sends the proxy URL's credentials up front, so this stream adds the header to each
/// CONNECT it writes (a refused CONNECT's connection is reused for the next one, and that CONNECT gets it too).
/// </param>
internal sealed class WireTap(Stream inner, Action<string, int, string>? connectRefused, Func<string, string?>? connectAuthorization = null) : Stream
{
    private const int StatusLineLimit = 1024;
    private byte[]? _received;
    private int _length;
    private bool _writing; // a write came last: the next write is part of the same exchange
    private Phase _phase = connectRefused is null ? Phase.TlsRecord : Phase.ConnectAnswer;
    private string _target = "";

    // A refused CONNECT leaves the connection to .NET's pool for the next one; .NET retries a reused connection's early
    // end on a fresh one itself, so only a first exchange's end is go's to name.
    private bool _reused;

    private enum Phase
    {
        ConnectAnswer,
        AwaitingTls,
        TlsRecord,
        ProxyTls, // the HTTP proxy is itself reached over TLS: all this stream sees after its handshake is ciphertext
        Done,
    }

    /// <summary>
    /// go's error for a server whose first record is not TLS (crypto/tls readRecordOrCCS before the version is known;
    /// net/http's Client turns a record header of "HTTP/" into ErrSchemeMismatch), or null when it could be TLS.
    /// </summary>
    public static string? NotTlsError(ReadOnlySpan<byte> header)
    {
        if (header[0] == 0x80)
        {
            return "tls: unsupported SSLv2 handshake received";
        }

        var version = (header[1] << 8) | header[2];
        if (header[0] is not (21 or 22) || version >= 0x1000)
        {
            return header[..5].SequenceEqual("HTTP/"u8)
                ? "http: server gave HTTP response to HTTPS client"
                : "tls: first record does not look like a TLS handshake";
        }

        return null;
    }

    /// <summary>
    /// The status code of a CONNECT answer's status line and what go's transport reports when it is not 200: the text
    /// after the status code (<c>strings.Cut(resp.Status, " ")</c>, verbatim), or "unknown status code" when there is
    /// none; null for a line go would not take as a status line.
    /// </summary>
    public static (int Code, string Text)? ConnectAnswer(ReadOnlySpan<byte> line)
    {
        if (line.Length > 0 && line[^1] == '\r')
        {
            line = line[..^1];
        }

        var space = line.IndexOf((byte)' ');
        if (space < 0)
        {
            return null;
        }

        var status = line[(space + 1)..].TrimStart((byte)' ');
        var cut = status.IndexOf((byte)' ');
        var code = cut < 0 ? status : status[..cut];
        if (code.Length != 3 || code.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
        {
            return null;
        }

        return ((code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0'),
            cut < 0 ? "unknown status code" : Encoding.UTF8.GetString(status[(cut + 1)..]));
    }

    public override bool CanRead => inner.CanRead;

    public override bool CanWrite => inner.CanWrite;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Received(buffer[..n], requested: buffer.Length);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Received(buffer.Span[..n], requested: buffer.Length);
        return n;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Sent(buffer) is { } rewritten)
        {
            inner.Write(rewritten);
            return;
        }

        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(Sent(buffer.Span) ?? buffer, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Watches a write; returns what to write instead (a CONNECT with its Proxy-Authorization), or null.</summary>
    private byte[]? Sent(ReadOnlySpan<byte> data)
    {
        if (_phase == Phase.Done || _writing)
        {
            return null;
        }

        // The first write of an exchange.
        _writing = true;
        if (_phase == Phase.AwaitingTls)
        {
            _phase = Phase.TlsRecord;
            _length = 0;
        }
        else if (_phase == Phase.ConnectAnswer)
        {
            _length = 0;
            // "CONNECT host:port HTTP/1.1": the tunnel this exchange asks for.
            if (data.StartsWith("CONNECT "u8) && data[8..].IndexOf((byte)' ') is var end and > 0)
            {
                _target = Encoding.ASCII.GetString(data.Slice(8, end));
                return WithProxyAuthorization(data, connectAuthorization?.Invoke(_target));
            }
            else if (_target.Length == 0)
            {
                // Not a CONNECT but a ClientHello: an https:// HTTP proxy.
                _phase = Phase.ProxyTls;
            }
        }

        return null;
    }

    /// <summary>The CONNECT request head <paramref name="data"/> with the header after its request line, as go sends it.</summary>
    private static byte[]? WithProxyAuthorization(ReadOnlySpan<byte> data, string? value)
    {
        var lineEnd = data.IndexOf("\r\n"u8);
        if (value is null || lineEnd < 0 || data.IndexOf("\r\nProxy-Authorization:"u8) >= 0)
        {
            return null;
        }

        var header = Encoding.ASCII.GetBytes("Proxy-Authorization: " + value + "\r\n");
        var rewritten = new byte[data.Length + header.Length];
        data[..(lineEnd + 2)].CopyTo(rewritten);
        header.CopyTo(rewritten, lineEnd + 2);
        data[(lineEnd + 2)..].CopyTo(rewritten.AsSpan(lineEnd + 2 + header.Length));
        return rewritten;
    }

    private void Received(ReadOnlySpan<byte> data, int requested)
    {
        if (data.IsEmpty)
        {
            // A zero-byte read (.NET waits for data with them) is no end of the stream.
            if (requested > 0)
            {
                Ended();
            }

            return;
        }

        if (_phase == Phase.ProxyTls)
        {
            _phase = Phase.Done;
            return;
        }

        if (_phase is Phase.Done or Phase.AwaitingTls)
        {
            return;
        }

        _writing = false;
        var want = _phase == Phase.TlsRecord ? 5 : StatusLineLimit;
        var take = Math.Min(data.Length, want - _length);
        if (take <= 0)
        {
            return;
        }

        data[..take].CopyTo((_received ??= new byte[StatusLineLimit]).AsSpan(_length));
        _length += take;
        var got = _received.AsSpan(0, _length);
        if (_phase == Phase.TlsRecord)
        {
            if (_length == 5)
            {
                _phase = Phase.Done;
                if (NotTlsError(got) is { } error)
                {
                    throw new NotTlsException(error, got.ToArray());
                }
            }
        }
        else if (got.IndexOf((byte)'\n') is var end and >= 0)
        {
            var answer = ConnectAnswer(got[..end]);
            if (answer is { Code: 200 })
            {
                _phase = Phase.AwaitingTls;
            }
            else if (answer is { } refused)
            {
                _reused = true;
                connectRefused!(_target, refused.Code, refused.Text);
            }

            _length = want; // the status line is all this exchange is read for
        }
    }

    /// <summary>The peer closed its side: fails the read with go's error when go would be in the middle of an exchange.</summary>
    private void Ended()
    {
        var error = _phase switch
        {
            // net/http reads the CONNECT answer with http.ReadResponse, which turns any early end into io.ErrUnexpectedEOF.
            Phase.ConnectAnswer or Phase.AwaitingTls when _target.Length > 0 && !_reused => "unexpected EOF",
            // crypto/tls takes an end at a record boundary as io.EOF, inside a record header as io.ErrUnexpectedEOF;
            // neither is wrapped, in a tunnel or not.
            Phase.TlsRecord => _length == 0 ? "EOF" : "unexpected EOF",
            // Reaching the proxy itself is the one step go wraps in "proxyconnect tcp:" (its dial and its TLS).
            Phase.ProxyTls => "proxyconnect tcp: EOF",
            _ => null,
        };
        if (error is not null)
        {
            _phase = Phase.Done;
            throw new EarlyCloseException(error);
        }
    }
}

/// <summary>The peer closed during an exchange go names the end of; <see cref="IOException.Message"/> is go's error.</summary>
internal sealed class EarlyCloseException(string goError) : IOException(goError);

/// <summary>A server answered the TLS ClientHello with a first record go refuses; <see cref="IOException.Message"/> is go's error.</summary>
internal sealed class NotTlsException(string goError, byte[] header) : IOException(goError)
{
    /// <summary>The 5 bytes of the record header.</summary>
    public byte[] Header { get; } = header;

    /// <summary>Whether they are text, as a plain-HTTP server's answer is.</summary>
    public bool LooksLikeText => Header.AsSpan().IndexOfAnyExceptInRange((byte)0x20, (byte)0x7e) < 0;
}
