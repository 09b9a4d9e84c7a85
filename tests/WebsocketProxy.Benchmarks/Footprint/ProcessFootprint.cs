using System.Globalization;

namespace WebsocketProxy.Benchmarks.Footprint;

/// <summary>
/// What a process holds, read from <c>/proc/self</c> (Linux): resident memory after a full blocking, compacting
/// collection (the median of several reads, so one page-reclaim or allocation burst does not decide), the managed
/// heap, the thread count and the names of the product's threads (<c>wsproxy-*</c>, as the kernel knows them).
/// RSS splits into anonymous memory (heaps, stacks, JIT code), file pages (the runtime's and the assemblies' images)
/// and shared memory (the pages of the proxy's rings this process has touched), from the last read.
/// </summary>
internal sealed record ProcessFootprint(
    long RssKiB,
    long PeakRssKiB,
    long AnonKiB,
    long FileKiB,
    long ShmemKiB,
    long ManagedHeapKiB,
    int Threads,
    IReadOnlyList<string> ProductThreads,
    IReadOnlyList<string> AllThreads)
{
    /// <summary>Collects, then reads RSS <paramref name="samples"/> times <paramref name="interval"/> apart.</summary>
    public static async Task<ProcessFootprint> MeasureAsync(int samples, TimeSpan interval)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        var reads = new List<long>(samples);
        for (var i = 0; i < samples; i++)
        {
            await Task.Delay(interval);
            reads.Add(StatusField("VmRSS:"));
        }

        reads.Sort();
        var threads = ThreadNames();
        return new ProcessFootprint(
            reads[reads.Count / 2],
            StatusField("VmHWM:"),
            StatusField("RssAnon:"),
            StatusField("RssFile:"),
            StatusField("RssShmem:"),
            heap / 1024,
            (int)StatusField("Threads:"),
            [.. threads.Where(n => n.StartsWith("wsproxy-", StringComparison.Ordinal))],
            threads);
    }

    /// <summary>A numeric field of <c>/proc/self/status</c> (kB for the memory fields).</summary>
    private static long StatusField(string name)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(name, StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(name.Length).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/self/status has no {name} line (the footprint benchmark runs on Linux only).");
    }

    /// <summary>The kernel's names of this process's threads (a .NET thread name, cut to 15 bytes), sorted.</summary>
    private static List<string> ThreadNames()
    {
        var names = new List<string>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                names.Add(File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n'));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The thread ended between the listing and the read.
            }
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }
}
