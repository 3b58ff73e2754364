using System.Globalization;
using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Ports;
using GoModLens.Analysis.Resolution;

namespace GoModLens.Server.Features.GoMod;

/// <summary>Sends <c>gomodlens/status</c>: the GOPROXY in force, where it came from, and how the last run went.</summary>
internal sealed class StatusPublisher
{
    private volatile IClientChannel? _channel;
    private GoModStatus? _last;
    private readonly Lock _gate = new();

    public GoModStatus? Last => _last;

    public void Attach(IClientChannel channel) => _channel = channel;

    public static string Source(EnvValue value) => value.Source switch
    {
        EnvSource.EditorSetting => "editor setting",
        EnvSource.ProcessEnvironment => "environment variable",
        EnvSource.GoEnvFile => "go env -w (" + value.SourcePath + ")",
        EnvSource.GoRootGoEnv => "$GOROOT/go.env",
        _ => "go default",
    };

    // The GOPROXY as the client may show it: the status bar is on screen (and in screenshots), credentials never are.
    private static string Shown(Analysis.Environment.GoEnvironment env) => Analysis.Reports.Redaction.List(env.GoProxy.Value);

    /// <summary>"https://goproxy.cn,direct" → "goproxy.cn" ("https://TOKEN@corp.example/" → "xxxxx@corp.example").</summary>
    public static string ShortProxy(string goproxy)
    {
        var first = Analysis.Reports.Redaction.Url(goproxy.Split([',', '|'], 2)[0].Trim());
        if (first.Length == 0)
        {
            return "GOPROXY unset";
        }

        var s = first.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? first[8..]
            : first.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? first[7..]
            : first;
        return s.TrimEnd('/');
    }

    /// <summary>The status text with the network disabled: nothing goes to the GOPROXY, answers come from $GOMODCACHE only.</summary>
    public const string ModuleCacheOnly = "module cache only";

    public void Resolving(GoEnvironment env, int done, int total, bool offline = false) =>
        Publish(new GoModStatus(Shown(env), Source(env.GoProxy), offline ? "unknown" : _last?.Health ?? "unknown",
            $"{(offline ? ModuleCacheOnly : ShortProxy(env.GoProxy.Value))} … {done}/{total}", true, done, total));

    /// <summary>The headline after a run: failing if a proxy failed at the network level, slow above 1 s, ok otherwise.</summary>
    public void Done(GoEnvironment env, IReadOnlyCollection<RequirementReport> reports, int total, bool offline = false)
    {
        if (offline)
        {
            // No proxy was asked, so there is no proxy health to claim.
            Publish(new GoModStatus(Shown(env), Source(env.GoProxy), "unknown", ModuleCacheOnly, false, reports.Count, total));
            return;
        }

        var shortProxy = ShortProxy(env.GoProxy.Value);
        var failure = reports.Select(r => r.Failure).FirstOrDefault(f => f is not null && IsNetworkFailure(f.Kind));
        var answered = reports.Where(r => r.Info is { FromModuleCache: false, Elapsed.Ticks: > 0 }).Select(r => r.Info!.Elapsed).Order().ToList();
        string health;
        string text;
        if (failure is not null)
        {
            health = "failing";
            text = $"{shortProxy} ✗ {FailureLabel(failure.Kind)}";
        }
        else if (answered.Count > 0)
        {
            var median = answered[answered.Count / 2];
            health = median > TimeSpan.FromSeconds(1) ? "slow" : "ok";
            text = $"{shortProxy} {(health == "ok" ? "✓" : "⚠")} {((int)median.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)} ms";
        }
        else
        {
            health = "unknown";
            text = shortProxy;
        }

        Publish(new GoModStatus(Shown(env), Source(env.GoProxy), health, text, false, reports.Count, total));
    }

    /// <summary>Environment changed (or first open): say which GOPROXY is in force before anything resolves.</summary>
    public void Idle(GoEnvironment env, bool offline = false)
    {
        var previous = _last;
        if (previous is not null && previous.GoProxy == Shown(env) && previous.Source == Source(env.GoProxy)
            && (previous.Text == ModuleCacheOnly) == offline)
        {
            return;
        }

        Publish(new GoModStatus(Shown(env), Source(env.GoProxy), "unknown", offline ? ModuleCacheOnly : ShortProxy(env.GoProxy.Value), false));
    }

    private void Publish(GoModStatus status)
    {
        lock (_gate)
        {
            _last = status;
        }

        if (_channel is { } channel)
        {
            _ = channel.NotifyAsync(GoModStatus.Method, status);
        }
    }

    private static bool IsNetworkFailure(FailureKind kind) => kind is not (FailureKind.None or FailureKind.NotFound or FailureKind.Gone
        or FailureKind.Disabled or FailureKind.ConfigurationError or FailureKind.Unauthorized or FailureKind.Forbidden);

    private static string FailureLabel(FailureKind kind) => kind switch
    {
        FailureKind.DnsNotFound or FailureKind.DnsServerFailure or FailureKind.DnsTimeout => "DNS",
        FailureKind.ConnectionRefused or FailureKind.ConnectionReset => "connect",
        FailureKind.ConnectTimeout or FailureKind.FirstByteTimeout or FailureKind.BodyStalled => "timeout",
        FailureKind.Tls => "TLS",
        _ => kind.ToString(),
    };
}
