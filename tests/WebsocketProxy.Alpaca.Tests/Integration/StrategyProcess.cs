using System.Diagnostics;
using System.Reflection;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Alpaca.Tests.Integration;

/// <summary>
/// A real child process running tests/WebsocketProxy.Alpaca.TestStrategy: it prints one line per event, so
/// tests synchronise on lines, never on sleeps. Closing its stdin stops it.
/// </summary>
internal sealed class StrategyProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ProcessOutput _output;
    private int _disposed;
    private int _consumed;

    private StrategyProcess(Process process)
    {
        _process = process;
        _output = new ProcessOutput(process, $"Strategy {process.Id}");
    }

    /// <summary>Every standard-output line so far.</summary>
    public IReadOnlyList<string> Seen => _output.Output;

    /// <summary>Every standard-error line so far.</summary>
    public IReadOnlyList<string> Errors => _output.Errors;

    /// <summary>The process id, for signals and for finding it in the proxy's status.</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything it printed, for failure messages.</summary>
    public string Describe() => $"Strategy {_process.Id}:{_output.Describe()}";

    /// <summary>kill -9: no goodbye, no cleanup; the proxy must notice by itself.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(cts.Token);
    }

    /// <summary>Waits for it to end by itself (a fatal error ends a strategy); fails after 30 s.</summary>
    public async Task WaitForExitAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Strategy {_process.Id} did not end within 30 s.{Environment.NewLine}{Describe()}");
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

    public Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan? timeout = null) =>
        WaitForIndexedLineAsync((_, line) => predicate(line), timeout);

    /// <summary>
    /// The next line starting with <paramref name="prefix"/> printed at index <paramref name="mark"/> (a
    /// <see cref="Seen"/> count taken earlier) or later: a line printed after something the test did.
    /// </summary>
    public Task<string> WaitForLineAfterAsync(int mark, string prefix, TimeSpan? timeout = null) =>
        WaitForIndexedLineAsync((index, line) => index >= mark && line.StartsWith(prefix, StringComparison.Ordinal), timeout);

    public Task<string> WaitForLineAsync(string prefix, TimeSpan? timeout = null) =>
        WaitForLineAsync(line => line.StartsWith(prefix, StringComparison.Ordinal), timeout);

    /// <summary>Every line is offered once, in order, to one waiter at a time: counting them gives each its index in <see cref="Seen"/>.</summary>
    private async Task<string> WaitForIndexedLineAsync(Func<int, string, bool> predicate, TimeSpan? timeout)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        try
        {
            return await _output.WaitForLineAsync(line => predicate(Interlocked.Increment(ref _consumed) - 1, line), limit);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            // A streaming strategy prints thousands of lines: the last ones and its errors say what happened.
            var seen = Seen;
            var message =
                $"Strategy {_process.Id} printed no matching line within {limit} ({(_process.HasExited ? "it exited" : "still running")}, {seen.Count} lines); the last ones:{Environment.NewLine}" +
                $"{string.Join(Environment.NewLine, seen.Skip(Math.Max(0, seen.Count - 30)))}{Environment.NewLine}stderr:{Environment.NewLine}{string.Join(Environment.NewLine, Errors)}";
            throw ex is TimeoutException ? new TimeoutException(message) : new InvalidOperationException(message);
        }
    }

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
}
