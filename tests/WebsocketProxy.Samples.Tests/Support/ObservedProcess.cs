using System.Globalization;

namespace WebsocketProxy.Samples.Tests.Support;

/// <summary>
/// A process read from /proc: its id, its start time (so a reused pid is never mistaken for it), its command line
/// and the names of its environment variables.
/// </summary>
public sealed record ObservedProcess(int Pid, long StartTime, IReadOnlyList<string> CommandLine, IReadOnlyList<string> EnvironmentNames)
{
    /// <summary>The websocket-proxy a client spawned (<c>websocket-proxy run --instance …</c>).</summary>
    public bool IsProxy => CommandLine.Count > 1 && Path.GetFileName(CommandLine[0]) == "websocket-proxy" && CommandLine[1] == "run";

    /// <summary>A MultiStrategy child (<c>MultiStrategy strategy --kind … --name …</c>).</summary>
    public bool IsStrategy => CommandLine.Count > 1 && Path.GetFileName(CommandLine[0]) == "MultiStrategy" && CommandLine[1] == "strategy";

    /// <summary>The value following <paramref name="option"/> on the command line, if any.</summary>
    public string? Argument(string option)
    {
        var index = CommandLine.ToList().IndexOf(option);
        return index >= 0 && index + 1 < CommandLine.Count ? CommandLine[index + 1] : null;
    }

    /// <summary>True while this very process runs; false once it has exited (a zombie has exited too).</summary>
    public bool IsAlive() => ReadStat(Pid) is { } stat && stat.StartTime == StartTime && stat.State is not ('Z' or 'X');

    /// <summary>The process group now (it changes when the process calls setsid), or null once it has gone.</summary>
    public int? ProcessGroup() => ReadStat(Pid) is { } stat && stat.StartTime == StartTime ? stat.ProcessGroup : null;

    /// <summary>The process group of <paramref name="pid"/>.</summary>
    public static int ProcessGroupOf(int pid) => ReadStat(pid)?.ProcessGroup ?? throw new InvalidOperationException($"Process {pid} has gone.");

    /// <summary>Reads <paramref name="pid"/> if its environment holds <paramref name="needle"/>; null otherwise or if it is gone or not ours.</summary>
    public static ObservedProcess? TryRead(int pid, ReadOnlySpan<byte> needle)
    {
        try
        {
            var environment = File.ReadAllBytes($"/proc/{pid}/environ");
            if (environment.AsSpan().IndexOf(needle) < 0 || ReadStat(pid) is not { } stat)
            {
                return null;
            }

            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            var names = System.Text.Encoding.UTF8.GetString(environment).Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(e => e.Split('=', 2)[0]).ToList();
            return new ObservedProcess(pid, stat.StartTime, commandLine, names);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Exited while being read, or another user's process.
            return null;
        }
    }

    public override string ToString() => $"pid {Pid}: {string.Join(' ', CommandLine)}";

    private static (char State, int ProcessGroup, long StartTime)? ReadStat(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so fields count from the last ')'.
        // After it, field 0 is the state, 2 the process group and 19 the start time (field 22 of proc(5)).
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (fields[0][0], int.Parse(fields[2], CultureInfo.InvariantCulture), long.Parse(fields[19], CultureInfo.InvariantCulture));
    }
}
