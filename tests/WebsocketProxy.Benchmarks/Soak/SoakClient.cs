using System.Diagnostics;
using System.Globalization;

namespace WebsocketProxy.Benchmarks.Soak;

/// <summary>
/// One client slot of the soak: a <see cref="SoakPeer"/> process, restarted now and then, with the totals of the
/// processes it ran before (each one's last <c>stats</c> line).
/// </summary>
internal sealed class SoakClient(Func<Process> start) : IDisposable
{
    private readonly long[] _previous = new long[SoakStats.Fields];
    private Process? _process;
    private Task _pump = Task.CompletedTask;
    private long[] _current = new long[SoakStats.Fields];
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Restarts { get; private set; }

    public int Failures { get; private set; }

    public int Pid => _process?.Id ?? 0;

    /// <summary>Its process ended by itself (its streams failed): it is started again and counted.</summary>
    public bool HasFailed => _process is { HasExited: true };

    /// <summary>Totals over every process of this slot: trades, quotes, gaps, lost, reconnects, churns.</summary>
    public long[] Totals
    {
        get
        {
            lock (_previous)
            {
                return [.. _previous.Zip(_current, (a, b) => a + b)];
            }
        }
    }

    public async Task StartAsync()
    {
        _ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = start();
        _pump = PumpAsync(_process, _ready);
        await _ready.Task.WaitAsync(TimeSpan.FromMinutes(2));
    }

    /// <summary>Ends the process, by kill -9 or by closing its stdin, keeps its totals, starts another.</summary>
    public async Task RestartAsync(bool kill)
    {
        await StopAsync(kill);
        Restarts++;
        await StartAsync();
    }

    /// <summary>Starts another process after this one ended by itself.</summary>
    public async Task ReviveAsync()
    {
        Failures++;
        await StopAsync(kill: false);
        await StartAsync();
    }

    public async Task StopAsync(bool kill)
    {
        var process = _process ?? throw new InvalidOperationException("Not started.");
        if (process.HasExited)
        {
            // Ended by itself.
        }
        else if (kill)
        {
            process.Kill();
        }
        else
        {
            process.StandardInput.Close();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);

        // Its last stats line is read before its totals are kept.
        await _pump.WaitAsync(timeout.Token);
        lock (_previous)
        {
            for (var i = 0; i < _previous.Length; i++)
            {
                _previous[i] += _current[i];
            }

            _current = new long[SoakStats.Fields];
        }

        process.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            process.WaitForExit(10_000);
        }

        _process?.Dispose();
    }

    private async Task PumpAsync(Process process, TaskCompletionSource ready)
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line == "ready")
            {
                ready.TrySetResult();
            }
            else if (line.StartsWith("stats ", StringComparison.Ordinal))
            {
                var values = line.Split(' ').Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                lock (_previous)
                {
                    _current = values;
                }
            }
            else if (line.StartsWith("failed ", StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"[soak-peer {process.Id}] {line}");
            }
        }

        ready.TrySetException(new InvalidOperationException($"soak-peer {process.Id} exited before it was ready."));
    }
}
