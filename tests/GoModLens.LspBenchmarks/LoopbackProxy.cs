using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace GoModLens.LspBenchmarks;

/// <summary>
/// Serves a GOPROXY directory tree over http://127.0.0.1 and logs every request path, so a scenario can count
/// requests and repeated URLs (a file:// proxy cannot be counted). Loopback only.
/// </summary>
internal sealed class LoopbackProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _root;
    private readonly Task _loop;

    private LoopbackProxy(string root, int port)
    {
        _root = Path.GetFullPath(root);
        Url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<string> Requests { get; } = new();

    public static LoopbackProxy Start(string root)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new LoopbackProxy(root, port);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Answer(context));
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var path = context.Request.Url?.AbsolutePath ?? "/";
        Requests.Enqueue(path);
        var file = Path.GetFullPath(Path.Combine(_root, Uri.UnescapeDataString(path).TrimStart('/')));
        var found = file.StartsWith(_root, StringComparison.Ordinal) && File.Exists(file);
        var body = found ? File.ReadAllBytes(file) : "not found\n"u8.ToArray();
        context.Response.StatusCode = found ? 200 : 404;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.ContentLength64 = body.Length;
        context.Response.OutputStream.Write(body);
        context.Response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
