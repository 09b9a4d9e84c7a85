using System.Diagnostics;
using System.Reflection;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Samples.Tests.Support;

/// <summary>
/// One sample run as a real process from its own built executable, output redirected (so the samples print their
/// plain text, not a live dashboard). Tests synchronise on its output lines and its exit, never on sleeps.
/// </summary>
public sealed partial class SampleProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ProcessOutput _output;

    private SampleProcess(Process process)
    {
        _process = process;
        _output = new ProcessOutput(process, $"Sample {process.Id}");
    }

    public int ProcessId => _process.Id;

    /// <summary>Every standard-output line so far.</summary>
    public IReadOnlyList<string> Output => _output.Output;

    /// <summary>Every standard-error line so far.</summary>
    public IReadOnlyList<string> Errors => _output.Errors;

    /// <summary>Starts the built sample <paramref name="key"/> (MultiStrategy or RawBytes) with <paramref name="run"/>'s marker.</summary>
    public static SampleProcess Start(string key, ProcessRun run, params string[] arguments)
    {
        var path = typeof(SampleProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key + "Path").Value!;
        Assert.True(File.Exists(path), $"The sample executable {path} is missing: build the test project so it builds the samples.");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(path)!,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Children inherit the marker, so the test can find every process of this run (strategies, the proxy).
        start.Environment[ProcessRun.Variable] = run.Marker;

        // A developer's real Alpaca keys or proxy path must not turn the run into something else.
        start.Environment.Remove("APCA_API_KEY_ID");
        start.Environment.Remove("APCA_API_SECRET_KEY");
        start.Environment.Remove("WEBSOCKET_PROXY_PATH");

        return new SampleProcess(Interrupts.StartWithSigIntDefault(start));
    }

    /// <summary>Waits for an output line matching <paramref name="predicate"/>, failing with the output so far.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout) => _output.WaitForLineAsync(predicate, timeout);

    /// <summary>Waits for the sample to exit and for its output to be read to the end; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            await _output.Completion.WaitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Sample {_process.Id} did not exit within {timeout}.{Describe()}");
        }

        return _process.ExitCode;
    }

    /// <summary>The output and error lines, for failure messages.</summary>
    public string Describe() => _output.Describe();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Only after a failed test: take the whole tree down so no strategy outlives it.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
