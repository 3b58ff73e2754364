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
        string? current = null;
        var started = Stopwatch.GetTimestamp();
        Exception? crash = null;
        var done = false;
        var thread = new Thread(() =>
        {
            try
            {
                foreach (var input in inputs)
                {
                    Volatile.Write(ref current, input);
                    Interlocked.Exchange(ref started, Stopwatch.GetTimestamp());
                    List<string> problems;
                    try
                    {
                        problems = check(input);
                    }
                    catch (Exception ex)
                    {
                        problems = ["threw " + ex];
                    }

                    if (problems.Count > 0)
                    {
                        lock (failures)
                        {
                            failures.Add($"input {Escape(input)}\n  " + string.Join("\n  ", problems.Take(3)));
                        }
                    }
                }
            }
            catch (Exception ex)
            {
                crash = ex;
            }

            Volatile.Write(ref done, true);
        }) { IsBackground = true, Name = "fuzz" };
        thread.Start();
        while (!Volatile.Read(ref done))
        {
            Thread.Sleep(50);
            var elapsed = Stopwatch.GetElapsedTime(Interlocked.Read(ref started));
            if (!Volatile.Read(ref done) && elapsed > perInput)
            {
                lock (failures)
                {
                    failures.Add($"input took more than {perInput.TotalSeconds} s: {Escape(Volatile.Read(ref current) ?? "")}");
                    return [.. failures];
                }
            }
        }

        if (crash is not null)
        {
            failures.Add("generator crashed: " + crash);
        }

        return failures;
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
