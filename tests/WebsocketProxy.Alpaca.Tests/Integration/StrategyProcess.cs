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

    private StrategyProcess(Process process)
    {
        _process = process;
        _output = new ProcessOutput(process, $"Strategy {process.Id}");
    }

    /// <summary>Every standard-output line so far.</summary>
    public IReadOnlyList<string> Seen => _output.Output;

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
        _output.WaitForLineAsync(predicate, timeout ?? TimeSpan.FromSeconds(30));

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
}
