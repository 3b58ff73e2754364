using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GoModLens.Infrastructure.Http;

/// <summary>
/// Loads the system's trusted root certificates on a background thread, once per process. On Linux the first TLS
/// handshake of a process waits while .NET reads every file of the OpenSSL certificate directory (292 on Debian 12:
/// ~80 ms of one core here) before the first https request can leave. Starting it as soon as an https proxy is known
/// overlaps it with reading the environment and go.mod, and in the language server with the diagnostics debounce.
/// The chain builder reuses the loaded store (.NET caches the system store per process). Nothing is loaded for
/// configurations without https, so OpenSSL stays out of a file:// or offline server (docs/benchmarks.md).
/// </summary>
public static class TlsTrustWarmUp
{
    private static int s_started;

    /// <summary>Starts the load unless it has started before; returns at once.</summary>
    public static void Start()
    {
        if (Interlocked.Exchange(ref s_started, 1) != 0)
        {
            return;
        }

        _ = Task.Run(static () =>
        {
            try
            {
                using var store = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
                store.Open(OpenFlags.ReadOnly);
                foreach (var certificate in store.Certificates)
                {
                    certificate.Dispose();
                }
            }
            catch (CryptographicException)
            {
                // No readable system store: the handshake reports it, with the request it belongs to.
            }
        });
    }

    /// <summary>Does a GOPROXY list talk https to anything (an https entry, or direct's origin probes)?</summary>
    public static bool IsNeededFor(string goProxy) =>
        goProxy.Contains("https://", StringComparison.OrdinalIgnoreCase)
        || goProxy.Split([',', '|'], StringSplitOptions.TrimEntries).Contains("direct", StringComparer.Ordinal);
}
