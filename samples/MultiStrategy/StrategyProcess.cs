using System.Diagnostics;
using System.Text.Json;
using WebsocketProxy.Alpaca;

namespace MultiStrategy;

/// <summary>One strategy running in its own OS process; its reports arrive as JSON lines on standard output.</summary>
internal sealed class StrategyProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _streaming = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reader;
    private StrategyReport _latest;

    private StrategyProcess(Process process, StrategyReport initial)
    {
        _process = process;
        _latest = initial;
        _reader = Task.Run(ReadReportsAsync);
    }

    public StrategyReport Latest => Volatile.Read(ref _latest);

    /// <summary>Completes once the strategy has reported a message, or a fault, or has ended: it is past starting.</summary>
    public Task Streaming => _streaming.Task;

    /// <param name="kind">The strategy to run.</param>
    /// <param name="name">Its name in reports.</param>
    /// <param name="symbols">What it watches.</param>
    /// <param name="environment">Settings added to the child's environment (never a secret: /proc shows them).</param>
    /// <param name="credentials">Sent to the child on its standard input when given; otherwise it reads its environment.</param>
    public static StrategyProcess Start(string kind, string name, IEnumerable<string> symbols, IReadOnlyDictionary<string, string> environment, AlpacaCredentials? credentials)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The sample cannot tell its own executable path.");
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        // Started as `dotnet MultiStrategy.dll` (no apphost): the child needs the assembly path too.
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            info.ArgumentList.Add(typeof(StrategyProcess).Assembly.Location);
        }

        foreach (var argument in (string[])["strategy", "--kind", kind, "--name", name, "--symbols", string.Join(',', symbols)])
        {
            info.ArgumentList.Add(argument);
        }

        if (credentials is not null)
        {
            info.ArgumentList.Add(StrategyWorker.CredentialsOnInputOption);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start strategy {name}.");

        // Credentials never travel on the command line (`ps` shows it) nor in the environment (/proc shows it):
        // two lines on standard input, which then stays open as the stop signal.
        if (credentials is not null)
        {
            process.StandardInput.WriteLine(credentials.KeyId);
            process.StandardInput.WriteLine(credentials.Secret);
            process.StandardInput.Flush();
        }
        return new StrategyProcess(process, new StrategyReport { Name = name, Stream = kind, Fault = "starting" });
    }

    /// <summary>Asks the strategy to stop (closing its standard input) and waits for it, killing it after the timeout.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already gone.
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await _reader;
        _process.Dispose();
    }

    private async Task ReadReportsAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            try
            {
                if (JsonSerializer.Deserialize(line, ReportJsonContext.Default.StrategyReport) is { } report)
                {
                    Volatile.Write(ref _latest, report);
                    if (report.Messages > 0 || report.Fault is not null)
                    {
                        _streaming.TrySetResult();
                    }
                }
            }
            catch (JsonException)
            {
                // A stray line (for example a runtime warning) is not a report.
            }
        }

        var exit = _process.HasExited ? _process.ExitCode : 0;
        if (exit != 0)
        {
            Volatile.Write(ref _latest, Latest with { Fault = $"exited with code {exit}" });
        }

        _streaming.TrySetResult();
    }
}
