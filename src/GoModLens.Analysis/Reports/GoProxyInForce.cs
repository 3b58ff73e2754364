namespace GoModLens.Analysis.Reports;

/// <summary>The GOPROXY value a report is about and a human description of where it came from.</summary>
/// <param name="Value">The GOPROXY list (credentials are redacted when rendered).</param>
/// <param name="Source">e.g. <c>set in /home/u/.config/go/env (go env -w)</c> (<see cref="Environment.EnvValue.Describe"/>).</param>
public sealed record GoProxyInForce(string Value, string Source)
{
    public static GoProxyInForce From(Environment.EnvValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new GoProxyInForce(value.Value, value.Describe());
    }
}
