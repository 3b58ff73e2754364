using System.Diagnostics;

namespace GoModLens.ModFile.Tests;

/// <summary>
/// Runs checks on a background thread and fails when a single input takes longer than the limit (a hang or a
/// quadratic blow-up), reporting that input. A hung thread is abandoned (it is a background thread).
/// </summary>
internal static class FuzzWatchdog
{
    public static List<string> Run(IEnumerable<string> inputs, Func<string, List<string>> check, TimeSpan perInput)
    {
        var failures = new List<string>();
        var crash = Guard(mark =>
        {
            foreach (var input in inputs)
            {
                mark(input);
                var problems = CheckOne(check, input);
                if (problems is not null)
                {
                    lock (failures)
                    {
                        failures.Add(problems);
                    }
                }
            }
        }, perInput, out var hung);
        if (hung is not null)
        {
            failures.Add($"input took more than {perInput.TotalSeconds} s: {Escape(hung)}");
        }
        else if (crash is not null)
        {
            failures.Add("generator crashed: " + crash);
        }

        lock (failures)
        {
            return [.. failures];
        }
    }

    /// <summary>Runs the check on one input; the failure report, or null when it holds.</summary>
    public static string? CheckOne(Func<string, List<string>> check, string input)
    {
        List<string> problems;
        try
        {
            problems = check(input);
        }
        catch (Exception ex)
        {
            problems = ["threw " + ex];
        }

        return problems.Count == 0 ? null : $"input {Escape(input)}\n  " + string.Join("\n  ", problems.Take(3));
    }

    /// <summary>
    /// Runs <paramref name="body"/> on a background thread; the body calls mark(input) before each input. Returns the
    /// body's exception (or null); <paramref name="hungInput"/> is the input that exceeded the limit, if one did.
    /// </summary>
    public static Exception? Guard(Action<Action<string>> body, TimeSpan perInput, out string? hungInput)
    {
        string? current = null;
        var started = Stopwatch.GetTimestamp();
        Exception? crash = null;
        using var done = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            try
            {
                body(input =>
                {
                    Volatile.Write(ref current, input);
                    Interlocked.Exchange(ref started, Stopwatch.GetTimestamp());
                });
            }
            catch (Exception ex)
            {
                crash = ex;
            }

            done.Set();
        }) { IsBackground = true, Name = "fuzz" };
        thread.Start();
        while (!done.Wait(50))
        {
            if (Stopwatch.GetElapsedTime(Interlocked.Read(ref started)) > perInput && !done.IsSet)
            {
                hungInput = Volatile.Read(ref current) ?? "";
                return null;
            }
        }

        hungInput = null;
        return crash;
    }

    public static string Escape(string s)
    {
        var sb = new System.Text.StringBuilder("\"");
        foreach (var c in s.Length > 2000 ? s[..2000] : s)
        {
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when c < 0x20 || char.IsSurrogate(c) || c > 0x7e => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }
}
