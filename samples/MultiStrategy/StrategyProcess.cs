using System.Diagnostics;
using System.Text.Json;

namespace MultiStrategy;

/// <summary>One strategy running in its own OS process; its reports arrive as JSON lines on standard output.</summary>
internal sealed class StrategyProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _reader;
    private StrategyReport _latest;

    private StrategyProcess(Process process, StrategyReport initial)
    {
        _process = process;
        _latest = initial;
        _reader = Task.Run(ReadReportsAsync);
    }

    public StrategyReport Latest => Volatile.Read(ref _latest);

    public static StrategyProcess Start(string kind, string name, IEnumerable<string> symbols, IReadOnlyDictionary<string, string> environment)
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

        // Credentials travel in the environment, never on the command line where `ps` would show them.
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start strategy {name}.");
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
    }
}
