using System.Diagnostics;
using System.Text;

namespace GoModLens.TestUtilities.SumDb;

/// <summary>
/// A real checksum database (GOSUMDB) on 127.0.0.1: sumdb-server/main.go, built once per test process against the x/mod
/// vendored in the installed go (offline), serving records computed from a GOPROXY directory tree. Set
/// GOSUMDB=<see cref="GoSumDb"/> (or "<see cref="OtherVerifierKey"/> <see cref="Url"/>" for a wrongly keyed client).
/// Behaviours by URL prefix (<see cref="UrlFor"/>): "ok" (same as <see cref="Url"/>), "html" (captive portal: every
/// request answers an HTML page), "notiles" (/tile/ answers 404), "tile500" (/tile/ answers 500), "latest404".
/// </summary>
public sealed class SumDbServer : IDisposable
{
    public const string DefaultName = "sumdb.test";

    private static readonly Lazy<string> s_binary = new(Build);
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly object _gate = new(); // guards _requests, _syncedThrough, _stdoutClosed and stdin; Monitor.Wait for syncs
    private readonly List<string> _requests = [];
    private long _nextSync;
    private long _syncedThrough;
    private bool _stdoutClosed;

    /// <summary>
    /// Starts a database over <paramref name="treeDirectory"/>. <paramref name="preload"/> ("path@version") are
    /// recorded first, in order, so a later lookup's record is not the log's only one.
    /// </summary>
    public SumDbServer(string treeDirectory, IEnumerable<string>? preload = null, string name = DefaultName)
    {
        var psi = new ProcessStartInfo(s_binary.Value)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false), // a BOM would garble the first "sync" line
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add("-name=" + name);
        psi.ArgumentList.Add("-tree=" + treeDirectory);
        var preloaded = string.Join(',', preload ?? []);
        if (preloaded.Length > 0)
        {
            psi.ArgumentList.Add("-preload=" + preloaded);
        }

        _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + psi.FileName);
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();

        try
        {
            VerifierKey = ReadStartupLine("vkey");
            OtherVerifierKey = ReadStartupLine("otherkey");
            Url = ReadStartupLine("url");
        }
        catch
        {
            Dispose();
            throw;
        }

        Name = VerifierKey[..VerifierKey.IndexOf('+', StringComparison.Ordinal)];
        // The reader is taken here: the thread may first run after Dispose, when the Process no longer hands it out.
        var stdout = _process.StandardOutput;
        new Thread(() => ReadRequests(stdout)) { IsBackground = true, Name = "sumdb-server stdout" }.Start();
    }

    /// <summary>The verifier key of the database's signer ("name+hash+key").</summary>
    public string VerifierKey { get; }

    /// <summary>A verifier key with the same name but an unrelated key: a client using it rejects every signature.</summary>
    public string OtherVerifierKey { get; }

    /// <summary>The database name (the keys' name).</summary>
    public string Name { get; }

    /// <summary>"http://127.0.0.1:port", no trailing slash: the "ok" database.</summary>
    public string Url { get; }

    /// <summary>The URL of one behaviour ("ok", "html", "notiles", "tile500", "latest404").</summary>
    public string UrlFor(string mode) => Url + "/" + mode.Trim('/');

    /// <summary>A GOSUMDB value for this database: the right key and the URL of <paramref name="mode"/>.</summary>
    public string GoSumDb(string? mode = null) => VerifierKey + " " + (mode is null ? Url : UrlFor(mode));

    /// <summary>
    /// Every request path received so far, in arrival order (mode prefix included, e.g. "/html/lookup/…"). Waits for
    /// the server to confirm it has reported them all, so a request a finished go run made is always in the list.
    /// </summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_gate)
            {
                var token = ++_nextSync;
                try
                {
                    _process.StandardInput.WriteLine("sync " + token);
                    _process.StandardInput.Flush();
                }
                catch (IOException)
                {
                    // The server is gone: wait for its remaining output instead.
                }

                var deadline = DateTime.UtcNow + s_timeout;
                while (_syncedThrough < token && !_stdoutClosed)
                {
                    var left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero || !Monitor.Wait(_gate, left))
                    {
                        throw new TimeoutException("sumdb-server did not answer sync " + token);
                    }
                }

                return _requests.ToArray();
            }
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private string ReadStartupLine(string key)
    {
        var read = _process.StandardOutput.ReadLineAsync();
        if (!read.Wait(s_timeout))
        {
            throw new TimeoutException($"sumdb-server printed no \"{key}\" line in {s_timeout.TotalSeconds} s");
        }

        var line = read.Result;
        if (line is null || !line.StartsWith(key + " ", StringComparison.Ordinal))
        {
            _process.WaitForExit(5_000);
            string stderr;
            lock (_stderr)
            {
                stderr = _stderr.ToString();
            }

            throw new InvalidOperationException($"sumdb-server: expected \"{key} …\", got {(line is null ? "end of output" : "\"" + line + "\"")}; stderr: {stderr}");
        }

        return line[(key.Length + 1)..];
    }

    // Request lines are "GET /path"; "sync N" confirms every line before it has been read.
    private void ReadRequests(StreamReader stdout)
    {
        while (ReadLineOrEnd(stdout) is { } line)
        {
            lock (_gate)
            {
                if (line.StartsWith("sync ", StringComparison.Ordinal))
                {
                    _syncedThrough = long.Parse(line["sync ".Length..], System.Globalization.CultureInfo.InvariantCulture);
                    Monitor.PulseAll(_gate);
                }
                else if (line.IndexOf(' ', StringComparison.Ordinal) is var space and > 0)
                {
                    _requests.Add(line[(space + 1)..]);
                }
            }
        }

        lock (_gate)
        {
            _stdoutClosed = true;
            Monitor.PulseAll(_gate);
        }
    }

    // A line, or null at the end of the output or once Dispose has closed the pipe (an exception on this background
    // thread would take the whole test host down).
    private static string? ReadLineOrEnd(StreamReader stdout)
    {
        try
        {
            return stdout.ReadLine();
        }
        catch (Exception e) when (e is ObjectDisposedException or IOException)
        {
            return null;
        }
    }

    // The vendored x/mod as module golang.org/x/mod with our command inside it: sumdb needs only the standard library.
    private static string Build() =>
        XModProgram.Build("sumdb-server", Path.Combine(RepoPaths.Root, "tests", "GoModLens.TestUtilities", "SumDb", "sumdb-server"));
}
