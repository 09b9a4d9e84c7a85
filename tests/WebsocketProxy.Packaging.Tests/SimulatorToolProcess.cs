using System.Diagnostics;

namespace WebsocketProxy.Packaging.Tests;

/// <summary>The installed alpaca-simulator tool, running on a free loopback port until disposed.</summary>
internal sealed class SimulatorToolProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;

    private SimulatorToolProcess(Process process, Uri cryptoUrl, string keyId, string secret)
    {
        _process = process;
        CryptoUrl = cryptoUrl;
        KeyId = keyId;
        Secret = secret;
    }

    public Uri CryptoUrl { get; }

    public string KeyId { get; }

    public string Secret { get; }

    /// <summary>Starts the tool and reads what it prints until it says it is ready.</summary>
    public static async Task<SimulatorToolProcess> StartAsync(string executable)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--port", "0", "--trades-per-second", "40"])
        {
            start.ArgumentList.Add(argument);
        }

        DotnetCommand.Clean(start.Environment);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var seen = new List<string>();
        using var deadline = new CancellationTokenSource(StartTimeout);
        try
        {
            Uri? crypto = null;
            string? key = null;
            string? secret = null;
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                seen.Add(line);
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts is ["Crypto", var url])
                {
                    crypto = new Uri(url);
                }
                else if (line.StartsWith("APCA-API-KEY-ID=", StringComparison.Ordinal))
                {
                    key = line["APCA-API-KEY-ID=".Length..];
                }
                else if (line.StartsWith("APCA-API-SECRET-KEY=", StringComparison.Ordinal))
                {
                    secret = line["APCA-API-SECRET-KEY=".Length..];
                }
                else if (line.StartsWith("Press Ctrl-C", StringComparison.Ordinal) && crypto is not null && key is not null && secret is not null)
                {
                    return new SimulatorToolProcess(process, crypto, key, secret);
                }
            }

            throw new InvalidOperationException($"alpaca-simulator ended before it was ready:{Environment.NewLine}{string.Join(Environment.NewLine, seen)}{Environment.NewLine}{await process.StandardError.ReadToEndAsync()}");
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new TimeoutException($"alpaca-simulator was not ready within {StartTimeout}:{Environment.NewLine}{string.Join(Environment.NewLine, seen)}");
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(deadline.Token);
        _process.Dispose();
    }
}
