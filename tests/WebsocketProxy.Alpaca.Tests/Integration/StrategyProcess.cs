using System.Diagnostics;
using System.Reflection;
using System.Threading.Channels;

namespace WebsocketProxy.Alpaca.Tests.Integration;

/// <summary>
/// A real child process running tests/WebsocketProxy.Alpaca.TestStrategy: it prints one line per event, so
/// tests synchronise on lines, never on sleeps. Closing its stdin stops it.
/// </summary>
internal sealed class StrategyProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];
    private int _disposed;

    private StrategyProcess(Process process)
    {
        _process = process;
        _ = PumpAsync();
    }

    public IReadOnlyList<string> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    public static StrategyProcess Start(IReadOnlyDictionary<string, string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(PathOf("TestStrategyPath"));
        foreach (var (name, value) in arguments)
        {
            start.ArgumentList.Add("--" + name);
            start.ArgumentList.Add(value);
        }

        return new StrategyProcess(Process.Start(start)!);
    }

    public static string PathOf(string key) =>
        typeof(StrategyProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(cts.Token);
                if (predicate(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Strategy {_process.Id} printed no matching line. Lines: [{string.Join(" | ", Seen)}]");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"Strategy {_process.Id} exited. Lines: [{string.Join(" | ", Seen)}]");
        }
    }

    public Task<string> WaitForLineAsync(string prefix, TimeSpan? timeout = null) =>
        WaitForLineAsync(line => line.StartsWith(prefix, StringComparison.Ordinal), timeout);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (!_process.HasExited)
        {
            try
            {
                _process.StandardInput.Close();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
            {
                _process.Kill(entireProcessTree: false);
            }
        }

        _process.Dispose();
    }

    private async Task PumpAsync()
    {
        _ = Task.Run(async () =>
        {
            while (await _process.StandardError.ReadLineAsync() is { } line)
            {
                Record("stderr: " + line);
            }
        });
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            Record(line);
            await _lines.Writer.WriteAsync(line);
        }

        _lines.Writer.TryComplete();
    }

    private void Record(string line)
    {
        lock (_seen)
        {
            _seen.Add(line);
        }
    }
}
