using System.Globalization;

namespace WebsocketProxy.Benchmarks.Proxy;

/// <summary>
/// On-CPU time (nanoseconds, <c>/proc/self/task/*/schedstat</c>) and voluntary context switches (sleeps:
/// <c>/proc/self/task/*/status</c>) of this process's threads, grouped as the client's frame pump
/// (<c>wsproxy-frames</c>), thread-pool workers, and the rest. CPU time per message survives a loaded machine far
/// better than wall-clock rates: another engineer's build delays the reader, it does not make it work more.
/// </summary>
internal readonly record struct ThreadCpu(long PumpNs, long PoolNs, long OtherNs, long PumpSleeps, long PoolSleeps)
{
    public long TotalNs => PumpNs + PoolNs + OtherNs;

    public static ThreadCpu Read()
    {
        long pump = 0, pool = 0, other = 0, pumpSleeps = 0, poolSleeps = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n');
                var schedstat = File.ReadAllText(Path.Combine(task, "schedstat"));
                var ns = long.Parse(schedstat.AsSpan(0, schedstat.IndexOf(' ')), CultureInfo.InvariantCulture);
                var sleeps = VoluntarySwitches(File.ReadAllLines(Path.Combine(task, "status")));
                if (name == "wsproxy-frames")
                {
                    pump += ns;
                    pumpSleeps += sleeps;
                }
                else if (name.StartsWith(".NET TP Worker", StringComparison.Ordinal))
                {
                    pool += ns;
                    poolSleeps += sleeps;
                }
                else
                {
                    other += ns;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The thread exited while it was read.
            }
        }

        return new ThreadCpu(pump, pool, other, pumpSleeps, poolSleeps);
    }

    public static ThreadCpu operator -(ThreadCpu a, ThreadCpu b)
        => new(a.PumpNs - b.PumpNs, a.PoolNs - b.PoolNs, a.OtherNs - b.OtherNs, a.PumpSleeps - b.PumpSleeps, a.PoolSleeps - b.PoolSleeps);

    /// <summary>Per message: pump ns, pool ns, other ns, total ns, pump sleeps per 1,000, pool sleeps per 1,000.</summary>
    public string PerMessage(long messages)
    {
        var n = Math.Max(messages, 1);
        return string.Create(CultureInfo.InvariantCulture, $"{PumpNs / (double)n:0} {PoolNs / (double)n:0} {OtherNs / (double)n:0} {TotalNs / (double)n:0} {PumpSleeps * 1000.0 / n:0.0} {PoolSleeps * 1000.0 / n:0.0}");
    }

    private static long VoluntarySwitches(string[] status)
    {
        foreach (var line in status)
        {
            if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan("voluntary_ctxt_switches:".Length).Trim(), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
